using HipRehab.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Intake;

/// <summary>A clinician's clearance of a finding, as the person and their clinic see it.</summary>
/// <remarks><see cref="CheckInDate"/>: the day of the check-in whose warning sign was cleared; null for a finding of the intake.</remarks>
public sealed record ClearanceResponse(string RuleId, string? ClearedBy, string? ClinicName, DateTime ClearedAt, DateOnly? CheckInDate = null);

/// <summary>Clinicians' clearances of see-clinician-soon findings (docs/clinical-rules.md §1), as planning and the pages read them.</summary>
public static class IntakeClearances
{
    /// <summary>The rule ids cleared for this intake's screening (not those cleared for a check-in).</summary>
    public static async Task<HashSet<string>> ClearedRuleIdsAsync(AppDb db, string userId, Guid intakeId, CancellationToken ct) =>
        [.. await db.Clearances.AsNoTracking().Where(c => c.PatientId == userId && c.IntakeId == intakeId && c.CheckInId == null).Select(c => c.RuleId).ToListAsync(ct)];

    /// <summary>
    /// Who cleared which finding, oldest first: of this intake's screening, and of the check-ins of
    /// the plan made from it (those carry the check-in's day).
    /// </summary>
    public static async Task<List<ClearanceResponse>> ClearancesAsync(AppDb db, string userId, Guid intakeId, CancellationToken ct) =>
        (await db.Clearances.AsNoTracking().Where(c => c.PatientId == userId && c.IntakeId == intakeId)
            .Select(c => new
            {
                c.RuleId, c.ClearedAt, c.Id, c.CheckInDate,
                By = db.Users.Where(u => u.Id == c.ClearedBy).Select(u => u.Email).FirstOrDefault(),
                Clinic = db.Clinics.Where(k => k.Id == c.ClinicId).Select(k => k.Name).FirstOrDefault(),
            })
            .ToListAsync(ct))
        .OrderBy(c => c.ClearedAt).ThenBy(c => c.Id)
        .Select(c => new ClearanceResponse(c.RuleId, c.By, c.Clinic, c.ClearedAt, c.CheckInDate)).ToList();
}
