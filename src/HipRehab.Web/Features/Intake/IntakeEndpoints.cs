using HipRehab.Core.Assessment;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Intake;

public static class IntakeEndpoints
{
    public static IEndpointRouteBuilder MapIntake(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/intake").WithTags("Intake").RequireAuthorization(ApiPolicies.PersonApi);

        group.MapPut("/", async Task<Results<Ok<IntakeResponse>, ValidationProblem, ProblemHttpResult>> (HttpRequest request, IntakeService intakes, TimeProvider clock, CancellationToken ct) =>
            {
                var (form, problem) = await JsonBody.ReadAsync<IntakeForm>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var record = IntakeStore.Validate(form!, clock, out var errors);
                if (record is null)
                {
                    return Problems.Invalid(errors!);
                }

                record.UserId = request.HttpContext.User.UserId();
                await intakes.SaveAsync(record, ct);
                return TypedResults.Ok(IntakeStore.ToResponse(record));
            })
            .AcceptsJson<IntakeForm>()
            .WithSummary("Answer the intake; the answer is screened at once (clinical-rules §1).");

        group.MapGet("/", async Task<Results<Ok<IntakeResponse>, ProblemHttpResult>> (HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var latest = await IntakeStore.LatestAsync(db, http.User.UserId(), ct);
                return latest is null
                    ? Problems.NotFound("An intake")
                    : TypedResults.Ok(IntakeStore.ToResponse(latest) with { Clearances = await IntakeClearances.ClearancesAsync(db, latest.UserId, latest.Id, ct) });
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The latest intake and its screening.");

        return app;
    }
}
