using Aduan.Data;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Messaging;

/// <summary>An outbox message as admins see it: the recipient masked (personal data).</summary>
public sealed record QueuedMessage(
    long Id, string Purpose, MessageChannel Channel, string Recipient, MessageStatus Status, int Attempts,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt);

public enum RetryOutcome
{
    Queued,
    NotFound,
    AlreadySent,
}

/// <summary>The outbox for admins: what failed or waits, and sending a message again.</summary>
public sealed class MessageQueue(AduanDbContext db)
{
    /// <summary>Messages in one status, oldest first, at most <paramref name="take"/>; and how many there are in all.</summary>
    public async Task<(IReadOnlyList<QueuedMessage> Messages, int Total)> ListAsync(MessageStatus status, int take, CancellationToken ct)
    {
        var query = db.Outbox.AsNoTracking().Where(m => m.Status == status);
        var rows = await query.OrderBy(m => m.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
        var total = rows.Count < take ? rows.Count : await query.CountAsync(ct);
        return (rows.Select(ToView).ToList(), total);
    }

    /// <summary>Back to pending, due now, with a fresh set of attempts; a sent message stays sent.</summary>
    public async Task<(RetryOutcome Outcome, QueuedMessage? Message)> RetryAsync(long id, CancellationToken ct)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
            return (RetryOutcome.NotFound, null);
        if (message.Status == MessageStatus.Sent)
            return (RetryOutcome.AlreadySent, ToView(message));
        message.Status = MessageStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = null;
        message.ClaimedBy = null;
        message.ClaimedUntil = null;
        await db.SaveChangesAsync(ct);
        return (RetryOutcome.Queued, ToView(message));
    }

    public static QueuedMessage ToView(OutboxMessage m) =>
        new(m.Id, m.Purpose, m.Channel, Mask(m.Recipient), m.Status, m.Attempts, m.LastError, m.CreatedAt, m.NextAttemptAt, m.SentAt);

    /// <summary>
    /// Enough to tell messages apart, not enough to contact anyone: a phone keeps its first five
    /// digits (operator prefix) and last four (<c>0812****1234</c>); an e-mail address the first
    /// letter of each part and the top-level domain (<c>b***@g***.com</c>).
    /// </summary>
    public static string Mask(string recipient)
    {
        var at = recipient.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            var keepStart = Math.Min(recipient.StartsWith('+') ? 6 : 5, Math.Max(0, recipient.Length - 8));
            var keepEnd = Math.Min(4, Math.Max(0, recipient.Length - keepStart - 4));
            return recipient[..keepStart] + "****" + recipient[^keepEnd..];
        }
        var local = recipient[..at];
        var domain = recipient[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        var top = dot >= 0 ? domain[dot..] : "";
        return $"{First(local)}***@{First(domain)}***{top}";
    }

    private static string First(string part) => part.Length > 0 ? part[..1] : "";
}
