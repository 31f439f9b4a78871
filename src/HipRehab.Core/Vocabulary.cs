using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace HipRehab.Core;

/// <summary>Whether an exercise builds strength or stretches.</summary>
public enum Category
{
    [JsonStringEnumMemberName("strengthening")] Strengthening,
    [JsonStringEnumMemberName("stretching")] Stretching,
}

/// <summary>The body position an exercise starts in.</summary>
public enum Position
{
    [JsonStringEnumMemberName("lying-on-back")] LyingOnBack,
    [JsonStringEnumMemberName("lying-on-side")] LyingOnSide,
    [JsonStringEnumMemberName("lying-on-front")] LyingOnFront,
    [JsonStringEnumMemberName("sitting")] Sitting,
    [JsonStringEnumMemberName("standing")] Standing,
    [JsonStringEnumMemberName("kneeling")] Kneeling,
}

/// <summary>Whether both legs work together or each side is done in turn.</summary>
public enum Laterality
{
    [JsonStringEnumMemberName("both-together")] BothTogether,
    [JsonStringEnumMemberName("each-side")] EachSide,
}

/// <summary>Equipment an exercise needs (docs/api.md).</summary>
public enum Equipment
{
    [JsonStringEnumMemberName("resistance-band")] ResistanceBand,
    [JsonStringEnumMemberName("anchor-point")] AnchorPoint,
    [JsonStringEnumMemberName("chair")] Chair,
    [JsonStringEnumMemberName("wall")] Wall,
    [JsonStringEnumMemberName("step")] Step,
    [JsonStringEnumMemberName("strap")] Strap,
    [JsonStringEnumMemberName("ankle-weight")] AnkleWeight,
    [JsonStringEnumMemberName("bed")] Bed,
}

/// <summary>The movement-demand vocabulary of docs/clinical-rules.md §2.2: what an exercise asks of the hip and body.</summary>
public enum Demand
{
    [JsonStringEnumMemberName("hip-flexion-over-90")] HipFlexionOver90,
    [JsonStringEnumMemberName("adduction-past-midline")] AdductionPastMidline,
    [JsonStringEnumMemberName("internal-rotation")] InternalRotation,
    [JsonStringEnumMemberName("external-rotation")] ExternalRotation,
    [JsonStringEnumMemberName("hip-extension-past-neutral")] HipExtensionPastNeutral,
    [JsonStringEnumMemberName("active-abduction")] ActiveAbduction,
    [JsonStringEnumMemberName("kneeling")] Kneeling,
    [JsonStringEnumMemberName("lying")] Lying,
    [JsonStringEnumMemberName("side-lying")] SideLying,
    [JsonStringEnumMemberName("supine")] Supine,
    [JsonStringEnumMemberName("standing")] Standing,
    [JsonStringEnumMemberName("single-leg-stance")] SingleLegStance,
    [JsonStringEnumMemberName("forward-lean-seated")] ForwardLeanSeated,
}

/// <summary>What a person hopes to improve; exercises are tagged with the goals they serve.</summary>
public enum Goal
{
    [JsonStringEnumMemberName("pain")] Pain,
    [JsonStringEnumMemberName("range-of-motion")] RangeOfMotion,
    [JsonStringEnumMemberName("strength")] Strength,
    [JsonStringEnumMemberName("posture")] Posture,
    [JsonStringEnumMemberName("walking")] Walking,
    [JsonStringEnumMemberName("stairs")] Stairs,
    [JsonStringEnumMemberName("chair-transfers")] ChairTransfers,
}

/// <summary>Resistance-band colours, lightest first (the PM5 order).</summary>
public enum Band
{
    [JsonStringEnumMemberName("tan")] Tan,
    [JsonStringEnumMemberName("yellow")] Yellow,
    [JsonStringEnumMemberName("red")] Red,
    [JsonStringEnumMemberName("green")] Green,
    [JsonStringEnumMemberName("blue")] Blue,
    [JsonStringEnumMemberName("black")] Black,
}

