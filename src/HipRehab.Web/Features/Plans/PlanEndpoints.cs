using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Infrastructure;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Plans;

public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlans(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/plan").WithTags("Plan").RequireAuthorization(ApiPolicies.PersonApi);

        group.MapPost("/", async Task<Results<Created<PlanResponse>, ValidationProblem, ProblemHttpResult>> (HttpContext http, PlanService plans, CancellationToken ct) =>
            {
                var result = await plans.CreateAsync(http.User.UserId(), ct);
                return result.Outcome switch
                {
                    PlanService.CreateOutcome.NoIntake => Problems.Invalid("intake", "Answer the intake before asking for a plan."),
                    PlanService.CreateOutcome.Blocked => Problems.Conflict("screening-blocked", "A plan cannot be made yet",
                        $"Your screening answer was '{Core.Vocab<Core.Assessment.ScreeningOutcome>.Name(result.Screening!.Outcome)}': "
                        + string.Join(" ", result.Screening.Findings.Select(f => $"{f.Message} ({f.RuleId})"))),
                    PlanService.CreateOutcome.Paused => Problems.Conflict("plan-paused", "Your plan is paused",
                        $"{result.Plan!.PausedReason} {PlanPause.NextStep(PlanPause.Findings(result.Plan))}"),
                    _ => TypedResults.Created("/api/v1/me/plan", await plans.ToResponseAsync(result.Plan!, ct)),
                };
            })
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Make a plan from the latest intake. 409 screening-blocked when screening does not allow a self-guided plan.");

        group.MapGet("/", async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> (HttpContext http, PlanService plans, CancellationToken ct) =>
                await plans.CurrentAsync(http.User.UserId(), ct) is { } plan
                    ? TypedResults.Ok(await plans.ToResponseAsync(plan, ct))
                    : Problems.NotFound("A plan"))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The current plan (active or paused), with each item's recent decisions.");

        return app;
    }
}
