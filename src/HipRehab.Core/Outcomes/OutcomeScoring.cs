using System.Globalization;

namespace HipRehab.Core.Outcomes;

/// <summary>A result's change from the person's first result on the same instrument.</summary>
/// <param name="Baseline">The first score.</param>
/// <param name="Change">This score minus the baseline (its sign is the raw difference, not better/worse).</param>
/// <param name="Direction">Better, the same, or worse, given the instrument's direction.</param>
/// <param name="Meaningful">True when the change reaches the instrument's meaningful-change threshold; null when §5 gives none (trend only).</param>
/// <param name="Size">PSFS only: <c>small</c>, <c>medium</c> or <c>large</c> when meaningful.</param>
public sealed record OutcomeChange(decimal Baseline, decimal Change, ChangeDirection Direction, bool? Meaningful, string? Size = null);

/// <summary>What a result means, in plain words and as figures (docs/api.md <c>interpretation</c>).</summary>
/// <param name="Text">Plain words for the person, without rule IDs (those are in <paramref name="RuleIds"/>).</param>
/// <param name="RuleIds">The rules the interpretation rests on.</param>
public sealed record OutcomeInterpretation(string Text, IReadOnlyList<string> RuleIds)
{
    /// <summary>Chair stand: the 25th percentile of the person's age/sex norm.</summary>
    public int? NormLow { get; init; }

    /// <summary>Chair stand: the 75th percentile.</summary>
    public int? NormHigh { get; init; }

    /// <summary>Chair stand: below, within or above the norm; null when there is no norm for the person.</summary>
    public NormBand? Band { get; init; }

    /// <summary>Chair stand: fewer than 8 stands.</summary>
    public bool? LowFunction { get; init; }

    /// <summary>TUG: 12 seconds or more (OM6), which applies CX3.</summary>
    public bool? FallRisk { get; init; }

    /// <summary>40 m walk: speed in metres per second, to 2 places.</summary>
    public decimal? SpeedMetresPerSecond { get; init; }

    /// <summary>PGIC: much or very much improved (OM3).</summary>
    public bool? Responder { get; init; }

    /// <summary>The change from baseline, when there is an earlier result and the instrument compares with one.</summary>
    public OutcomeChange? Change { get; init; }
}

/// <summary>Age and sex, which only the chair-stand norms need.</summary>
/// <param name="Age">Age in whole years on the day of the test.</param>
/// <param name="Sex">Sex as the person reported it.</param>
public sealed record PersonFacts(int Age, Sex Sex)
{
    /// <summary>
    /// The intake stores only the birth year, so the age is the one reached during the test's year.
    /// Before their birthday a person is one year younger than this, which can move them into the
    /// next norm band early; the band edges are 5 years wide, so this is at most one band.
    /// </summary>
    public static PersonFacts From(int birthYear, Sex sex, DateOnly testDate) => new(testDate.Year - birthYear, sex);
}

/// <summary>
/// Scores and interprets the built-in instruments with exactly the thresholds of docs/clinical-rules.md §5.
/// </summary>
public static class OutcomeScoring
{
    /// <summary>NPRS: a change of 2 points is meaningful (OM1, Farrar 2001).</summary>
    public const decimal NprsMeaningfulPoints = 2m;

    /// <summary>NPRS: or a fall of 30 % from baseline (OM1). Farrar's 30 % is for improvement; a rise is judged by points alone, as E2 does.</summary>
    public const decimal NprsMeaningfulImprovementPercent = 30m;

    /// <summary>PSFS: small meaningful change (OM2, Abbott &amp; Schmitt 2014).</summary>
    public const decimal PsfsSmall = 1.3m;

    /// <summary>PSFS: medium change.</summary>
    public const decimal PsfsMedium = 2.3m;

    /// <summary>PSFS: large change.</summary>
    public const decimal PsfsLarge = 2.7m;

    /// <summary>PGIC: answers up to this one (1 very much improved, 2 much improved) count as a response (OM3).</summary>
    public const int PgicResponderMax = 2;

    /// <summary>TUG: this many seconds or more means fall risk (OM6, CDC STEADI).</summary>
    public const decimal TugFallRiskSeconds = 12m;

    /// <summary>The fast-paced walk covers 4 × 10 m (OM7).</summary>
    public const decimal FastWalkMetres = 40m;

    /// <summary>The PGIC answers, 1 to 7.</summary>
    public static IReadOnlyList<string> PgicAnswers { get; } =
        ["very much improved", "much improved", "a little improved", "no change", "a little worse", "much worse", "very much worse"];

