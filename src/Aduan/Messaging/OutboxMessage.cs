namespace Aduan.Messaging;

public enum MessageChannel
{
    Email,
    Sms,
    WhatsApp,
}

public enum MessageStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A message waiting to go out, written in the same transaction as the change that causes it.
/// A delivery job sends it; until real channels exist (issue 6), messages stay pending and are
/// visible to admins and tests.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public MessageChannel Channel { get; init; }
    public required string Recipient { get; init; }
    public string? Subject { get; init; }
    public required string Body { get; init; }

    /// <summary>Why it was sent, e.g. <c>citizen-code</c>; lets tests and admins find messages.</summary>
    public required string Purpose { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public MessageStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
