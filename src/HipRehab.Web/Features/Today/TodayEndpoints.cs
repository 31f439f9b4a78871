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
/// Today is the app's hottest read: it runs two compiled, index-backed queries and no history, so its
/// cost does not grow with the number of sessions a person has logged.
/// </summary>
public sealed class TodayService(AppDb db, ExerciseLibrary library, TimeProvider clock)
{
    private sealed record PlanHead(Guid Id, string Status, string? PausedReason);

    private static readonly Func<AppDb, string, Task<PlanHead?>> s_plan = EF.CompileAsyncQuery((AppDb db, string userId) =>
        db.Plans.AsNoTracking().Where(p => p.UserId == userId && p.Status != "replaced").OrderByDescending(p => p.Version)
            .Select(p => new PlanHead(p.Id, p.Status, p.PausedReason)).FirstOrDefault());

    private static readonly Func<AppDb, Guid, IAsyncEnumerable<PlanItemRecord>> s_items = EF.CompileAsyncQuery<AppDb, Guid, PlanItemRecord>((db, planId) =>
        db.PlanItems.AsNoTracking().Where(i => i.PlanId == planId).OrderBy(i => i.Position));

    private static readonly Func<AppDb, string, DateTime, DateTime, IAsyncEnumerable<Guid>> s_done = EF.CompileAsyncQuery<AppDb, string, DateTime, DateTime, Guid>(
        (db, userId, start, end) =>
            db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.PerformedAt >= start && s.PerformedAt < end)
                .OrderBy(s => s.PerformedAt).Select(s => s.Id));

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<TodayResponse> ForAsync(string userId, DateOnly date, CancellationToken ct)
    {
        // One connection for the three reads instead of one per query.
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

        var plan = await s_plan(db, userId);
        if (plan is null)
        {
            return new TodayResponse(date, [], done, false, null, false);
        }

        if (plan.Status == "paused")
        {
            return new TodayResponse(date, [], done, true, plan.PausedReason, false);
        }

        var due = new List<PlanItemResponse>();
        var anyStrength = false;
        await foreach (var item in s_items(db, plan.Id).WithCancellation(ct))
        {
            var response = PlanMapping.ToResponse(item, library, []);
            anyStrength |= response.Category == Core.Category.Strengthening;
            if (response.Days.Contains(date.DayOfWeek))
            {
                due.Add(response);
            }
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