/// <summary>Sex as the person reports it; used only for outcome norms.</summary>
public enum Sex
{
    [JsonStringEnumMemberName("female")] Female,
    [JsonStringEnumMemberName("male")] Male,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>Which hip hurts.</summary>
public enum PainSide
{
    [JsonStringEnumMemberName("left")] Left,
    [JsonStringEnumMemberName("right")] Right,
    [JsonStringEnumMemberName("both")] Both,
}

/// <summary>Where the pain is felt.</summary>
public enum PainLocation
{
    [JsonStringEnumMemberName("groin")] Groin,
    [JsonStringEnumMemberName("outer-hip")] OuterHip,
    [JsonStringEnumMemberName("buttock")] Buttock,
    [JsonStringEnumMemberName("diffuse")] Diffuse,
}

/// <summary>What the person believes caused the pain.</summary>
public enum Cause
{
    [JsonStringEnumMemberName("osteoarthritis")] Osteoarthritis,
    [JsonStringEnumMemberName("injury")] Injury,
    [JsonStringEnumMemberName("overuse")] Overuse,
    [JsonStringEnumMemberName("after-surgery")] AfterSurgery,
    [JsonStringEnumMemberName("unknown")] Unknown,
}

/// <summary>Kinds of hip surgery the intake asks about.</summary>
public enum SurgeryKind
{
    [JsonStringEnumMemberName("total-hip-replacement")] TotalHipReplacement,
    [JsonStringEnumMemberName("hip-arthroscopy")] HipArthroscopy,
    [JsonStringEnumMemberName("fracture-fixation")] FractureFixation,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>The surgical approach of a hip replacement, which decides its precautions (§2.1).</summary>
public enum SurgeryApproach
{
    [JsonStringEnumMemberName("posterior")] Posterior,
    [JsonStringEnumMemberName("anterior")] Anterior,
    [JsonStringEnumMemberName("lateral")] Lateral,
    [JsonStringEnumMemberName("unknown")] Unknown,
}

/// <summary>Red-flag answers of the intake and check-ins (docs/clinical-rules.md §1).</summary>
public enum RedFlag
{
    [JsonStringEnumMemberName("fall-cannot-bear-weight")] FallCannotBearWeight,
    [JsonStringEnumMemberName("hot-swollen-fever")] HotSwollenFever,
    [JsonStringEnumMemberName("bladder-bowel-saddle-both-legs")] BladderBowelSaddleBothLegs,
    [JsonStringEnumMemberName("calf-swelling-chest-breathless")] CalfSwellingChestBreathless,
    [JsonStringEnumMemberName("sudden-severe-pain")] SuddenSeverePain,
    [JsonStringEnumMemberName("cancer-night-weight-loss")] CancerNightWeightLoss,
    [JsonStringEnumMemberName("avn-risk-groin-pain")] AvnRiskGroinPain,
    [JsonStringEnumMemberName("spreading-weakness-numbness")] SpreadingWeaknessNumbness,
    [JsonStringEnumMemberName("long-morning-stiffness")] LongMorningStiffness,
    [JsonStringEnumMemberName("replacement-new-pain-or-wound")] ReplacementNewPainOrWound,
    [JsonStringEnumMemberName("replacement-clunk-dislocation")] ReplacementClunkDislocation,
}

/// <summary>
/// Maps the product's enums to and from their public kebab-case names, using the same
/// <see cref="JsonStringEnumMemberNameAttribute"/> that JSON serialization uses, so the
/// contract is spelled in exactly one place.
/// </summary>
public static class Vocab<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> s_names = typeof(T)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToFrozenDictionary(
            f => (T)f.GetValue(null)!,
            f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    private static readonly FrozenDictionary<string, T> s_values =
        s_names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every public name, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Enum.GetValues<T>().Select(v => s_names[v])];

    /// <summary>The public name of a value.</summary>
    public static string Name(T value) => s_names[value];

    /// <summary>Reads a public name; false for anything not in the vocabulary (names are case-sensitive).</summary>
    public static bool TryParse(string? name, out T value)
    {
        if (name is not null && s_values.TryGetValue(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }
}
