using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Alerts;

public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/alerts").WithTags("Alerts").RequireAuthorization(ApiPolicies.PersonApi);

        group.MapGet("/", async (HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                var alerts = await db.Alerts.AsNoTracking().Where(a => a.UserId == userId)
                    .OrderByDescending(a => a.CreatedAt).Take(200).ToListAsync(ct);
                return TypedResults.Ok(alerts.Select(AlertResponse.From).ToList());
            })
            .WithSummary("Your alerts, newest first.");

        group.MapPost("/{id:guid}/acknowledge", async Task<Results<Ok<AlertResponse>, ProblemHttpResult>> (Guid id, HttpContext http, AlertService alerts, CancellationToken ct) =>
                await alerts.AcknowledgeAsync(http.User.UserId(), id, ct) is { } alert
                    ? TypedResults.Ok(AlertResponse.From(alert))
                    : Problems.NotFound("That alert"))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Say you have seen an alert. It stays on record until a clinician resolves it.");

        return app;
    }
}
