using HipRehab.Web.Data;
using HipRehab.Web.Features.Accounts;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Today;

/// <summary>What is due on a day (api.md), plus whether the plan is paused and whether it is a strength rest day.</summary>
public sealed record TodayResponse(DateOnly Date, IReadOnlyList<PlanItemResponse> Due, IReadOnlyList<Guid> CompletedSessionIds,
    bool Paused, string? PausedReason, bool StrengthRestDay);

public sealed class TodayService(AppDb db, PlanService plans, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<TodayResponse> ForAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddDays(1);
        var done = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.PerformedAt >= start && s.PerformedAt < end)
            .OrderBy(s => s.PerformedAt).Select(s => s.Id).ToListAsync(ct);
        var plan = await plans.CurrentAsync(userId, ct);
        if (plan is null)
        {
            return new TodayResponse(date, [], done, false, null, false);
        }

        if (plan.Status == "paused")
        {
            return new TodayResponse(date, [], done, true, plan.PausedReason, false);
        }

        var response = await plans.ToResponseAsync(plan, ct);
        var due = response.Items.Where(i => i.Days.Contains(date.DayOfWeek)).ToList();
        var strengthToday = due.Any(i => i.Category == Core.Category.Strengthening);
        return new TodayResponse(date, due, done, false, null, !strengthToday && response.Items.Any(i => i.Category == Core.Category.Strengthening));
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
