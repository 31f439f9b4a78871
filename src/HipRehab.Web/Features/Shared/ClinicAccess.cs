using System.Security.Claims;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Shared;

/// <summary>Staff roles. An admin is also a clinician.</summary>
public static class StaffRole
{
    public const string Admin = "admin";
    public const string Clinician = "clinician";

    public static bool IsKnown(string? role) => role is Admin or Clinician;
}

/// <summary>What the audit log says happened.</summary>
public static class AuditOutcome
{
    public const string Allowed = "allowed";
    public const string DeniedTwoFactor = "denied-two-factor-required";
    public const string DeniedNotLinked = "denied-not-linked";
    public const string DeniedNotFound = "denied-not-found";
    public const string DeniedNotAdmin = "denied-not-admin";
    public const string DeniedInvalidInput = "denied-invalid-input";
    public const string DeniedConflict = "denied-conflict";
}

/// <summary>The caller as a member of one clinic's staff.</summary>
public sealed record StaffMember(Guid ClinicId, string UserId, string Role)
{
    public bool IsAdmin => Role == StaffRole.Admin;
}

/// <summary>
/// Every staff route passes through here, in this order: is the caller staff of this clinic (else
/// 404, so a clinic's existence is not revealed); did they sign in with a second factor (else 403
/// two-factor-required); is the person linked to this clinic now (else 404). Each decision about a
/// person's data adds exactly one audit entry: a denial is saved at once, an allowed entry is
/// tracked so that it is saved with the handler's own changes in one transaction.
/// </summary>
public sealed class ClinicAccess(AppDb db, TimeProvider clock)
{
    /// <summary>The claim ASP.NET Core Identity adds when a sign-in used a second factor.</summary>
    public const string MfaClaimType = "amr";
    public const string MfaClaimValue = "mfa";

    public static bool SignedInWithSecondFactor(ClaimsPrincipal user) => user.HasClaim(MfaClaimType, MfaClaimValue);

    /// <summary>The caller's membership of the clinic, or a 404 problem when they are not on its staff.</summary>
    public async Task<(StaffMember? Staff, ProblemHttpResult? Problem)> StaffAsync(ClaimsPrincipal user, Guid clinicId, CancellationToken ct)
    {
        var userId = user.UserId();
        var role = await db.ClinicStaff.AsNoTracking().Where(s => s.ClinicId == clinicId && s.UserId == userId)
            .Select(s => s.Role).FirstOrDefaultAsync(ct);
        return role is null ? (null, Problems.NotFound("That clinic")) : (new StaffMember(clinicId, userId, role), null);
    }

    /// <summary>Admin-only actions: 403 for a clinician (they know the clinic exists; they may not do this).</summary>
    public async Task<ProblemHttpResult?> RequireAdminAsync(StaffMember staff, string action, CancellationToken ct)
    {
        if (staff.IsAdmin)
        {
            return null;
        }

        await DenyAsync(staff, action, null, AuditOutcome.DeniedNotAdmin, ct);
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: Problems.TypeBase + "admin-only",
            title: "Only a clinic admin can do this", detail: "Please ask an admin of your clinic.");
    }

    /// <summary>
    /// Opens patient data for <paramref name="action"/>: checks the second factor and, when
    /// <paramref name="patientId"/> is given, the person's active link. Null when allowed (an
    /// allowed audit entry is then tracked, to be saved by the handler); otherwise the problem to answer.
    /// </summary>
    public async Task<ProblemHttpResult?> OpenPatientDataAsync(ClaimsPrincipal user, StaffMember staff, string action, string? patientId, CancellationToken ct)
    {
        if (!SignedInWithSecondFactor(user))
        {
            await DenyAsync(staff, action, patientId, AuditOutcome.DeniedTwoFactor, ct);
            return TwoFactorRequired();
        }

        if (patientId is not null && !await IsLinkedAsync(staff.ClinicId, patientId, ct))
        {
            await DenyAsync(staff, action, patientId, AuditOutcome.DeniedNotLinked, ct);
            return Problems.NotFound("That patient");
        }

        // Only now do the query filters let this request read the person's (or the clinic's linked people's) rows.
        if (patientId is not null)
        {
            db.Caller.OpenPatient(patientId);
        }
        else
        {
            db.Caller.OpenClinic(staff.ClinicId);
        }

        Track(staff, action, patientId, AuditOutcome.Allowed);
        return null;
    }

    /// <summary>
    /// The usual opening of a staff route in one call: staff of this clinic (else 404), then
    /// <see cref="OpenPatientDataAsync"/>. The member when allowed; otherwise the problem to answer.
    /// </summary>
    public async Task<(StaffMember? Staff, ProblemHttpResult? Problem)> OpenAsync(ClaimsPrincipal user, Guid clinicId, string action, string? patientId, CancellationToken ct)
    {
        var (staff, notStaff) = await StaffAsync(user, clinicId, ct);
        if (notStaff is not null)
        {
            return (null, notStaff);
        }

        return await OpenPatientDataAsync(user, staff!, action, patientId, ct) is { } denied ? (null, denied) : (staff, null);
    }

    /// <summary>Linked patients of a clinic, now: the scope of every staff query about people.</summary>
    public IQueryable<string> LinkedPatientIds(Guid clinicId) =>
        db.ClinicLinks.Where(l => l.ClinicId == clinicId && l.EndedAt == null).Select(l => l.UserId);

    public Task<bool> IsLinkedAsync(Guid clinicId, string patientId, CancellationToken ct) =>
        db.ClinicLinks.AnyAsync(l => l.ClinicId == clinicId && l.UserId == patientId && l.EndedAt == null, ct);

    /// <summary>Records a denial and saves it at once: the request ends here.</summary>
    public async Task DenyAsync(StaffMember staff, string action, string? patientId, string outcome, CancellationToken ct)
    {
        Track(staff, action, patientId, outcome);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The request was refused after the data was opened (an id outside this clinic, or bad input):
    /// the allowed entry tracked on opening becomes this refusal, so the request still leaves exactly one entry.
    /// </summary>
    public async Task RefuseAfterOpeningAsync(string outcome, string? patientId, CancellationToken ct)
    {
        var entry = db.ChangeTracker.Entries<AuditEntryRecord>().Single(e => e.State == EntityState.Added).Entity;
        entry.Outcome = outcome;
        entry.PatientId = patientId;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Names the person once the handler knows who it is (e.g. the owner of an alert).</summary>
    public void SetPatient(string patientId) =>
        db.ChangeTracker.Entries<AuditEntryRecord>().Single(e => e.State == EntityState.Added).Entity.PatientId = patientId;

    /// <summary>Says what was done, in the entry tracked on opening (e.g. which finding of which check-in was cleared).</summary>
    public void SetDetail(string detail) =>
        db.ChangeTracker.Entries<AuditEntryRecord>().Single(e => e.State == EntityState.Added).Entity.Detail = detail.Length > 500 ? detail[..500] : detail;

    private void Track(StaffMember staff, string action, string? patientId, string outcome) =>
        db.AuditEntries.Add(new AuditEntryRecord
        {
            Id = OrderedIds.Next(), ClinicId = staff.ClinicId, ActorId = staff.UserId, Action = action, PatientId = patientId,
            At = clock.GetUtcNow().UtcDateTime, Outcome = outcome,
        });

    public static ProblemHttpResult TwoFactorRequired() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: Problems.TypeBase + "two-factor-required",
            title: "Please sign in with your second step",
            detail: "To protect your patients, opening their records needs two-step sign-in. Turn it on at /api/v1/auth/manage/2fa, then sign in again with the code from your authenticator app.");
}
