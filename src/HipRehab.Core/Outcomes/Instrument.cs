using System.Text.Json.Serialization;

namespace HipRehab.Core.Outcomes;

/// <summary>The built-in outcome instruments of docs/clinical-rules.md §5 (OM1–OM7), by their public names (docs/api.md).</summary>
public enum Instrument
{
    [JsonStringEnumMemberName("nprs")] Nprs,
    [JsonStringEnumMemberName("psfs")] Psfs,
    [JsonStringEnumMemberName("pgic")] Pgic,
    [JsonStringEnumMemberName("sane")] Sane,
    [JsonStringEnumMemberName("chair-stand-30s")] ChairStand30s,
    [JsonStringEnumMemberName("tug")] Tug,
    [JsonStringEnumMemberName("fast-walk-40m")] FastWalk40m,
}

/// <summary>Which way a score gets better.</summary>
public enum ScoreDirection
{
    /// <summary>A higher score is better (PSFS, SANE, chair stand).</summary>
    [JsonStringEnumMemberName("higher-is-better")] HigherIsBetter,

    /// <summary>A lower score is better (pain, timed tests).</summary>
    [JsonStringEnumMemberName("lower-is-better")] LowerIsBetter,
}

/// <summary>How a change from baseline reads, once the instrument's direction is taken into account.</summary>
public enum ChangeDirection
{
    [JsonStringEnumMemberName("better")] Better,
    [JsonStringEnumMemberName("same")] Same,
    [JsonStringEnumMemberName("worse")] Worse,
}

/// <summary>Where a chair-stand count falls against the age/sex norm (the 25th–75th percentile range, OM5).</summary>
public enum NormBand
{
    [JsonStringEnumMemberName("below")] Below,
    [JsonStringEnumMemberName("within")] Within,
    [JsonStringEnumMemberName("above")] Above,
}

/// <summary>What the product knows about a built-in instrument, for forms, schedules and explanations.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Name">Its usual name.</param>
/// <param name="RuleId">The rule of docs/clinical-rules.md §5 that defines it.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="NeedsHelper">True when the test may only be done with a helper or clinician present (OM6, OM7).</param>
/// <param name="HowTo">How to do it, in plain words.</param>
/// <param name="Code">The code clinical-rules gives (LOINC, SNOMED or "local").</param>
public sealed record InstrumentInfo(Instrument Instrument, string Name, string RuleId, ScoreDirection Direction, bool NeedsHelper, string HowTo, string Code);

/// <summary>The built-in instruments, in the order of docs/clinical-rules.md §5.</summary>
public static class InstrumentCatalogue
{
    /// <summary>Every built-in instrument.</summary>
    public static IReadOnlyList<InstrumentInfo> All { get; } =
    [
        new(Instrument.Nprs, "Pain rating (0 to 10)", "OM1", ScoreDirection.LowerIsBetter, false,
            "Pick the number that fits your hip pain right now: 0 means no pain, 10 means the worst pain you can imagine.", "LOINC 72514-3"),
        new(Instrument.Psfs, "Activities that are hard (PSFS)", "OM2", ScoreDirection.HigherIsBetter, false,
            "Name 3 to 5 everyday activities your hip makes hard. Rate each from 0 (cannot do it) to 10 (as well as before the problem). Keep the same activities each time.", "local"),
        new(Instrument.Pgic, "Overall change since you started (PGIC)", "OM3", ScoreDirection.LowerIsBetter, false,
            "Since you started the program, how has your hip changed overall? Pick one answer from 'very much improved' to 'very much worse'.", "local"),
        new(Instrument.Sane, "Your hip as a percentage of normal (SANE)", "OM4", ScoreDirection.HigherIsBetter, false,
            "If a fully healthy hip is 100, what number from 0 to 100 fits your hip today?", "local"),
        new(Instrument.ChairStand30s, "30-second chair stand", "OM5", ScoreDirection.HigherIsBetter, false,
            "Use a firm chair about 43 to 44 cm high, with its back against a wall. Cross your arms on your chest. Count how many times you stand all the way up and sit back down in 30 seconds. Stop if you feel unsteady or have sharp pain.", "SNOMED 450738001"),
        new(Instrument.Tug, "Timed Up and Go", "OM6", ScoreDirection.LowerIsBetter, true,
            "Only with a helper next to you. Sit in a chair with arms, wearing your usual shoes and using your usual walking aid. On 'go', stand up, walk 3 metres at your normal pace, turn, walk back and sit down. The helper times it in seconds.", "local"),
        new(Instrument.FastWalk40m, "40 m fast-paced walk", "OM7", ScoreDirection.LowerIsBetter, true,
            "Only with a helper next to you. Mark a 10 metre stretch. Walk it 4 times (there and back twice), turning at each end, as fast as you safely can without running. The helper times it in seconds.", "local"),
    ];

    /// <summary>The information for one instrument.</summary>
    public static InstrumentInfo Get(Instrument instrument) => All[(int)instrument];
}
