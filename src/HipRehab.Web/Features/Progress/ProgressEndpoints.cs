using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Progress;

public static class ProgressEndpoints
{
    public static IEndpointRouteBuilder MapProgress(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me/progress", async (HttpContext http, ProgressService progress, CancellationToken ct) =>
                TypedResults.Ok(await progress.ForAsync(http.User.UserId(), progress.Today, ct)))
            .WithTags("Progress")
            .RequireAuthorization(ApiPolicies.PersonApi)
            .WithSummary("Your progress: pain against your first week (by each check-in's own date), how much of the plan you did in the last 14 days, "
                + "your outcome results against your first ones, BMI and weight change since your intake, activity minutes against 150 a week (L3), "
                + "open alerts, and the outcome measures due now (OS1).");
        return app;
    }
}
