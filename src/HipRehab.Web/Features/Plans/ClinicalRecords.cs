using HipRehab.Core;
using HipRehab.Core.Planning;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Plans;

/// <summary>A clinician's clearance of a finding, as the person and their clinic see it.</summary>
/// <remarks><see cref="CheckInDate"/>: the day of the check-in whose warning sign was cleared; null for a finding of the intake.</remarks>
public sealed record ClearanceResponse(string RuleId, string? ClearedBy, string? ClinicName, DateTime ClearedAt, DateOnly? CheckInDate = null);

/// <summary>
/// What clinicians recorded about a person that planning and progression must obey: clearances of
/// the latest screening's findings and the surgeon's precautions. Read fresh on every use, so a
/// change applies at once on every node.
/// </summary>
public static class ClinicalRecords
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

    /// <summary>The precautions a clinician recorded for the person, with the row's revision (0 when none).</summary>
    public static async Task<(RecordedPrecautions? Precautions, int Revision)> PrecautionsAsync(AppDb db, string userId, CancellationToken ct)
    {
        // Compiled: it is read for every batch of logged sessions.
        var row = await s_precautions(db, userId, ct);
        return row is null ? (null, 0) : (ToRecorded(row.Set, row.ForbiddenDemandsJson, row.Until), row.Revision);
    }

    private sealed record PrecautionsRow(string Set, string ForbiddenDemandsJson, DateOnly? Until, int Revision);

    private static readonly Func<AppDb, string, CancellationToken, Task<PrecautionsRow?>> s_precautions = EF.CompileAsyncQuery(
        (AppDb db, string userId, CancellationToken ct) => db.PatientPrecautions.AsNoTracking().Where(p => p.PatientId == userId)
            .Select(p => new PrecautionsRow(p.Set, p.ForbiddenDemandsJson, p.Until, p.Revision)).FirstOrDefault());

    public static RecordedPrecautions ToRecorded(string set, string demandsJson, DateOnly? until) => new(
        Vocab<PrecautionSet>.TryParse(set, out var s) ? s : PrecautionSet.Posterior,
        [.. StoredJson.Read<List<string>>(demandsJson).Select(d => Vocab<Demand>.TryParse(d, out var x) ? (Demand?)x : null).OfType<Demand>()],
        until);
}
