using HipRehab.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Accounts;

/// <summary>
/// The second step of logging in, for accounts with two-step sign-in: a code from the
/// authenticator app, or a recovery code. Identity's two-factor sign-in adds the <c>amr=mfa</c>
/// claim to the cookie, exactly as the API's login does to the token; wrong codes count towards
/// lockout, and the page is rate-limited like the log-in page.
/// </summary>
[AllowAnonymous] // Public page: on the reviewed allow-list in tests/HipRehab.Web.Tests/Security/EndpointPolicyTests.cs.
[EnableRateLimiting(ApiPolicies.SignInLimit)]
public sealed class LoginSecondStepModel(SignInManager<AppUser> signIn, AppDb db, IOptions<IdentityOptions> identity) : PageModel
{
    [BindProperty(Name = "code")] public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = "returnUrl")] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Accounts/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The password step was too long ago (or never happened): start again.
            return RedirectToPage("/Accounts/Login", new { returnUrl = TwoStep.SafeReturn(ReturnUrl) });
        }

        var clean = TwoStep.Clean(Code);
        if (clean.Length == 0)
        {
            Error = "Enter the code from your authenticator app, or a recovery code.";
            return Page();
        }

        var result = TwoStep.LooksLikeAuthenticatorCode(clean)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(clean, isPersistent: true, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(clean);
        if (result.Succeeded)
        {
            if (TwoStep.SafeReturn(ReturnUrl) is { } back)
            {
                return LocalRedirect(back);
            }

            var staff = await db.ClinicStaff.AnyAsync(s => s.UserId == user.Id);
            return LocalRedirect(staff ? "/clinics" : "/me/today");
        }

        if (result.IsLockedOut)
        {
            var minutes = (int)Math.Ceiling(identity.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes);
            Problem = $"For your safety, this account is locked for {minutes} minutes after too many tries. Please wait and try again then.";
        }
        else
        {
            Error = "That code did not work. Codes change every 30 seconds: please type the one your app shows now.";
        }

        return Page();
    }
}
