using Microsoft.AspNetCore.Authorization;
using HipRehab.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Accounts;

/// <summary>
/// Log in with the cookie session. Repeated failures lock the account for a while (Identity
/// lockout) and the page is rate-limited per client address, like the API's login.
/// </summary>
[AllowAnonymous] // Public page: on the reviewed allow-list in tests/HipRehab.Web.Tests/Security/EndpointPolicyTests.cs.
[EnableRateLimiting(ApiPolicies.SignInLimit)]
public sealed class LoginModel(SignInManager<AppUser> signIn, IOptions<IdentityOptions> identity) : PageModel
{
    [BindProperty(Name = "email")] public string? Email { get; set; }

    [BindProperty(Name = "password")] public string? Password { get; set; }

    [BindProperty(SupportsGet = true, Name = "returnUrl")] public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "registered")] public bool Registered { get; set; }

    /// <summary>A message about the whole attempt (wrong details, locked), shown above the form.</summary>
    public string? Problem { get; private set; }

    public bool LockedOut { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            Errors["email"] = "Enter your email address.";
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors["password"] = "Enter your password.";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email!.Trim(), Password!, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/me/today");
        }

        if (result.RequiresTwoFactor)
        {
            // Password right; Identity now holds the account in its two-factor cookie until the code comes.
            return RedirectToPage("/Accounts/LoginSecondStep", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        }

        if (result.IsLockedOut)
        {
            LockedOut = true;
            var minutes = (int)Math.Ceiling(identity.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes);
            Problem = $"For your safety, this account is locked for {minutes} minutes after too many tries. Please wait and try again then.";
        }
        else
        {
            Problem = "That email and password do not match an account. Please check them and try again.";
        }

        return Page();
    }
}
