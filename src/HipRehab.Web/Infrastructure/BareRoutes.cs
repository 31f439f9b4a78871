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
            return problem ?? TypedResults.Created("/bench/bare", new { ok = true, fields = body!.Count });
        });
        return app;
    }
}
