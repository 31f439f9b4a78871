using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace HipRehab.Web.Features.Shared;

/// <summary>
/// <c>[Authorize]</c> for the person's pages, with the cookie session of ASP.NET Core Identity.
/// The app's default scheme (from <c>AddIdentityApiEndpoints</c>) challenges with the bearer
/// handler, which answers a bare 401; a page should send the person to the log-in page instead,
/// and should never accept a bearer token in place of the cookie.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class AuthorizePersonAttribute : AuthorizeAttribute
{
    public AuthorizePersonAttribute() => AuthenticationSchemes = IdentityConstants.ApplicationScheme;
}