    /// <summary>
    /// The baseline of an instrument: the earliest result by its own date (a back-entered paper
    /// record from before the app counts as the baseline). Ties keep the first in the list.
    /// </summary>
    public static OutcomeResult? BaselineOf(Instrument instrument, IEnumerable<OutcomeResult> history) =>
        history.Where(r => r.Instrument == instrument).OrderBy(r => r.Date).FirstOrDefault();

    /// <summary>
    /// True when the latest TUG by date is 12 seconds or more — the value for
    /// <c>PlanningOptions.FallRisk</c> (CX3). A later, faster TUG lifts it; no TUG means no measured risk.
    /// </summary>
    public static bool FallRisk(IEnumerable<OutcomeResult> history) =>
        history.Where(r => r.Instrument == Instrument.Tug).OrderBy(r => r.Date).LastOrDefault() is { } tug
        && tug.Score >= TugFallRiskSeconds;

    /// <summary>Interprets a result; <paramref name="baseline"/> is the person's first result on this instrument, if any.</summary>
    public static OutcomeInterpretation Interpret(OutcomeResult result, OutcomeResult? baseline, PersonFacts person)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (baseline is not null && baseline.Instrument != result.Instrument)
        {
            throw new ArgumentException("The baseline must be a result of the same instrument.", nameof(baseline));
        }

