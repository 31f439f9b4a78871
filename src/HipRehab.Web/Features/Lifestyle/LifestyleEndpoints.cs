using HipRehab.Core.Lifestyle;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Lifestyle;

public static class LifestyleEndpoints
{
    public static IEndpointRouteBuilder MapLifestyle(this IEndpointRouteBuilder app)
    {
        var body = app.MapGroup("/api/v1/me/body-measurements").WithTags("Body and activity").RequireAuthorization(ApiPolicies.PersonApi);

        body.MapPost("/", async Task<Results<Created<BodyMeasurementCreated>, ValidationProblem, ProblemHttpResult>> (HttpRequest request, LifestyleService lifestyle, CancellationToken ct) =>
            {
                var (form, problem) = await JsonBody.ReadAsync<BodyMeasurementForm>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var (created, errors) = await lifestyle.AddWeightAsync(request.HttpContext.User.UserId(), form!, ct);
                return errors is not null ? Problems.Invalid(errors) : TypedResults.Created($"/api/v1/me/body-measurements/{created!.Id}", created);
            })
            .AcceptsJson<BodyMeasurementForm>()
            .WithSummary("Record your weight { date, weightKg } (20–400 kg, kept to 0.01 kg; the date not in the future nor more than 365 days back). "
                + "The answer has your BMI (height from your intake) and change since your intake's weight, with a kind offer of support at a BMI of 25 or more (L1). "
                + "Weight never limits your plan or your care (L2).");

        body.MapGet("/", async (HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                return TypedResults.Ok(await db.BodyMeasurements.AsNoTracking().Where(m => m.UserId == userId)
                    .OrderByDescending(m => m.Date).ThenByDescending(m => m.CreatedAt).Take(LifestyleService.MaxListed)
                    .Select(m => new BodyMeasurementResponse(m.Id, m.Date, m.WeightKg, m.CreatedAt)).ToListAsync(ct));
            })
            .WithSummary("Your weights, newest first (by the date measured).");

        body.MapGet("/{id:guid}", async Task<Results<Ok<BodyMeasurementResponse>, ProblemHttpResult>> (Guid id, HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                var found = await db.BodyMeasurements.AsNoTracking().Where(m => m.Id == id && m.UserId == userId)
                    .Select(m => new BodyMeasurementResponse(m.Id, m.Date, m.WeightKg, m.CreatedAt)).FirstOrDefaultAsync(ct);
                return found is null ? Problems.NotFound("That measurement") : TypedResults.Ok(found);
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One of your weights.");

        var activity = app.MapGroup("/api/v1/me/activity").WithTags("Body and activity").RequireAuthorization(ApiPolicies.PersonApi);

        activity.MapPost("/", async Task<Results<Created<ActivityCreated>, ValidationProblem, ProblemHttpResult>> (HttpRequest request, LifestyleService lifestyle, CancellationToken ct) =>
            {
                var (form, problem) = await JsonBody.ReadAsync<ActivityRequest>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var (created, errors) = await lifestyle.AddActivityAsync(request.HttpContext.User.UserId(), form!, ct);
                return errors is not null ? Problems.Invalid(errors) : TypedResults.Created($"/api/v1/me/activity/{created!.Id}", created);
            })
            .AcceptsJson<ActivityRequest>()
            .WithSummary("Record minutes of moderate activity { date, minutes (1–1440 a day), kind } — kind one of walking (the default), cycling, swimming, "
                + "water-exercise, gardening, dancing, other. The answer has your last 7 days against the aim of 150 minutes a week (L3).");

        activity.MapGet("/", async (HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                return TypedResults.Ok(await db.Activities.AsNoTracking().Where(a => a.UserId == userId)
                    .OrderByDescending(a => a.Date).ThenByDescending(a => a.CreatedAt).Take(LifestyleService.MaxListed)
                    .Select(a => new ActivityResponse(a.Id, a.Date, a.Minutes, a.Kind, a.CreatedAt)).ToListAsync(ct));
            })
            .WithSummary("Your activity entries, newest first (by their date).");

        activity.MapGet("/{id:guid}", async Task<Results<Ok<ActivityResponse>, ProblemHttpResult>> (Guid id, HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                var found = await db.Activities.AsNoTracking().Where(a => a.Id == id && a.UserId == userId)
                    .Select(a => new ActivityResponse(a.Id, a.Date, a.Minutes, a.Kind, a.CreatedAt)).FirstOrDefaultAsync(ct);
                return found is null ? Problems.NotFound("That activity entry") : TypedResults.Ok(found);
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One of your activity entries.");

        return app;
    }
}
