namespace HipRehab.Web.Infrastructure;

/// <summary>
/// Bare minimal-API routes for load benchmarks (bench/load.sh): the same server, middleware and
/// JSON stack, but no database and no auth, so the figures for real routes can be read as ratios
/// against them. Mapped only when <c>Bench:BareRoutes</c> is true; never on in normal runs.
/// </summary>
public static class BareRoutes
{
    public static IEndpointRouteBuilder MapBareRoutes(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue("Bench:BareRoutes", false))
        {
            return app;
        }

        var group = app.MapGroup("/bench/bare").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/", () => TypedResults.Ok(new { ok = true }));
        group.MapPost("/", async (HttpRequest request, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<System.Text.Json.Nodes.JsonObject>(request, ct);
            return problem is not null ? problem : (Results<Created<BareCreated>, ProblemHttpResult>)TypedResults.Created("/bench/bare", new BareCreated(true, body!.Count));
        });
        return app;
    }
}

/// <summary>The bare POST's answer: how many fields the body had, so the body is really read.</summary>
public sealed record BareCreated(bool Ok, int Fields);
