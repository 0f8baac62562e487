namespace Aduan.Messaging;

public enum MessageChannel
{
    Email,
    Sms,
    WhatsApp,

    /// <summary>A follow-up (tindak lanjut) pushed back to SP4N-LAPOR! for a report that came from there; the recipient is the LAPOR! tracking id.</summary>
    Lapor,

    /// <summary>A reply on Facebook or Instagram (a private message, or a public reply under a comment); see <c>Channels.MetaSocial</c>.</summary>
    Social,

    /// <summary>A reply on X (Twitter): a public reply under the citizen's post, or a direct message; see <c>Channels.XApi</c>.</summary>
    X,
}

public enum MessageStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A message waiting to go out, written in the same transaction as the change that causes it.
/// <see cref="OutboxDelivery"/> sends it, with retries and backoff; admins see failed and waiting
/// messages at <c>/admin/pesan</c>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public MessageChannel Channel { get; set; }
    public required string Recipient { get; set; }
    public string? Subject { get; init; }
    public required string Body { get; init; }

    /// <summary>
    /// The fields the text was rendered from (JSON), kept for WhatsApp messages: outside its 24-hour
    /// window they go out as an approved template filled with these (see <see cref="WhatsAppConversations"/>).
    /// </summary>
    public string? Fields { get; init; }

    /// <summary>For e-mail: the Message-Id of the citizen's mail this answers, so mail programs thread the reply under it.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The citizen a message about their report is for: their phone or e-mail is the fallback when the channel cannot carry it (<see cref="ReplyFallback"/>).</summary>
    public Guid? CitizenId { get; init; }

    /// <summary>Why it was sent, e.g. <c>citizen-code</c>; lets tests and admins find messages.</summary>
    public required string Purpose { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public MessageStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Not before this time (backoff after a failed attempt); null means due now.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A delivery worker holds the message until then (a lease); another may take it after.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>The claim's token: which worker's round holds the lease.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>The provider's id for the sent message (Twilio's sid, WhatsApp's wamid, the e-mail's Message-Id).</summary>
    public string? ProviderMessageId { get; set; }
}
