using HipRehab.Core.Library;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Accounts;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Today;

/// <summary>What is due on a day (api.md), plus whether the plan is paused and whether it is a strength rest day.</summary>
public sealed record TodayResponse(DateOnly Date, IReadOnlyList<PlanItemResponse> Due, IReadOnlyList<Guid> CompletedSessionIds,
    bool Paused, string? PausedReason, bool StrengthRestDay);

/// <summary>
/// Today is the app's hottest read: it runs two compiled, index-backed queries (the day's sessions, at most
/// <see cref="MaxCompletedSessions"/>; the current plan with its items) and no history, so its cost does not
/// grow with the number of sessions a person has logged.
/// </summary>
public sealed class TodayService(AppDb db, ExerciseLibrary library, TimeProvider clock)
{
    /// <summary>At most this many of a day's sessions are listed, the newest ones (in time order).</summary>
    public const int MaxCompletedSessions = 50;

    /// <summary>One row per item of a plan that is not replaced, or one row with no item for a plan without items.</summary>
    private sealed record PlanRow(Guid PlanId, string Status, string? PausedReason, PlanItemRecord? Item);

    // The current plan (the newest version not replaced; there is normally only one) and its items, in one
    // plain left join ordered by version, then position: the rows of the first plan are the answer. A
    // join on a LIMIT 1 subquery would say the same, but SQLite takes several times longer to prepare it.
    private static readonly Func<AppDb, string, IAsyncEnumerable<PlanRow>> s_plan = EF.CompileAsyncQuery((AppDb db, string userId) =>
        from p in db.Plans.AsNoTracking()
        where p.UserId == userId && p.Status != "replaced"
        join i in db.PlanItems.AsNoTracking() on p.Id equals i.PlanId into items
        from i in items.DefaultIfEmpty()
        orderby p.Version descending, i!.Position
        select new PlanRow(p.Id, p.Status, p.PausedReason, i));

    // The newest sessions of the day, newest first (read back in time order); bounded so that a day with
    // thousands of logged sessions does not list them all.
    private static readonly Func<AppDb, string, DateTime, DateTime, IAsyncEnumerable<Guid>> s_done = EF.CompileAsyncQuery<AppDb, string, DateTime, DateTime, Guid>(
        (db, userId, start, end) =>
            db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.PerformedAt >= start && s.PerformedAt < end)
                .OrderByDescending(s => s.PerformedAt).Select(s => s.Id).Take(MaxCompletedSessions));

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<TodayResponse> ForAsync(string userId, DateOnly date, CancellationToken ct)
    {
        // One connection for both reads instead of one per query.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await ReadAsync(userId, date, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<TodayResponse> ReadAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var done = new List<Guid>();
        await foreach (var id in s_done(db, userId, start, start.AddDays(1)).WithCancellation(ct))
        {
            done.Add(id);
        }

        done.Reverse();

        var due = new List<PlanItemResponse>();
        var paused = false;
        string? pausedReason = null;
        var anyStrength = false;
        Guid? planId = null;
        var items = new List<PlanItemRecord>();
        await foreach (var row in s_plan(db, userId).WithCancellation(ct))
        {
            if (planId is null)
            {
                planId = row.PlanId;
                paused = row.Status == "paused";
                pausedReason = paused ? row.PausedReason : null;
            }
            else if (row.PlanId != planId)
            {
                break; // an older plan that was not marked replaced: not today's
            }

            if (!paused && row.Item is { OnHold: false })
            {
                items.Add(row.Item);
            }
        }

        // Mapped after the rows are read: a clinic's own exercise needs another query, and PostgreSQL
        // runs one query at a time on a connection.
        Core.Library.ExerciseLibrary? personLibrary = null;
        foreach (var item in items)
        {
            var response = PlanMapping.ToResponse(item, library.FindVariant(item.ExerciseId) is null
                ? personLibrary ??= await Tailoring.ClinicLibrary.ForPersonAsync(db, library, userId, ct)
                : library, []);
            anyStrength |= response.Category == Core.Category.Strengthening;
            if (response.Days.Contains(date.DayOfWeek))
            {
                due.Add(response);
            }
        }

        if (planId is null || paused)
        {
            return new TodayResponse(date, [], done, paused, pausedReason, false);
        }

        var strengthToday = due.Any(i => i.Category == Core.Category.Strengthening);
        return new TodayResponse(date, due, done, false, null, anyStrength && !strengthToday);
    }
}

public static class TodayEndpoints
{
    public static IEndpointRouteBuilder MapToday(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me/today", async Task<Results<Ok<TodayResponse>, ValidationProblem>> (HttpContext http, TodayService today, string? date, CancellationToken ct) =>
            {
                var day = today.Today;
                if (!string.IsNullOrEmpty(date))
                {
                    if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
                    {
                        return Problems.Invalid("date", "Use a date like 2026-11-26.");
                    }

                    if (day > today.Today.AddDays(Problems.MaxDaysBack) || day < today.Today.AddDays(-Problems.MaxDaysBack))
                    {
                        return Problems.Invalid("date", $"The date must be within {Problems.MaxDaysBack} days of today.");
                    }
                }

                return TypedResults.Ok(await today.ForAsync(http.User.UserId(), day, ct));
            })
            .WithTags("Today")
            .RequireAuthorization(AccountSetup.PersonApi)
            .WithSummary("The plan items due on a day (default today), and the sessions already logged that day.");
        return app;
    }
}
