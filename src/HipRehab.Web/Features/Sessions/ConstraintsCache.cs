using System.Collections.Concurrent;
using HipRehab.Core.Planning;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Intake;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Sessions;

/// <summary>
/// A person's constraints depend only on an intake (which is never edited — a new answer is a new
/// row) and the day (precaution windows end on a date), so they are computed once per intake and
/// day and shared. Bounded: cleared when it grows past a limit.
/// </summary>
public sealed class ConstraintsCache(IServiceScopeFactory scopes)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<(Guid IntakeId, DateOnly Day), PersonConstraints> _cache = new();

    public async Task<PersonConstraints> GetAsync(Guid intakeId, DateOnly today, CancellationToken ct)
    {
        if (_cache.TryGetValue((intakeId, today), out var hit))
        {
            return hit;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var intake = await db.Intakes.AsNoTracking().FirstAsync(i => i.Id == intakeId, ct);
        var constraints = PersonConstraints.For(IntakeStore.Intake(intake, today), today);
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        _cache[(intakeId, today)] = constraints;
        return constraints;
    }
}
