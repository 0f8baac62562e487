namespace Aduan.People;

/// <summary>
/// A one-time code sent to a citizen's phone or e-mail to prove they control it. Only a hash is
/// stored; it expires, allows a few wrong tries and works once.
/// </summary>
public sealed class OneTimeCode
{
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The normalised contact: a phone as 08…, or a lower-case e-mail address.</summary>
    public required string Contact { get; init; }
    public required string CodeHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
