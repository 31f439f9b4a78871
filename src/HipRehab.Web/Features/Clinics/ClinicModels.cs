using HipRehab.Core.Supervision;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.CheckIns;
using HipRehab.Web.Features.Intake;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Sessions;
using HipRehab.Web.Features.Progress;

namespace HipRehab.Web.Features.Clinics;

// Requests carry only what the caller may choose. A clinic or person always comes from the route
// and the caller's own rights, never from a body: extra fields such as clinicId are ignored.

public sealed record CreateClinicRequest(string? Name);

public sealed record ClinicResponse(Guid Id, string Name, string Role);

public sealed record StaffInvitationRequest(string? Email, string? Role);

public sealed record StaffInvitationResponse(string Code, string Email, string Role, DateTime ExpiresAt);

public sealed record AcceptedInvitationResponse(Guid ClinicId, string ClinicName, string Role);

public sealed record PatientInvitationResponse(string Code, DateTime ExpiresAt);

public sealed record LinkRequest(string? Code);

/// <summary>A clinic the person shares (or shared) their records with.</summary>
public sealed record ClinicLinkResponse(Guid ClinicId, string ClinicName, DateTime CreatedAt, DateTime? EndedAt, bool Active);


/// <summary>One row of the dashboard: why this person is where they are, in plain words.</summary>
public sealed record PatientRow(string PatientId, string? Email, DateTime LinkedAt, IReadOnlyList<NeedReason> Reasons, string Reason,
    int OpenAlerts, string? PlanStatus, AdherenceResponse? Adherence, DateTime? LastSessionAt);

public sealed record NoteRequest(string? Text);

public sealed record NoteResponse(Guid Id, string AuthorId, string? AuthorEmail, string Text, DateTime CreatedAt);

/// <summary>Everything a clinic sees of one linked person.</summary>
public sealed record PatientDetail(string PatientId, string? Email, DateTime LinkedAt, IReadOnlyList<NeedReason> Reasons, string Reason,
    IntakeResponse? Intake, PlanResponse? Plan, AdherenceResponse? Adherence, IReadOnlyList<SessionSummary> RecentSessions,
    IReadOnlyList<CheckInSummary> CheckIns, IReadOnlyList<AlertResponse> Alerts, IReadOnlyList<NoteResponse> Notes,
    RecordedPrecautionsResponse? Precautions = null);

/// <summary>The precautions a clinician recorded for the person (docs/clinical-rules.md §2.1), and who recorded them.</summary>
public sealed record RecordedPrecautionsResponse(string Set, IReadOnlyList<string> ForbiddenDemands, DateOnly? Until, string? RecordedBy, DateTime RecordedAt);

/// <summary>An alert of a linked person, as their clinic sees it.</summary>
public sealed record ClinicAlertResponse(Guid Id, string PatientId, string? PatientEmail, string RuleId, string Severity, string Message,
    DateTime CreatedAt, string Status);

public sealed record AuditEntryResponse(Guid Id, DateTime At, string ActorId, string? ActorEmail, string Action, string? PatientId, string Outcome,
    string? Detail = null);

/// <summary>Plain words for the dashboard's reasons.</summary>
public static class NeedWords
{
    public static string Of(NeedReason reason) => reason switch
    {
        NeedReason.UrgentAlert => "Has an urgent warning sign. Please contact them today.",
        NeedReason.SeeClinicianAlert => "Has a warning sign that needs a clinician's review.",
        NeedReason.WorseningPain => "Pain has been getting worse over the last week.",
        NeedReason.AwaitingClearance => "Waiting for a clinician to clear them before a plan.",
        NeedReason.LowAdherence => "Has done less than half of the planned days in two weeks.",
        _ => "Doing fine. Nothing needs you right now.",
    };
}
