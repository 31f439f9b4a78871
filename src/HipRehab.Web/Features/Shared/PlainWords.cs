using System.Globalization;
using HipRehab.Core.Progression;
using HipRehab.Core;
using HipRehab.Core.Planning;
using CoreRule = HipRehab.Core.Rules.Rule;
using CoreConfidence = HipRehab.Core.Rules.Confidence;

namespace HipRehab.Web.Features.Shared;

/// <summary>
/// The words the pages use for the engine's vocabulary. The engine names things for machines
/// (kebab-case); people read these. Every switch is exhaustive so a new value shows up as a
/// plain fallback rather than a crash.
/// </summary>
public static class PlainWords
{
    public static string Category(Category category) => category switch
    {
        Core.Category.Strengthening => "Strengthening",
        Core.Category.Stretching => "Stretching",
        _ => Vocab<Category>.Name(category),
    };

    public static string Position(Position position) => position switch
    {
        Core.Position.LyingOnBack => "Lying on your back",
        Core.Position.LyingOnSide => "Lying on your side",
        Core.Position.LyingOnFront => "Lying on your front",
        Core.Position.Sitting => "Sitting",
        Core.Position.Standing => "Standing",
        Core.Position.Kneeling => "Kneeling",
        _ => Vocab<Position>.Name(position),
    };

    public static string Laterality(Laterality laterality) => laterality switch
    {
        Core.Laterality.EachSide => "One leg at a time: do both sides",
        Core.Laterality.BothTogether => "Both legs together",
        _ => Vocab<Laterality>.Name(laterality),
    };

    public static string Goal(Goal goal) => goal switch
    {
        Core.Goal.Pain => "Less pain",
        Core.Goal.RangeOfMotion => "Moving more freely",
        Core.Goal.Strength => "Strength",
        Core.Goal.Posture => "Posture",
        Core.Goal.Walking => "Walking",
        Core.Goal.Stairs => "Stairs",
        Core.Goal.ChairTransfers => "Getting in and out of a chair",
        _ => Vocab<Goal>.Name(goal),
    };

    /// <summary>Equipment as a sentence fragment ("a sturdy chair"), from the engine's own words.</summary>
    public static string Equipment(Equipment item) => PersonConstraints.Describe(item);

    /// <summary>Equipment as a checkbox or list label, starting with a capital letter.</summary>
    public static string EquipmentLabel(Equipment item) => Capitalize(PersonConstraints.Describe(item));

    /// <summary>A movement demand in plain words, starting with a capital letter.</summary>
    public static string Demand(Demand demand) => Capitalize(PersonConstraints.Describe(demand));

    public static string Band(Band band) => band switch
    {
        Core.Band.Tan => "Tan band (the lightest)",
        Core.Band.Yellow => "Yellow band (light)",
        Core.Band.Red => "Red band (medium)",
        Core.Band.Green => "Green band (firm)",
        Core.Band.Blue => "Blue band (very firm)",
        Core.Band.Black => "Black band (the firmest)",
        _ => Vocab<Band>.Name(band),
    };

    public static string Seconds(int seconds) => seconds switch
    {
        0 => "No rest needed",
        < 60 => $"{seconds} seconds",
        60 => "1 minute",
        _ when seconds % 60 == 0 => $"{seconds / 60} minutes",
        _ => $"{seconds} seconds",
    };

    public static string DaysPerWeek(int days) => days switch
    {
        >= 7 => "Every day",
        1 => "1 day a week",
        _ => $"{days} days a week",
    };

    public static string Days(IEnumerable<DayOfWeek> days) => string.Join(", ", days.Select(d => d.ToString()));

    public static string Level(int level, int of) => $"Level {level} of {of}";

    /// <summary>The badge text for a rule's confidence.</summary>
    public static string Confidence(CoreConfidence confidence) => confidence switch
    {
        CoreConfidence.C => "Confirmed",
        CoreConfidence.S => "Secondary source",
        CoreConfidence.U => "Unconfirmed default — needs clinical review",
        _ => confidence.ToString(),
    };

    /// <summary>The CSS modifier of a confidence badge.</summary>
    public static string ConfidenceClass(CoreConfidence confidence) => confidence switch
    {
        CoreConfidence.C => "badge-confirmed",
        CoreConfidence.S => "badge-secondary",
        _ => "badge-unconfirmed",
    };

    /// <summary>A rule's short title for link text, or the ID alone if the catalogue lacks it.</summary>
    public static string RuleTitle(string ruleId) =>
        HipRehab.Core.Rules.RuleCatalogue.Contains(ruleId) ? HipRehab.Core.Rules.RuleCatalogue.Get(ruleId).Title : ruleId;

    /// <summary>The rule, or null for an ID the catalogue does not hold.</summary>
    public static CoreRule? Rule(string ruleId) =>
        HipRehab.Core.Rules.RuleCatalogue.Contains(ruleId) ? HipRehab.Core.Rules.RuleCatalogue.Get(ruleId) : null;

    public static string Capitalize(string text) =>
        string.IsNullOrEmpty(text) ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));

    // ---- Scales, dates and numbers on the pages ----

    public static IReadOnlyList<Choice> ZeroToTen { get; } =
        [.. Enumerable.Range(0, 11).Select(i => new Choice(i.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture)))];

    public static IReadOnlyList<Choice> YesNo { get; } = [new("yes", "Yes"), new("no", "No")];

    public const string PainHint = "0 means no pain at all. 10 means the worst pain you can imagine.";

    public const string EffortHint = "0 means no effort at all. 10 means the hardest you could possibly work.";

    /// <summary>What a progression decision means for next time, in a few words.</summary>
    public static string Action(ProgressionAction action) => action switch
    {
        ProgressionAction.Progress => "Next time: harder",
        ProgressionAction.Hold => "Same again",
        ProgressionAction.Regress => "Easier",
        ProgressionAction.Stop => "Stopped for today",
        ProgressionAction.Tailored => "Changed by your therapist",
        ProgressionAction.Precautions => "Changed to keep within your precautions",
        _ => Vocab<ProgressionAction>.Name(action),
    };

    public static string ActionName(ProgressionAction action) => Vocab<ProgressionAction>.Name(action);

    public static string Date(DateTime utc) => utc.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTime utc) => utc.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Space-separated ids for aria-describedby, or null when there are none.</summary>
    public static string? Ids(params string?[] ids)
    {
        var list = ids.Where(i => !string.IsNullOrEmpty(i)).ToList();
        return list.Count == 0 ? null : string.Join(" ", list);
    }
}
