using System.Security.Cryptography;
using System.Text;

namespace Aduan.Channels;

/// <summary>The four keys of an OAuth 1.0a user-context request: the app's (consumer) and the account's (access token).</summary>
public sealed record OAuth1Credentials(string ConsumerKey, string ConsumerSecret, string Token, string TokenSecret);

/// <summary>
/// OAuth 1.0a request signing with HMAC-SHA1 (RFC 5849 section 3.4), as X's API wants it for
/// posting and for fetching direct-message media: every query and form parameter and the
/// <c>oauth_*</c> parameters, percent-encoded, sorted, joined into the signature base string,
/// signed with <c>consumer secret &amp; token secret</c>. A JSON body is not signed.
/// </summary>
public static class OAuth1
{
    /// <summary>The <c>Authorization</c> header value for one request, with a fresh nonce and the current time.</summary>
    public static string Authorize(HttpMethod method, Uri url, OAuth1Credentials keys, DateTimeOffset now) =>
        Authorize(method, url, [], keys, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The <c>Authorization</c> header value with a given nonce and timestamp (the docs' worked example fixes both).</summary>
    public static string Authorize(HttpMethod method, Uri url, IEnumerable<KeyValuePair<string, string>> formParameters, OAuth1Credentials keys, string nonce, string timestamp)
    {
        var oauth = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = keys.ConsumerKey,
            ["oauth_nonce"] = nonce,
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = timestamp,
            ["oauth_token"] = keys.Token,
            ["oauth_version"] = "1.0",
        };
        var baseString = SignatureBaseString(method, url, formParameters.Concat(oauth));
        oauth["oauth_signature"] = Sign(baseString, keys.ConsumerSecret, keys.TokenSecret);
        return "OAuth " + string.Join(", ", oauth.Select(p => $"{Encode(p.Key)}=\"{Encode(p.Value)}\""));
    }

    /// <summary>
    /// <c>METHOD&amp;encoded base URL&amp;encoded parameter string</c>: the URL without query or fragment
    /// (scheme and host in lower case, the port only when it is not the scheme's default); the
    /// parameters are the URL's query, <paramref name="parameters"/> (form fields and oauth_*), raw values.
    /// </summary>
    public static string SignatureBaseString(HttpMethod method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var all = QueryOf(url).Concat(parameters)
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        var parameterString = string.Join("&", all.Select(p => $"{p.Key}={p.Value}"));
        var port = url.IsDefaultPort ? "" : ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var baseUrl = $"{url.Scheme.ToLowerInvariant()}://{url.Host.ToLowerInvariant()}{port}{url.AbsolutePath}";
        return $"{method.Method.ToUpperInvariant()}&{Encode(baseUrl)}&{Encode(parameterString)}";
    }

    /// <summary>Base64 of HMAC-SHA1 over the base string, keyed with the encoded consumer secret, '&amp;', the encoded token secret.</summary>
    public static string Sign(string baseString, string consumerSecret, string tokenSecret)
    {
#pragma warning disable CA5350 // OAuth 1.0a as X implements it knows only HMAC-SHA1
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes($"{Encode(consumerSecret)}&{Encode(tokenSecret)}"), Encoding.UTF8.GetBytes(baseString));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>RFC 3986 percent-encoding: everything but <c>A-Z a-z 0-9 - . _ ~</c> as %XX of its UTF-8 bytes, in upper-case hex.</summary>
    public static string Encode(string value)
    {
        var text = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
                text.Append((char)b);
            else
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    private static IEnumerable<KeyValuePair<string, string>> QueryOf(Uri url)
    {
        var query = url.Query.TrimStart('?');
        if (query.Length == 0)
            yield break;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = at < 0 ? (pair, "") : (pair[..at], pair[(at + 1)..]);
            yield return new(Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' ')));
        }
    }
}
