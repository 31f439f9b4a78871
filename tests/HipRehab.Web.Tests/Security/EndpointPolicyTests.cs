using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HipRehab.Web.Tests;

/// <summary>
/// Every endpoint states who may call it: an authorization policy (or [Authorize]), or an
/// [AllowAnonymous] marking that is on the reviewed list below. A new endpoint with neither, or an
/// anonymous one nobody reviewed, fails the build.
/// </summary>
public sealed class EndpointPolicyTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The reviewed anonymous endpoints ("METHOD route"), each with why it needs no sign-in.</summary>
    private static readonly Dictionary<string, string> s_anonymous = new()
    {
        // Operations: load balancers and the API's own description.
        ["ANY /health"] = "probes from a load balancer carry no credentials; it reveals only up/down",
        ["GET /openapi/{documentName}.json"] = "the public API contract (api.md)",
        // Public reference content (docs/api.md: "anonymous read").
        ["GET /api/v1/exercises/"] = "the exercise library is public reference content",
        ["GET /api/v1/exercises/{id}"] = "one exercise of the public library",
        ["GET /api/v1/exercises/{id}/demonstration.svg"] = "the drawing of one exercise of the public library",
        ["GET /api/v1/rules"] = "the clinical rule catalogue is public",
        ["POST /api/v1/plan-preview"] = "a preview from answers in the body, stored nowhere (Try it)",
        // Signing up and in: nobody is signed in yet (rate-limited and locked out per docs/api.md).
        ["POST /api/v1/auth/register"] = "creating an account",
        ["POST /api/v1/auth/login"] = "signing in",
        ["POST /api/v1/auth/refresh"] = "swapping a refresh token for a new pair; the token is the credential",
        ["GET /api/v1/auth/confirmEmail"] = "the link in a confirmation e-mail; the code is the credential",
        ["POST /api/v1/auth/resendConfirmationEmail"] = "asking for a new confirmation e-mail before signing in",
        ["POST /api/v1/auth/forgotPassword"] = "asking for a reset code while signed out",
        ["POST /api/v1/auth/resetPassword"] = "resetting a password with the e-mailed code",
        // Public pages.
        ["ANY /"] = "the home page",
        ["ANY /exercises"] = "the library's pages",
        ["ANY /exercises/{id}"] = "one exercise's page",
        ["ANY /rules"] = "the rule catalogue page",
        ["ANY /try-it"] = "Try it: a preview without an account",
        ["ANY /account/login"] = "the sign-in page (rate-limited like the API's login)",
        ["ANY /account/register"] = "the sign-up page (rate-limited)",
        ["ANY /account/login/second-step"] = "the second step of signing in (code or recovery code); rate-limited, locked out like the first",
        ["ANY /account/logout"] = "signing out works whether or not the cookie is still valid",
    };

    /// <summary>Health checks and Razor Pages answer every method (a page picks its handler inside).</summary>
    public const string AnyMethod = "ANY";

    public static IReadOnlyList<(RouteEndpoint Endpoint, string Method)> Endpoints(TestApp app)
    {
        _ = app.Server; // starts the app, so its endpoints exist
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        return [.. source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [AnyMethod]).Select(m => (e, m)))];
    }

    public static string Key(RouteEndpoint endpoint, string method) => $"{method} {Route(endpoint)}";

    /// <summary>The route as written, with any leading slash, and without constraints (so the list reads like docs/api.md).</summary>
    public static string Route(RouteEndpoint endpoint) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");

    public static bool IsAnonymous(RouteEndpoint e) => e.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    [Fact]
    public void EveryEndpoint_HasAPolicy_OrIsAReviewedAnonymousOne()
    {
        var unmarked = new List<string>();
        var unreviewed = new List<string>();
        foreach (var (endpoint, method) in Endpoints(app))
        {
            var key = Key(endpoint, method);
            if (IsAnonymous(endpoint))
            {
                if (!s_anonymous.ContainsKey(key))
                {
                    unreviewed.Add(key);
                }
            }
            else if (!endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            {
                unmarked.Add(key);
            }
        }

        Assert.True(unmarked.Count == 0, "Endpoints with no authorization policy and no [AllowAnonymous]: " + string.Join(", ", unmarked));
        Assert.True(unreviewed.Count == 0, "Anonymous endpoints not on the reviewed list (add them with a reason, or require a policy): " + string.Join(", ", unreviewed));
    }

    [Fact]
    public void TheReviewedList_HasNoStaleEntries()
    {
        var present = Endpoints(app).Where(x => IsAnonymous(x.Endpoint)).Select(x => Key(x.Endpoint, x.Method)).ToHashSet();
        var stale = s_anonymous.Keys.Where(k => !present.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "On the reviewed list but not anonymous (or gone): " + string.Join(", ", stale));
    }

    [Fact]
    public void EveryApiRoute_UnderMeOrClinics_UsesItsBearerPolicy()
    {
        foreach (var (endpoint, method) in Endpoints(app))
        {
            var route = Route(endpoint);
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (route.StartsWith("/api/v1/me", StringComparison.Ordinal))
            {
                Assert.True(policies.Contains("person-api"), $"{method} {route} should require person-api");
            }
            else if (route.StartsWith("/api/v1/clinics", StringComparison.Ordinal) || route.StartsWith("/api/v1/staff-invitations", StringComparison.Ordinal))
            {
                Assert.True(policies.Contains("staff-api"), $"{method} {route} should require staff-api");
            }
        }
    }
}
