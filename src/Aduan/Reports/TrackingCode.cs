using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Aduan.Reports;

/// <summary>
/// Tracking codes: 10 random characters from an alphabet without look-alikes (no 0/O, 1/I/L),
/// about 50 bits, so they cannot be guessed or enumerated. Shown as <c>XXXXX-XXXXX</c>; accepted
/// with or without the dash, in any case.
/// </summary>
public static partial class TrackingCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 10;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    public static string Format(string code) => code.Length == Length ? $"{code[..5]}-{code[5..]}" : code;

    /// <summary>Normalises what a person typed; null when it cannot be a code.</summary>
    public static string? Parse(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
            return null;
        var code = typed.Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    /// <summary>The first code written as <c>XXXXX-XXXXX</c> in a message (an SMS, a chat); null when there is none.</summary>
    public static string? Find(string? text) =>
        text is null ? null : Written().Matches(text).Select(m => Parse(m.Value)).FirstOrDefault(c => c is not null);

    [GeneratedRegex(@"\b[A-Za-z0-9]{5}-[A-Za-z0-9]{5}\b")]
    private static partial Regex Written();
}
