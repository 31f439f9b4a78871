using HipRehab.Core.Outcomes;
using HipRehab.Core;
using HipRehab.Core.Planning;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Plans;

/// <summary>
/// What clinicians recorded about a person that planning and progression must obey: clearances of
/// the latest screening's findings and the surgeon's precautions. Read fresh on every use, so a
/// change applies at once on every node.
/// </summary>
public static class ClinicalRecords
{
    /// <summary>How a Timed Up and Go (OM6) is stored.</summary>
    public const string TugName = "tug";

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

    /// <summary>
    /// True when the person's latest Timed Up and Go by date was 12 s or more (OM6), which applies CX3.
    /// One indexed read of the TUG results only.
    /// </summary>
    public static async Task<bool> FallRiskAsync(AppDb db, string userId, CancellationToken ct)
    {
        var tugs = await db.Outcomes.AsNoTracking().Where(o => o.UserId == userId && o.Instrument == TugName)
            .OrderBy(o => o.CreatedAt).Select(o => new { o.Date, o.Score }).ToListAsync(ct);
        return OutcomeScoring.FallRisk(tugs.Select(t => new OutcomeResult(Instrument.Tug, t.Date, t.Score)));
    }
}
