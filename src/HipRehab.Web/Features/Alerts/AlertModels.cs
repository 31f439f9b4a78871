using HipRehab.Web.Data;

namespace HipRehab.Web.Features.Alerts;

/// <summary>An alert as the API shows it (docs/api.md).</summary>
public sealed record AlertResponse(Guid Id, string RuleId, string Severity, string Message, DateTime CreatedAt, string Status)
{
    public static AlertResponse From(AlertRecord a) => new(a.Id, a.RuleId, a.Severity, a.Message, a.CreatedAt, a.Status);
}

/// <summary>Alert severities, weakest first.</summary>
public static class Severity
{
    public const string Info = "info";
    public const string SeeClinician = "see-clinician";
    public const string SeeClinicianSoon = "see-clinician-soon";
    public const string UrgentCare = "urgent-care";

    private static readonly string[] s_order = [Info, SeeClinician, SeeClinicianSoon, UrgentCare];

    public static int Rank(string severity) => Array.IndexOf(s_order, severity);
}
