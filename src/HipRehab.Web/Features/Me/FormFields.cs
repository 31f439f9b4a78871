using System.Globalization;
using HipRehab.Core;
using HipRehab.Core.Progression;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.TryIt;

namespace HipRehab.Web.Features.Me;

/// <summary>
/// A radio group or checkbox list, drawn by <c>_Choices.cshtml</c>: a fieldset with its legend,
/// hint and error. Input ids are <c>{IdPrefix}-{value}</c>, the error is <c>{IdPrefix}-error</c>.
/// </summary>
public sealed record ChoiceField(string Name, string IdPrefix, string Legend, IReadOnlyList<Choice> Choices, IReadOnlyCollection<string> Selected)
{
    public string? Hint { get; init; }

    public string? Error { get; init; }

    public bool Multiple { get; init; }

    /// <summary>Layout modifier: <c>scale</c> (0–10) or <c>inline</c> (yes/no).</summary>
    public string? ExtraClass { get; init; }
}

/// <summary>A text, number or date input (or a text area), drawn by <c>_TextField.cshtml</c> with its label, hint and error.</summary>
public sealed record TextField(string Name, string Id, string Label, string? Value)
{
    public string? Hint { get; init; }

    public string? Error { get; init; }

    public string InputMode { get; init; } = "text";

    public string Type { get; init; } = "text";

    public string Autocomplete { get; init; } = "off";

    public string? Suffix { get; init; }

    public string? ExtraClass { get; init; }

    public bool Multiline { get; init; }
}

/// <summary>Words and scales shared by the person's pages.</summary>
public static class MeWords
{
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

    /// <summary>The heading of an alert: what to do, not how bad it is.</summary>
    public static string AlertTitle(string severity) => severity switch
    {
        Severity.UrgentCare => "Get medical help today",
        Severity.SeeClinicianSoon => "Please see a physical therapist or doctor in the next few days",
        Severity.SeeClinician => "Talk to your physical therapist or doctor",
        _ => "Good to know",
    };

    /// <summary>Alerts in the order people should read them: the most urgent first, then the newest.</summary>
    public static IEnumerable<AlertResponse> UrgentFirst(IEnumerable<AlertResponse> alerts) =>
        alerts.OrderByDescending(a => Severity.Rank(a.Severity)).ThenByDescending(a => a.CreatedAt);

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

/// <summary>A list of alerts for <c>_Alerts.cshtml</c>; with an acknowledge button when <see cref="CanAcknowledge"/>.</summary>
public sealed record AlertList(string Id, IReadOnlyList<AlertResponse> Alerts, bool CanAcknowledge = false, string? AcknowledgeAction = null);