        // The baseline result itself has no change to report.
        var compareWith = baseline is not null && baseline != result ? baseline : null;
        return result.Instrument switch
        {
            Instrument.Nprs => Nprs(result, compareWith),
            Instrument.Psfs => Psfs(result, compareWith),
            Instrument.Pgic => Pgic(result),
            Instrument.Sane => Sane(result, compareWith),
            Instrument.ChairStand30s => ChairStand(result, compareWith, person),
            Instrument.Tug => Tug(result, compareWith),
            Instrument.FastWalk40m => FastWalk(result, compareWith),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Instrument, "Unknown instrument."),
        };
    }

    /// <summary>
    /// Compares a score with its baseline. <paramref name="points"/> null means the instrument is
    /// followed as a trend only (no meaningful-change threshold in §5). <paramref name="improvementPercent"/>
    /// counts only for a change for the better.
    /// </summary>
    public static OutcomeChange Compare(decimal baseline, decimal current, ScoreDirection direction, decimal? points, decimal? improvementPercent = null)
    {
        var change = current - baseline;
        var way = change == 0 ? ChangeDirection.Same
            : (change > 0) == (direction == ScoreDirection.HigherIsBetter) ? ChangeDirection.Better : ChangeDirection.Worse;
        bool? meaningful = null;
        if (points is decimal p)
        {
            var size = Math.Abs(change);
            meaningful = change != 0 && (size >= p
                || (way == ChangeDirection.Better && improvementPercent is decimal pct && baseline != 0 && size * 100 >= pct * Math.Abs(baseline)));
        }

        return new OutcomeChange(baseline, change, way, meaningful);
    }

    private static OutcomeInterpretation Nprs(OutcomeResult r, OutcomeResult? b)
    {
        var text = $"Your pain is {Num(r.Score)} out of 10.";
        var change = b is null ? null : Compare(b.Score, r.Score, ScoreDirection.LowerIsBetter, NprsMeaningfulPoints, NprsMeaningfulImprovementPercent);
        return new OutcomeInterpretation(text + ChangeText(change, "point"), ["OM1"]) { Change = change };
    }

    private static OutcomeInterpretation Psfs(OutcomeResult r, OutcomeResult? b)
    {
        var text = $"Your activities score is {Num(r.Score)} out of 10 (the average of your {r.Activities.Count} activities; 10 means as well as before the problem).";
        OutcomeChange? change = null;
        if (b is not null)
        {
            change = Compare(b.Score, r.Score, ScoreDirection.HigherIsBetter, PsfsSmall);
            var size = Math.Abs(change.Change);
            change = change with { Size = change.Meaningful == true ? size >= PsfsLarge ? "large" : size >= PsfsMedium ? "medium" : "small" : null };
            text += ChangeText(change, "point");
            if (!SameActivities(r, b))
            {
                text += " Some activities differ from your first time, so compare with care.";
            }
        }

        return new OutcomeInterpretation(text, ["OM2"]) { Change = change };
    }

    private static OutcomeInterpretation Pgic(OutcomeResult r)
    {
        var value = (int)r.Score;
        var responder = value <= PgicResponderMax;
        var text = $"You said your hip is {PgicAnswers[value - 1]} since you started."
            + (responder ? " That is a clear change for the better: the program seems to be helping."
                : value <= 4 ? " If you hoped for more, talk it over with your therapist; small steps still count."
                : " Thank you for saying so. Please tell your therapist, so they can look at your plan with you.");
        return new OutcomeInterpretation(text, ["OM3"]) { Responder = responder };
    }

    private static OutcomeInterpretation Sane(OutcomeResult r, OutcomeResult? b)
    {
        var change = b is null ? null : Compare(b.Score, r.Score, ScoreDirection.HigherIsBetter, null);
        var text = $"You rated your hip at {Num(r.Score)} % of normal." + ChangeText(change, "point");
        return new OutcomeInterpretation(text, ["OM4"]) { Change = change };
    }

    private static OutcomeInterpretation ChairStand(OutcomeResult r, OutcomeResult? b, PersonFacts person)
    {
        var stands = (int)r.Score;
        var low = stands < ChairStandNorms.LowFunctionBelow;
        var norm = ChairStandNorms.For(person.Age, person.Sex);
        var text = $"You stood up {stands} {(stands == 1 ? "time" : "times")} in 30 seconds.";
        NormBand? band = null;
        if (norm is not null)
        {
            band = ChairStandNorms.Band(stands, norm);
            var group = $"{(norm.Sex == Sex.Female ? "women" : "men")} aged {norm.MinAge} to {norm.MaxAge}";
            text += band switch
            {
                NormBand.Below => $" Most {group} manage {norm.Low} to {norm.High}, so you are below that range for now. Strength exercises like the ones in your plan can help with this.",
                NormBand.Above => $" Most {group} manage {norm.Low} to {norm.High}, so you are above that range. Well done.",
                _ => $" Most {group} manage {norm.Low} to {norm.High}, and you are within that range.",
            };
        }
        else
        {
            text += " There is no comparison range for your age and sex, so we follow your own numbers over time.";
        }

        if (low)
        {
            text += $" Fewer than {ChairStandNorms.LowFunctionBelow} stands means getting up from a chair takes a lot of effort right now. Please share this result with your therapist.";
        }

        var change = b is null ? null : Compare(b.Score, r.Score, ScoreDirection.HigherIsBetter, null);
        text += ChangeText(change, "stand");
        return new OutcomeInterpretation(text, ["OM5"])
        {
            NormLow = norm?.Low, NormHigh = norm?.High, Band = band, LowFunction = low, Change = change,
        };
    }

    private static OutcomeInterpretation Tug(OutcomeResult r, OutcomeResult? b)
    {
        var fallRisk = r.Score >= TugFallRiskSeconds;
        var text = $"It took you {Num(r.Score)} seconds."
            + (fallRisk
                ? $" At {Num(TugFallRiskSeconds)} seconds or more, falls are more likely. Your standing exercises will now be the versions with a chair or counter within reach, and balance work can help: ask your therapist about it."
                : $" That is under {Num(TugFallRiskSeconds)} seconds, the mark used to spot a higher chance of falling.");
        var change = b is null ? null : Compare(b.Score, r.Score, ScoreDirection.LowerIsBetter, null);
        text += ChangeText(change, "second");
        return new OutcomeInterpretation(text, fallRisk ? ["OM6", "CX3"] : ["OM6"]) { FallRisk = fallRisk, Change = change };
    }

    private static OutcomeInterpretation FastWalk(OutcomeResult r, OutcomeResult? b)
    {
        var speed = Math.Round(FastWalkMetres / r.Score, 2, MidpointRounding.AwayFromZero);
        var change = b is null ? null : Compare(b.Score, r.Score, ScoreDirection.LowerIsBetter, null);
        var text = $"You walked 40 metres in {Num(r.Score)} seconds, a speed of {Num(speed)} metres per second." + ChangeText(change, "second");
        return new OutcomeInterpretation(text, ["OM7"]) { SpeedMetresPerSecond = speed, Change = change };
    }

    private static bool SameActivities(OutcomeResult a, OutcomeResult b) =>
        a.Activities.Select(x => x.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
            .SetEquals(b.Activities.Select(x => x.Name));

    internal static string ChangeText(OutcomeChange? change, string unit)
    {
        if (change is null)
        {
            return "";
        }

        var size = Math.Abs(change.Change);
        var units = $"{Num(size)} {unit}{(size == 1 ? "" : "s")}";
        var start = $"your first result ({Num(change.Baseline)})";
        return (change.Direction, change.Meaningful) switch
        {
            (ChangeDirection.Same, _) => $" That is the same as {start}.",
            (ChangeDirection.Better, true) => $" That is {units} better than {start}: a change big enough to matter.",
            (ChangeDirection.Better, false) => $" That is {units} better than {start}. A small change so far; keep going.",
            (ChangeDirection.Better, null) => $" That is {units} better than {start}.",
            (ChangeDirection.Worse, true) => $" That is {units} worse than {start}, a change big enough to matter. Please talk it over with your therapist.",
            (ChangeDirection.Worse, false) => $" That is {units} worse than {start}, a small change that can come and go.",
            _ => $" That is {units} worse than {start}.",
        };
    }

    internal static string Num(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
