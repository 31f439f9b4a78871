using HipRehab.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Today;

/// <summary>What Today reads for one person and day: the day's newest sessions and the current plan's items.</summary>
/// <param name="Done">The day's sessions, at most <see cref="TodayService.MaxCompletedSessions"/> (the newest), in time order.</param>
/// <param name="PlanId">The current plan (the newest version not replaced), or null when there is none.</param>
/// <param name="Paused">True when the current plan is paused (a red flag): nothing is due.</param>
/// <param name="PausedReason">Why it is paused, in plain words; null when it is not.</param>
/// <param name="Items">The current plan's items that are not on hold, in the plan's order; empty when it is paused.</param>
/// <param name="HighestPain">The highest pain rated that day at an intake or a morning check-in, or null when none was (E5).</param>
public sealed record TodayRows(IReadOnlyList<Guid> Done, Guid? PlanId, bool Paused, string? PausedReason, IReadOnlyList<PlanItemRecord> Items,
    int? HighestPain = null)
{
    /// <summary>
    /// Reads the joined plan rows, newest plan version first and each plan's items by position: the rows
    /// of the first plan are the answer (an older plan that was not marked replaced is not today's).
    /// </summary>
    internal static TodayRows From(IReadOnlyList<Guid> doneNewestFirst, IEnumerable<TodayPlanRow> rows, int? highestPain)
    {
        Guid? planId = null;
        var paused = false;
        string? pausedReason = null;
        var items = new List<PlanItemRecord>();
        foreach (var row in rows)
        {
            if (planId is null)
            {
                planId = row.PlanId;
                paused = row.Status == PlanStatus.Paused;
                pausedReason = paused ? row.PausedReason : null;
            }
            else if (row.PlanId != planId)
            {
                break;
            }

            if (!paused && row.Item is { OnHold: false })
            {
                items.Add(row.Item);
            }
        }

        var done = new Guid[doneNewestFirst.Count];
        for (var i = 0; i < done.Length; i++)
        {
            done[i] = doneNewestFirst[done.Length - 1 - i];
        }

        return new TodayRows(done, planId, paused, pausedReason, items, highestPain);
    }
}

/// <summary>One row of the plan-and-items join: a plan, with one of its items (or none for a plan without items).</summary>
internal sealed record TodayPlanRow(Guid PlanId, string Status, string? PausedReason, PlanItemRecord? Item);

/// <summary>
/// Today's reads (the day's sessions, the current plan, the day's highest pain rating), always for the signed-in person named by the caller (never another person's):
/// <see cref="EfTodayQuery"/> through EF Core (PostgreSQL), <see cref="SqliteTodayQuery"/> with
/// statements prepared once (SQLite, the default). <c>TodayQueryTests</c> holds them to the same answers.
/// </summary>
public interface ITodayQuery
{
    Task<TodayRows> ReadAsync(string userId, DateOnly date, CancellationToken ct);
}

/// <summary>Today's reads as compiled EF Core queries on the request's context (its query filters apply).</summary>
public sealed class EfTodayQuery(AppDb db) : ITodayQuery
{
    // The current plan and its items in one plain left join ordered by version, then position. A join
    // on a LIMIT 1 subquery would say the same, but SQLite takes several times longer to prepare it.
    private static readonly Func<AppDb, string, IAsyncEnumerable<TodayPlanRow>> s_plan = EF.CompileAsyncQuery((AppDb db, string userId) =>
        from p in db.Plans.AsNoTracking()
        where p.UserId == userId && p.Status != PlanStatus.Replaced
        join i in db.PlanItems.AsNoTracking() on p.Id equals i.PlanId into items
        from i in items.DefaultIfEmpty()
        orderby p.Version descending, i!.Position
        select new TodayPlanRow(p.Id, p.Status, p.PausedReason, i));

    // The newest sessions of the day, newest first; bounded so that a day with thousands of logged
    // sessions does not list them all.
    private static readonly Func<AppDb, string, DateTime, DateTime, IAsyncEnumerable<Guid>> s_done = EF.CompileAsyncQuery<AppDb, string, DateTime, DateTime, Guid>(
        (db, userId, start, end) =>
            db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.PerformedAt >= start && s.PerformedAt < end)
                .OrderByDescending(s => s.PerformedAt).Select(s => s.Id).Take(TodayService.MaxCompletedSessions));

    // The highest pain rated on the day at a check-in or an intake (E5: 8 or more means no exercise today).
    private static readonly Func<AppDb, string, DateOnly, Task<int?>> s_checkInPain = EF.CompileAsyncQuery(
        (AppDb db, string userId, DateOnly date) => db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.Date == date).Max(c => (int?)c.UsualPain));

    private static readonly Func<AppDb, string, DateTime, DateTime, Task<int?>> s_intakePain = EF.CompileAsyncQuery(
        (AppDb db, string userId, DateTime start, DateTime end) =>
            db.Intakes.AsNoTracking().Where(i => i.UserId == userId && i.CreatedAt >= start && i.CreatedAt < end).Max(i => (int?)i.PainNow));

    public async Task<TodayRows> ReadAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // One connection for every read instead of one per query.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var done = new List<Guid>();
            await foreach (var id in s_done(db, userId, start, start.AddDays(1)).WithCancellation(ct))
            {
                done.Add(id);
            }

            var rows = new List<TodayPlanRow>();
            await foreach (var row in s_plan(db, userId).WithCancellation(ct))
            {
                rows.Add(row);
            }

            var checkInPain = await s_checkInPain(db, userId, date);
            var intakePain = await s_intakePain(db, userId, start, start.AddDays(1));
            return TodayRows.From(done, rows, checkInPain is null ? intakePain : intakePain is null ? checkInPain : Math.Max(checkInPain.Value, intakePain.Value));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
