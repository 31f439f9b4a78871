using Microsoft.AspNetCore.Authorization;
using HipRehab.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Accounts;

/// <summary>Create an account with an email and a long password (no composition rules; common passwords refused).</summary>
[AllowAnonymous] // Public page: on the reviewed allow-list in tests/HipRehab.Web.Tests/Security/EndpointPolicyTests.cs.
[EnableRateLimiting(ApiPolicies.SignInLimit)]
public sealed class RegisterModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty(Name = "email")] public string? Email { get; set; }

    [BindProperty(Name = "password")] public string? Password { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect("/me/today") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim() ?? "";
        if (email.Length == 0 || !email.Contains('@', StringComparison.Ordinal))
        {
            Errors["email"] = "Enter your email address, like name@example.com.";
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors["password"] = "Choose a password of at least 12 characters.";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await users.CreateAsync(new AppUser { UserName = email, Email = email }, Password!);
        if (result.Succeeded)
        {
            return Redirect("/account/login?registered=true");
        }

        foreach (var error in result.Errors)
        {
            var (field, message) = error.Code switch
            {
                "DuplicateUserName" or "DuplicateEmail" => ("email", "There may already be an account with this email. Try logging in instead."),
                "InvalidUserName" or "InvalidEmail" => ("email", "Enter your email address, like name@example.com."),
                "PasswordTooShort" => ("password", "Your password needs at least 12 characters. A few random words work well."),
                // PasswordTooCommon and any other password rule: Identity's own words are already plain.
                _ => ("password", error.Description),
            };
            Errors[field] = Errors.TryGetValue(field, out var existing) && existing != message ? $"{existing} {message}" : message;
        }

        return Page();
    }
}
