using System.Collections.Frozen;
using HipRehab.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace HipRehab.Web.Features.Accounts;

/// <summary>
/// Refuses passwords that are common or easy to guess (NIST SP 800-63B: length, no composition
/// rules, a blocklist). Length (12+) is checked by Identity's own options.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly FrozenSet<string> s_common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        return Task.FromResult(IsCommon(password ?? "", user.Email)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is too common or too easy to guess. Try a few unrelated words together.",
            })
            : IdentityResult.Success);
    }

    /// <summary>True for a password on the list, one repeated character, or one built from the e-mail name.</summary>
    public static bool IsCommon(string password, string? email)
    {
        var lower = password.ToLowerInvariant();
        var letters = new string([.. lower.Where(char.IsLetter)]);
        var digits = new string([.. lower.Where(char.IsDigit)]);
        if (s_common.Contains(lower) || s_common.Contains(letters) || (letters.Length == 0 && s_common.Contains(digits)))
        {
            return true;
        }

        if (lower.Distinct().Count() <= 2)
        {
            return true;
        }

        var name = email?.Split('@')[0].ToLowerInvariant();
        return name is { Length: >= 4 } && lower.Contains(name, StringComparison.Ordinal) && lower.Length - name.Length < 6;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("HipRehab.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
