using HipRehab.Core.Planning;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Intake;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Sessions;

/// <summary>
/// A person's constraints depend only on an intake (which is never edited — a new answer is a new
/// row), the day (precaution windows end on a date) and the precautions a clinician recorded. The
/// recorded precautions are read on every call (one indexed row) and their revision is part of the
/// key, so a change applies to the very next session on every node; the costlier part (reading and
/// validating the intake) is computed once per key and shared. The measured fall risk (TUG, OM6 → CX3) comes
/// with the plan the caller already read, and is part of the key too. Bounded: cleared when it grows past a limit.
/// </summary>
public sealed class ConstraintsCache
{
    private readonly BoundedCache<(Guid IntakeId, DateOnly Day, int PrecautionsRevision, bool FallRisk), PersonConstraints> _cache = new(10_000);

    private static readonly Func<AppDb, Guid, string, CancellationToken, Task<IntakeRecord>> s_intake = EF.CompileAsyncQuery(
        (AppDb db, Guid intakeId, string userId, CancellationToken ct) => db.Intakes.AsNoTracking().First(i => i.Id == intakeId && i.UserId == userId));

    /// <summary>The person's constraints, read through the caller's context (the session writer's).</summary>
    public async Task<PersonConstraints> GetAsync(AppDb db, string userId, Guid intakeId, DateOnly today, bool fallRisk, CancellationToken ct)
    {
        var (recorded, revision) = await ClinicalRecords.PrecautionsAsync(db, userId, ct);
        if (_cache.TryGet((intakeId, today, revision, fallRisk), out var hit))
        {
            return hit;
        }

        var intake = await s_intake(db, intakeId, userId, ct);
        var constraints = PersonConstraints.For(IntakeStore.Intake(intake, today), today, recorded, fallRisk);
        _cache.Set((intakeId, today, revision, fallRisk), constraints);
        return constraints;
    }
}
