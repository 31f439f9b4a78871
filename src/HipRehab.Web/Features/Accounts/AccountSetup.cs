using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using HipRehab.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace HipRehab.Web.Features.Accounts;

public static class AccountSetup
{
    /// <summary>The policy for every API call under <c>/api/v1/me</c>: a bearer token, never a cookie (no CSRF surface).</summary>
    public const string PersonApi = "person-api";

    /// <summary>
    /// The policy for every call under <c>/api/v1/clinics</c>: a bearer token like <see cref="PersonApi"/>. Membership of
    /// the clinic, the second factor and the person's link are checked per request (Features/Clinics/ClinicAccess).
    /// </summary>
    public const string StaffApi = "staff-api";

    /// <summary>The rate-limit policy for sign-in, registration and token refresh.</summary>
    public const string SignInLimit = "sign-in";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                // NIST SP 800-63B: length, no composition rules, a blocklist (CommonPasswordValidator).
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Accounts:MaxFailedAccessAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Accounts:LockoutMinutes", 15));
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDb>()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.Cookie.Name = "hiprehab";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(PersonApi, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser())
            .AddPolicy(StaffApi, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());

        var permits = configuration.GetValue("RateLimiting:SignInPermitsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                        type: Infrastructure.Problems.TypeBase + "too-many-attempts", title: "Too many attempts",
                        detail: $"Please wait {retryAfter} seconds and try again.")
                    .ExecuteAsync(context.HttpContext);
            };
        });

        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth")
            .WithTags("Accounts")
            .RequireRateLimiting(SignInLimit);
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

    /// <summary>The signed-in person's user id; endpoints under a person policy always have one.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");
}
