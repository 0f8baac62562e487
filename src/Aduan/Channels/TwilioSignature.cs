using System.Security.Cryptography;
using System.Text;

namespace Aduan.Channels;

/// <summary>
/// Twilio's <c>X-Twilio-Signature</c>: Base64 of HMAC-SHA1, keyed with the account's auth token, over
/// the full webhook URL (with its query string) followed by every POST parameter's name and value,
/// the names sorted (ordinal). Compared in constant time.
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            data.Append(name).Append(value);
#pragma warning disable CA5350 // Twilio signs its webhooks with HMAC-SHA1; this checks that signature
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature) =>
        !string.IsNullOrEmpty(signature)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(authToken, url, parameters)), Encoding.ASCII.GetBytes(signature.Trim()));
}
