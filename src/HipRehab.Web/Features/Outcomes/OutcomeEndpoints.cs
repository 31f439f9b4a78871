using HipRehab.Web.Infrastructure;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Outcomes;

public static class OutcomeEndpoints
{
    public static IEndpointRouteBuilder MapOutcomes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/outcomes").WithTags("Outcomes").RequireAuthorization(ApiPolicies.PersonApi);

        group.MapPost("/", async Task<Results<Created<OutcomeResponse>, ValidationProblem, ProblemHttpResult>> (HttpRequest request, OutcomeService outcomes, CancellationToken ct) =>
            {
                var (body, problem) = await JsonBody.ReadAsync<OutcomeRequest>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var (response, errors) = await outcomes.RecordAsync(request.HttpContext.User.UserId(), body!, ct);
                return errors is not null ? Problems.Invalid(errors) : TypedResults.Created($"/api/v1/me/outcomes/{response!.Id}", response);
            })
            .AcceptsJson<OutcomeRequest>()
            .WithSummary("Record an outcome measure (clinical-rules §5): nprs {value 0–10}, psfs {activities: 3–5 × {name, score 0–10}}, pgic {value 1–7}, "
                + "sane {value 0–100}, chair-stand-30s {value}, tug {seconds}, fast-walk-40m {seconds}, or a licensed pack {answers: {itemId: optionScore}} "
                + "(see GET /api/v1/instruments). The date may not be in the future nor more than 365 days back. The answer carries the interpretation "
                + "with its rule ids; a TUG of 12 s or more switches standing exercises to supported versions (CX3).");

        group.MapGet("/", async (HttpContext http, OutcomeService outcomes, CancellationToken ct) =>
                TypedResults.Ok(await outcomes.ListAsync(http.User.UserId(), ct)))
            .WithSummary("Your outcome results, newest first (by the date measured), each with its interpretation against your first result.");

        group.MapGet("/due", async Task<Results<Ok<DueMeasuresResponse>, ValidationProblem>> (HttpContext http, OutcomeService outcomes, string? date, CancellationToken ct) =>
            {
                var today = outcomes.Today;
                var day = today;
                if (!string.IsNullOrEmpty(date))
                {
                    if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
                    {
                        return Problems.Invalid("date", "Use a date like 2026-11-26.");
                    }

                    if (day > today.AddDays(Problems.MaxDaysBack) || day < today.AddDays(-Problems.MaxDaysBack))
                    {
                        return Problems.Invalid("date", $"The date must be within {Problems.MaxDaysBack} days of today.");
                    }
                }

                return TypedResults.Ok(await outcomes.DueAsync(http.User.UserId(), day, ct));
            })
            .WithSummary("The outcome measures due on a day (default today): at the start of your first plan, week 6, week 12, then every 12 weeks (OS1).");

        group.MapGet("/{id:guid}", async Task<Results<Ok<OutcomeResponse>, ProblemHttpResult>> (Guid id, HttpContext http, OutcomeService outcomes, CancellationToken ct) =>
                await outcomes.GetAsync(http.User.UserId(), id, ct) is { } outcome ? TypedResults.Ok(outcome) : Problems.NotFound("That result"))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One of your outcome results with its interpretation.");

        // Signed-in only: a pack holds licensed questionnaire text, which its licence, not this project, lets people see.
        app.MapGet("/api/v1/instruments", (InstrumentPacks packs) => TypedResults.Ok(InstrumentList.All(packs)))
            .WithTags("Outcomes")
            .RequireAuthorization(ApiPolicies.PersonApi)
            .WithSummary("The outcome instruments you can record: the built-in ones (OM1–OM7) and any licensed packs the operator loaded, with their fields, meaning and licence note.");

        return app;
    }
}
