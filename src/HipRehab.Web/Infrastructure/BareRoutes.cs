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

    /// <summary>The request header that asks a page for its twin without drawings (bench/pages.sh).</summary>
    public const string WithoutDrawingsHeader = "X-Bench-Without-Drawings";

    /// <summary>
    /// True when the benchmark asks for a page's twin without drawings: only with
    /// <c>Bench:BareRoutes</c> on and the request carrying <see cref="WithoutDrawingsHeader"/>.
    /// </summary>
    public static bool WithoutDrawings(HttpContext http) =>
        http.Request.Headers.ContainsKey(WithoutDrawingsHeader)
        && http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Bench:BareRoutes", false);
}

/// <summary>The bare POST's answer: how many fields the body had, so the body is really read.</summary>
public sealed record BareCreated(bool Ok, int Fields);
