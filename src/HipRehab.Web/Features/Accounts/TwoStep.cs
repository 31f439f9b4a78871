using System.Security.Claims;
using System.Text;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Accounts;

/// <summary>Shared pieces of two-step sign-in (TOTP, RFC 6238) for the account pages.</summary>
public static class TwoStep
{
    public const int RecoveryCodeCount = 10;

    /// <summary>
    /// The claims of a sign-in that used a second factor: exactly what Identity's own two-factor
    /// sign-in adds (<c>amr=mfa</c>), and what <see cref="ClinicAccess"/> checks.
    /// </summary>
    public static Claim[] MfaClaims() => [new(ClinicAccess.MfaClaimType, ClinicAccess.MfaClaimValue)];

    /// <summary>What people type, without the spaces and dashes they may add while copying.</summary>
    public static string Clean(string? typed) =>
        new((typed ?? "").Where(c => c is not (' ' or '-')).ToArray());

    /// <summary>A 6-digit authenticator code; anything else is tried as a recovery code.</summary>
    public static bool LooksLikeAuthenticatorCode(string clean) => clean.Length == 6 && clean.All(char.IsAsciiDigit);

    /// <summary>The shared key in groups of four, easier to type into an authenticator app.</summary>
    public static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The key as a Key URI (otpauth://), which authenticator apps accept as text.</summary>
    public static string KeyUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString("HipRehab")}:{Uri.EscapeDataString(email)}?secret={key}&issuer=HipRehab&algorithm=SHA1&digits=6&period=30";

    /// <summary>Only a local address may be a place to return to.</summary>
    public static string? SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\')) ? returnUrl : null;
}
