using HipRehab.Core.Rules;

namespace HipRehab.Web.Features.Rules;

public static class RuleEndpoints
{
    public static IEndpointRouteBuilder MapRules(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/rules", () => TypedResults.Ok(RuleCatalogue.All))
            .WithTags("Rules")
            .AllowAnonymous()
            .WithName("ListRules")
            .WithSummary("The rule catalogue: every rule the product cites, with its confidence (C, S or U) and sources.");
        return app;
    }
}
