using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;

namespace HipRehab.Web.Features.Intake;

/// <summary>
/// Stores a screened intake (API, intake page, demo data) and runs escalation over the person's
/// records with it: the intake's pain is a rating like any other, so a very high one raises E5 at
/// once and counts as the first rating of its "persists at the next check-in".
/// </summary>
public sealed class IntakeService(AppDb db, EscalationService escalation, TimeProvider clock)
{
    /// <summary>Saves the record (its <c>UserId</c> set) and the alerts it raises, in one transaction.</summary>
    public async Task SaveAsync(IntakeRecord record, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Intakes.Add(record);
        await db.SaveChangesAsync(ct);
        await escalation.EvaluateAsync(record.UserId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        await tx.CommitAsync(ct);
    }
}
