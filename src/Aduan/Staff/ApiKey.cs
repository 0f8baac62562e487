using System.Security.Cryptography;
using System.Text;

namespace Aduan.Staff;

/// <summary>
/// A bearer key for an integration. Only a SHA-256 hash of the secret is stored; the secret is
/// shown once, at creation. A key acts for the whole jurisdiction (like an operator) or, when it
/// has an agency, for that agency and the agencies under it (like an agency head), within its scopes.
/// </summary>
public sealed class ApiKey
{
    public const string TokenPrefix = "adn_";

    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; set; }

    /// <summary>The public part of the token, used to find the key: <c>adn_{Prefix}_{secret}</c>.</summary>
    public required string Prefix { get; init; }
    public required string SecretHash { get; init; }

    /// <summary>Space-separated scopes from <see cref="ApiScopes"/>.</summary>
    public required string Scopes { get; set; }
    public string? AgencyCode { get; set; }
    public Guid? CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    public IReadOnlySet<string> ScopeSet => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>A new key and its one-time token.</summary>
    public static (ApiKey Key, string Token) Create(string name, IEnumerable<string> scopes, string? agencyCode, Guid? createdBy, DateTimeOffset now)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = name,
            Prefix = prefix,
            SecretHash = Hash(secret),
            Scopes = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            AgencyCode = agencyCode,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
        return (key, $"{TokenPrefix}{prefix}_{secret}");
    }

    /// <summary>Splits a presented token into prefix and secret; null when it is not shaped like one.</summary>
    public static (string Prefix, string Secret)? ParseToken(string? token)
    {
        if (token is null || !token.StartsWith(TokenPrefix, StringComparison.Ordinal))
            return null;
        var rest = token[TokenPrefix.Length..];
        var split = rest.IndexOf('_', StringComparison.Ordinal);
        if (split != 12 || rest.Length - split - 1 < 20 || rest.Length > 100)
            return null;
        return (rest[..split], rest[(split + 1)..]);
    }

    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public static class ApiScopes
{
    /// <summary>Read reports the key may see (staff view, listing, export).</summary>
    public const string ReportsRead = "reports:read";

    /// <summary>Add notes and photos to reports the key may see.</summary>
    public const string ReportsWrite = "reports:write";

    /// <summary>Read the reporter's contact where the rules allow it; every read is logged.</summary>
    public const string ReportersRead = "reporters:read";

    public static readonly string[] All = [ReportsRead, ReportsWrite, ReportersRead];
}
