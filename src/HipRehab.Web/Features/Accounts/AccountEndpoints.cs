using HipRehab.Web.Data;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Accounts;

/// <summary>The account API (<c>/api/v1/auth</c>): ASP.NET Core Identity's endpoints, rate-limited, with field-named validation errors.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth")
            .WithTags("Accounts")
            .RequireRateLimiting(ApiPolicies.SignInLimit);
        // Identity keys its validation errors by error code; the contract names the field instead.
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            return inner is ValidationProblem { ProblemDetails.Errors: var errors }
                ? TypedResults.ValidationProblem(
                    errors.GroupBy(e => FieldOf(e.Key)).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray()),
                    title: "Some answers need another look")
                : result;
        });
        group.MapIdentityApi<AppUser>().Finally(endpoint =>
        {
            // Identity's own sign-in endpoints carry no authorization marking; say so explicitly,
            // so that every endpoint of the app is either authorized or reviewed as anonymous.
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && s_anonymousIdentityRoutes.Any(r => route.EndsWith(r, StringComparison.Ordinal)))
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            }
        });
        return app;
    }

    /// <summary>The Identity endpoints that work without a sign-in: signing up, in, refreshing, and e-mail and password recovery.</summary>
    private static readonly string[] s_anonymousIdentityRoutes =
        ["/register", "/login", "/refresh", "/confirmEmail", "/resendConfirmationEmail", "/forgotPassword", "/resetPassword"];

    private static string FieldOf(string identityCode) => identityCode switch
    {
        _ when identityCode.StartsWith("Password", StringComparison.Ordinal) => "password",
        "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" => "email",
        _ => identityCode,
    };
}
