using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Today;

public static class TodayEndpoints
{
    /// <summary>Today's service and its reads: prepared statements on SQLite, EF Core on PostgreSQL.</summary>
    public static IServiceCollection AddToday(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<TodayService>();
        if (DatabaseSetup.SqliteFastPath(configuration) && DatabaseSetup.SqliteConnectionString(configuration) is { } sqlite)
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
        app.MapGet("/api/v1/me/today", async Task<Results<Ok<TodayResponse>, ValidationProblem>> (HttpContext http, TodayService today, string? date,
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

                return TypedResults.Ok(await today.ForAsync(http.User.UserId(), day, ct));
            })
            .WithTags("Today")
            .RequireAuthorization(ApiPolicies.PersonApi)
            .WithSummary("The plan items due on a day (default today), and the sessions already logged that day.");
        return app;
    }
}
