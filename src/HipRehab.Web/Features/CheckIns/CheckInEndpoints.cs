using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.CheckIns;

public static class CheckInEndpoints
{
    public static IEndpointRouteBuilder MapCheckIns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/check-ins").WithTags("Check-ins").RequireAuthorization(ApiPolicies.PersonApi);

        group.MapPost("/", async Task<Results<Created<CheckInResponse>, ValidationProblem, ProblemHttpResult>> (HttpRequest request, CheckInService service, CancellationToken ct) =>
            {
                var (body, problem) = await JsonBody.ReadAsync<CheckInRequest>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var (response, errors) = await service.RecordAsync(request.HttpContext.User.UserId(), body!, ct);
                return errors is not null ? Problems.Invalid(errors) : TypedResults.Created($"/api/v1/me/check-ins/{response!.Id}", response);
            })
            .AcceptsJson<CheckInRequest>()
            .WithSummary("A morning check-in: usual pain, whether yesterday's pain settled (PM2), and warning signs (E1).");

        group.MapGet("/", async (HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                var list = await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId)
                    .OrderByDescending(c => c.Date).ThenByDescending(c => c.CreatedAt).Take(200)
                    .Select(c => new { c.Id, c.Date, c.UsualPain, c.SettledSinceLastSession, c.RedFlagsJson })
                    .ToListAsync(ct);
                return TypedResults.Ok(list.Select(c => new CheckInSummary(c.Id, c.Date, c.UsualPain, c.SettledSinceLastSession, StoredJson.Read<List<string>>(c.RedFlagsJson))).ToList());
            })
            .WithSummary("Your check-ins, newest first.");

        return app;
    }
}
