
namespace HipRehab.Web.Features.Alerts;

/// <summary>How alerts are worded and ordered on the pages.</summary>
public static class AlertWords
{
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
}

/// <summary>A list of alerts for <c>_Alerts.cshtml</c>; with an acknowledge button when <see cref="CanAcknowledge"/>.</summary>
public sealed record AlertList(string Id, IReadOnlyList<AlertResponse> Alerts, bool CanAcknowledge = false, string? AcknowledgeAction = null);
