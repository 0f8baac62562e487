using System.Security.Cryptography;
using System.Text;

namespace Aduan.Alerts;

/// <summary>What an alert follows.</summary>
public enum AlertTopic
{
    /// <summary>One report: a mail when its public status changes.</summary>
    Report,

    /// <summary>An area (and every area under it): a daily digest of its new public reports.</summary>
    Area,

    /// <summary>A category: a daily digest of its new public reports.</summary>
    Category,
}

/// <summary>
/// A citizen's e-mail alert, no account needed. Only the address and the hash of the secret in the
/// confirmation link are stored; the unsubscribe token is derived from that hash (see
/// <see cref="UnsubscribeToken"/>), so every mail can carry a working unsubscribe link without the
/// secret ever being kept. A subscription does nothing until it is confirmed (double opt-in), and
/// is deleted, not flagged, when the citizen unsubscribes.
/// </summary>
public sealed class AlertSubscription
{
    public Guid Id { get; init; }

    /// <summary>Lower case, trimmed.</summary>
    public required string Email { get; init; }
    public AlertTopic Topic { get; init; }

    /// <summary>The report's code (without the dash), the area's code or the category's code.</summary>
    public required string Target { get; init; }

    /// <summary>Hex SHA-256 of the secret in the confirmation link.</summary>
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>For a report: the sequence of the newest update already mailed (the report's version then). Guards against two servers mailing the same change.</summary>
    public int LastSequence { get; set; }

    /// <summary>For an area or a category: reports received before this have been in a digest.</summary>
    public DateTimeOffset? DigestedUntil { get; set; }

    /// <summary>For an area or a category: when the next digest is due. Guards against two servers sending one digest twice.</summary>
    public DateTimeOffset? NextDigestAt { get; set; }

    public bool IsConfirmed => ConfirmedAt is not null;

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The token of the unsubscribe link: an HMAC keyed with the stored hash, unguessable without the database.</summary>
    public string UnsubscribeToken =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.ASCII.GetBytes(TokenHash), Encoding.ASCII.GetBytes("berhenti:" + Id.ToString("N"))))[..32];

    public bool HasSecret(string? secret) => secret is { Length: > 0 } && Same(Hash(secret), TokenHash);

    public bool HasUnsubscribeToken(string? token) => token is { Length: > 0 } && Same(token, UnsubscribeToken);

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
