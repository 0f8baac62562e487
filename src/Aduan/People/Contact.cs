using System.Net.Mail;
using System.Text.RegularExpressions;
using Aduan.Data;

namespace Aduan.People;

/// <summary>
/// How a citizen's phone number or e-mail address is written once it is accepted, so that the
/// same person is recognised on every report and every one-time code.
/// </summary>
public static partial class Contact
{
    /// <summary>An Indonesian number as <c>08…</c> (spaces, dashes, dots, parentheses and +62 removed); null if it is not one.</summary>
    public static string? NormalisePhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var digits = PhoneNoise().Replace(value, "");
        if (digits.StartsWith("+62", StringComparison.Ordinal))
            digits = "0" + digits[3..];
        else if (digits.StartsWith("62", StringComparison.Ordinal))
            digits = "0" + digits[2..];
        return IndonesianPhone().IsMatch(digits) ? digits : null;
    }

    /// <summary>Whether the trimmed text is a plain e-mail address (no display name, a dot somewhere, not too long).</summary>
    public static bool IsValidEmail(string? value)
    {
        var email = value?.Trim();
        return !string.IsNullOrEmpty(email)
            && email.Length <= Limits.Email
            && MailAddress.TryCreate(email, out var parsed)
            && parsed.Address == email
            && email.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>The address trimmed and in lower case; null if it is not a valid address.</summary>
    public static string? NormaliseEmail(string? value) => IsValidEmail(value) ? value!.Trim().ToLowerInvariant() : null;

    /// <summary>A phone number or an e-mail address (it has an @), normalised; null if it is neither.</summary>
    public static string? Normalise(string? value) =>
        value?.Contains('@', StringComparison.Ordinal) == true ? NormaliseEmail(value) : NormalisePhone(value);

    /// <summary>Whether a normalised contact is an e-mail address rather than a phone number.</summary>
    public static bool IsEmail(string contact) => contact.Contains('@', StringComparison.Ordinal);

    /// <summary>The citizen rows that carry this normalised contact (e-mail compared without regard to case).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1862", Justification = "Runs as SQL lower(); string.Equals with a comparison does not translate.")]
    public static IQueryable<Citizen> OwnedBy(this IQueryable<Citizen> citizens, string contact) =>
        IsEmail(contact)
            ? citizens.Where(c => c.Email != null && c.Email.ToLower() == contact)
            : citizens.Where(c => c.Phone == contact);

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex PhoneNoise();

    // Indonesian numbers: mobile 08xx (10-13 digits) or landline with area code 0xx (9-11 digits).
    [GeneratedRegex(@"^0[1-9][0-9]{7,11}$")]
    private static partial Regex IndonesianPhone();
}
