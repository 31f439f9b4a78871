using System.Security.Cryptography;
using System.Text;

namespace HipRehab.Web.Features.Clinics;

/// <summary>
/// Invitation codes: 160 random bits written as 32 Crockford base-32 characters in groups of four,
/// so they can be read out or typed (no I, L, O or U). Only a SHA-256 hash is stored; a code is
/// compared by hashing what was typed, with dashes, spaces and case ignored.
/// </summary>
public static class InvitationCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Bytes = 20;

    public static string New()
    {
        Span<byte> random = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(random);
        var chars = new StringBuilder(Bytes * 8 / 5 + 8);
        var buffer = 0;
        var bits = 0;
        foreach (var b in random)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                if (chars.Length > 0 && chars.Length % 5 == 4)
                {
                    chars.Append('-');
                }

                chars.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        return chars.ToString();
    }

    /// <summary>The stored form of a code as typed. Never null: anything typed hashes to something that matches no stored code.</summary>
    public static string Hash(string typed)
    {
        var normal = new StringBuilder(typed.Length);
        foreach (var c in typed)
        {
            if (c is not ('-' or ' '))
            {
                normal.Append(char.ToUpperInvariant(c));
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal.ToString())));
    }
}
