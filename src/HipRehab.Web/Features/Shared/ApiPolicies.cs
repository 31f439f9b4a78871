using System.Security.Claims;

namespace HipRehab.Web.Features.Shared;

/// <summary>The authorization and rate-limit policies every feature's endpoints name (set up in Accounts/AccountSetup).</summary>
public static class ApiPolicies
{
    /// <summary>The policy for every API call under <c>/api/v1/me</c>: a bearer token, never a cookie (no CSRF surface).</summary>
    public const string PersonApi = "person-api";

    /// <summary>
    /// The policy for every call under <c>/api/v1/clinics</c>: a bearer token like <see cref="PersonApi"/>. Membership of
    /// the clinic, the second factor and the person's link are checked per request (Features/Shared/ClinicAccess).
    /// </summary>
    public const string StaffApi = "staff-api";

    /// <summary>The rate-limit policy for sign-in, registration and token refresh.</summary>
    public const string SignInLimit = "sign-in";

    /// <summary>The signed-in person's user id; endpoints under a person policy always have one.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");
}
