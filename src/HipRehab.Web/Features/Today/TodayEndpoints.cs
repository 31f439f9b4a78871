using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using HipRehab.Web.Features.Exercises;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Today;

/// <summary>
/// What is due on a day (api.md), plus whether the plan is paused and whether it is a strength rest day.
/// <see cref="RestToday"/>: a pain rating of 8 or more that day (at the intake or a check-in) means no
/// exercise today (E5); nothing is due and <see cref="RestAdvice"/> says why and when to start again.
/// </summary>
public sealed record TodayResponse(DateOnly Date, IReadOnlyList<PlanItemResponse> Due, IReadOnlyList<Guid> CompletedSessionIds,
    bool Paused, string? PausedReason, bool StrengthRestDay, bool RestToday = false, Reason? RestAdvice = null);

/// <summary>
/// Today is the app's hottest read: two index-backed reads (<see cref="ITodayQuery"/>: the day's sessions,
/// at most <see cref="MaxCompletedSessions"/>; the current plan with its items) and no history, so its
/// cost does not grow with the number of sessions a person has logged.
/// </summary>
public sealed class TodayService(ITodayQuery query, ExerciseLibrary library, TimeProvider clock, IServiceProvider services)
{
    /// <summary>At most this many of a day's sessions are listed, the newest ones (in time order).</summary>
    public const int MaxCompletedSessions = 50;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<TodayResponse> ForAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var rows = await query.ReadAsync(userId, date, ct);
        if (rows.PlanId is null || rows.Paused)
        {
            return new TodayResponse(date, [], rows.Done, rows.Paused, rows.PausedReason, false);
        }

        if (rows.HighestPain is int pain && pain >= Screener.VeryHighPain)
        {
            return new TodayResponse(date, [], rows.Done, false, null, false, RestToday: true, RestAdvice: RestAdvice(pain));
        }

        var due = new List<PlanItemResponse>();
        var anyStrength = false;
        Core.Library.ExerciseLibrary? personLibrary = null;
        foreach (var item in rows.Items)
        {
            // A clinic's own exercise is not in the shared library: read the person's clinic library (rare).
            var response = PlanMapping.ToResponse(item, library.FindVariant(item.ExerciseId) is null
                ? personLibrary ??= await ClinicLibrary.ForPersonAsync(services.GetRequiredService<AppDb>(), library, userId, ct)
                : library, []);
            anyStrength |= response.Category == Core.Category.Strengthening;
            if (response.Days.Contains(date.DayOfWeek))
            {
                due.Add(response);
            }
        }

        var strengthToday = due.Any(i => i.Category == Core.Category.Strengthening);
        return new TodayResponse(date, due, rows.Done, false, null, anyStrength && !strengthToday);
    }


    /// <summary>E5's advice for a day with a rating of 8 or more.</summary>
    public static Reason RestAdvice(int pain) => new("E5",
        $"You rated your pain {pain} out of 10 today, so please do not exercise today. Rest and use what usually eases your pain. "
        + "Start again on the next day your pain is lower. If it is still this high at your next morning check-in, please see a physical therapist or doctor in the next few days.");
}

public static class TodayEndpoints
{
    /// <summary>Today's service and its reads: prepared statements on SQLite, EF Core on PostgreSQL.</summary>
    public static IServiceCollection AddToday(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<TodayService>();
        services.AddSingleton<TodayJson>();
        if (DatabaseSetup.SqliteConnectionString(configuration) is { } sqlite)
        {
            services.AddSingleton<ITodayQuery>(_ => new SqliteTodayQuery(sqlite)); // disposed with the app
        }
        else
        {
            services.AddScoped<ITodayQuery, EfTodayQuery>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapToday(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me/today", async Task<Results<FileContentHttpResult, ValidationProblem>> (HttpContext http, TodayService today, TodayJson json, string? date,
                CancellationToken ct) =>
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

                return TypedResults.Bytes(json.Write(await today.ForAsync(http.User.UserId(), day, ct)), "application/json; charset=utf-8");
            })
            .Produces<TodayResponse>()
            .WithTags("Today")
            .RequireAuthorization(ApiPolicies.PersonApi)
            .WithSummary("The plan items due on a day (default today), and the sessions already logged that day.");
        return app;
    }
}
