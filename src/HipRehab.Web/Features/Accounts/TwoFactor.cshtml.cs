using HipRehab.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Accounts;

/// <summary>
/// Two-step sign-in for the signed-in account. Three states: turn it on (the shared key to type
/// into an authenticator app, confirmed with a code, then recovery codes shown once); it is on but
/// this session was opened without it (confirm with a code, as clinic staff must before opening
/// patient records); and it is on for this session. A wrong code counts towards lockout, as at log-in.
/// </summary>
[AuthorizePerson]
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IOptions<IdentityOptions> identity) : PageModel
{
    [BindProperty(Name = "code")] public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = "returnUrl")] public string? ReturnUrl { get; set; }

    /// <summary>Set when a clinic page sent the person here because it needs the second step.</summary>
    [BindProperty(SupportsGet = true, Name = "why")] public string? Why { get; set; }

    public bool Enabled { get; private set; }

    public bool SessionHasSecondStep { get; private set; }

    public string? SharedKey { get; private set; }

    public string? KeyUri { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Shown once, straight after turning two-step sign-in on.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Problem { get; private set; }

    public string? Return => TwoStep.SafeReturn(ReturnUrl);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    /// <summary>Turn two-step sign-in on with a first code from the app.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }

        if (!await VerifyAsync(user))
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoStep.RecoveryCodeCount) ?? []];
        // The session began with the password and has just proved the authenticator: both steps.
        await signIn.SignInWithClaimsAsync(user, isPersistent: true, TwoStep.MfaClaims());
        await LoadAsync(user);
        SessionHasSecondStep = true;
        return Page();
    }

    /// <summary>Add the second step to a session opened with the password only.</summary>
    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage(new { returnUrl = Return, why = Why });
        }

        var clean = TwoStep.Clean(Code);
        var ok = !await users.IsLockedOutAsync(user) && clean.Length > 0 && (TwoStep.LooksLikeAuthenticatorCode(clean)
            ? await VerifyAsync(user)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, clean)).Succeeded);
        if (!ok)
        {
            if (!TwoStep.LooksLikeAuthenticatorCode(clean) && clean.Length > 0)
            {
                await users.AccessFailedAsync(user);
            }

            await FailAsync(user);
            await LoadAsync(user);
            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInWithClaimsAsync(user, isPersistent: true, TwoStep.MfaClaims());
        return LocalRedirect(Return ?? "/account/two-factor");
    }

    private async Task<bool> VerifyAsync(AppUser user)
    {
        var clean = TwoStep.Clean(Code);
        if (await users.IsLockedOutAsync(user))
        {
            await FailAsync(user);
            return false;
        }

        if (!TwoStep.LooksLikeAuthenticatorCode(clean))
        {
            Error = "Enter the 6 numbers your authenticator app shows now.";
            return false;
        }

        if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean))
        {
            return true;
        }

        await users.AccessFailedAsync(user);
        await FailAsync(user);
        return false;
    }

    private async Task FailAsync(AppUser user)
    {
        if (await users.IsLockedOutAsync(user))
        {
            var minutes = (int)Math.Ceiling(identity.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes);
            Problem = $"For your safety, this account is locked for {minutes} minutes after too many tries. Please wait and try again then.";
        }
        else
        {
            Error ??= "That code did not work. Codes change every 30 seconds: please type the one your app shows now.";
        }
    }

    private async Task LoadAsync(AppUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        SessionHasSecondStep = ClinicAccess.SignedInWithSecondFactor(User);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = key!;
        KeyUri = TwoStep.KeyUri(user.Email ?? user.UserName ?? "account", SharedKey);
    }
}
