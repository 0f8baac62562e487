using System.Collections.Concurrent;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Messaging;

/// <summary>What one delivery round did.</summary>
public sealed record DeliveryRound(int Sent, int Retrying, int Failed, int Unconfigured)
{
    public override string ToString() =>
        $"{Sent} sent, {Retrying} to retry later, {Failed} failed, {Unconfigured} waiting for a channel that is not configured";
}

/// <summary>
/// Sends what the outbox holds, through the sender configured for each channel.
/// <para>
/// Claiming: a worker takes one due message at a time with a conditional UPDATE that sets a lease
/// (<c>ClaimedBy</c>, <c>ClaimedUntil</c>) and counts the attempt, only where the message is still
/// pending, due and not held by a live lease. On PostgreSQL (read committed) a second worker's
/// UPDATE of the same row waits for the first to commit, re-checks the condition on the new row,
/// finds the lease and changes nothing, so exactly one worker holds a message; SQLite has one
/// writer at a time. A lease rather than <c>FOR UPDATE SKIP LOCKED</c> because it is the same
/// SQL on both databases and needs no transaction held open across a slow provider call; a worker
/// that dies mid-send leaves a lease that simply runs out (<c>Aduan:Messaging:ClaimMinutes</c>).
/// </para>
/// <para>
/// The attempt is recorded (the claim) before the provider is called, and the provider gets an
/// idempotency key made from the row's id where it takes one. What remains is in docs/architecture.md.
/// </para>
/// </summary>
public sealed class OutboxDelivery(
    IServiceScopeFactory scopes,
    IEnumerable<IMessageSender> senders,
    ReplyFallback fallback,
    IOptions<MessagingOptions> messaging,
    IOptions<AduanOptions> options,
    TimeProvider clock,
    ILogger<OutboxDelivery> log) : PeriodicJob(clock, log)
{
    /// <summary>Waits after the 1st, 2nd, … failed attempt; the last one repeats.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(180)];

    private readonly ConcurrentDictionary<MessageChannel, bool> _toldUnconfigured = new();
    private readonly string _worker = $"{Cut(Environment.MachineName, 20)}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static TimeSpan DelayAfter(int attempts) => Backoff[Math.Clamp(attempts - 1, 0, Backoff.Count - 1)];

    /// <summary>The text an admin sees on a message whose channel has no settings.</summary>
    public static string NotConfigured(MessageChannel channel) => channel switch
    {
        MessageChannel.Email => "channel not configured: set Aduan:Messaging:Smtp:Host",
        MessageChannel.Sms => "channel not configured: set Aduan:Messaging:Sms:Provider (Twilio or Gateway)",
        MessageChannel.Lapor => "channel not configured: set Aduan:Messaging:Lapor:BaseUrl and Token",
        MessageChannel.Social => "channel not configured: set Aduan:Messaging:Social:PageId and PageAccessToken",
        MessageChannel.X => "channel not configured: set Aduan:Messaging:X:ConsumerKey, ConsumerSecret, AccessToken and AccessTokenSecret",
        _ => "channel not configured: set Aduan:Messaging:WhatsApp:PhoneNumberId and AccessToken",
    };

    protected override bool Enabled => options.Value.BackgroundDelivery;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(messaging.Value.PollSeconds);

    protected override Task RunRoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One round over the due messages.</summary>
    public async Task<DeliveryRound> RunOnceAsync(CancellationToken ct)
    {
        var byChannel = Enum.GetValues<MessageChannel>().ToDictionary(c => c, c => senders.FirstOrDefault(s => s.Channel == c && s.IsConfigured));
        var ready = byChannel.Where(p => p.Value is not null).Select(p => p.Key).ToList();
        List<long> due;
        var unconfigured = 0;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            foreach (var channel in byChannel.Where(p => p.Value is null).Select(p => p.Key))
                unconfigured += await NoteUnconfiguredAsync(db, channel, ct);
            var now = Clock.GetUtcNow();
            due = await Due(db.Outbox, now).Where(m => ready.Contains(m.Channel))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(messaging.Value.BatchSize).ToListAsync(ct);
        }
        int sent = 0, retrying = 0, failed = 0;
        foreach (var id in due)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            var message = await ClaimAsync(db, id, ct);
            if (message is null)
                continue; // another worker has it, or it changed
            // The one decision on the channel, at send time: a window may have closed while the message waited.
            var outcome = await RouteAsync(message, c => byChannel[c] is not null, ct) switch
            {
                ReplyRoute.Fail fail => SendResult.Rejected(fail.Reason),
                ReplyRoute.Move move => await MoveAsync(db, message, move, byChannel[move.Channel], ct),
                null => SendResult.Retry("the channel could not be decided (see the server log)"),
                _ => await SendAsync(byChannel[message.Channel]!, message, ct),
            };
            switch (await RecordAsync(db, message, outcome, ct))
            {
                case MessageStatus.Sent: sent++; break;
                case MessageStatus.Failed: failed++; break;
                default: retrying++; break;
            }
        }
        return new DeliveryRound(sent, retrying, failed, unconfigured);
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> outbox, DateTimeOffset now) =>
        outbox.Where(m => m.Status == MessageStatus.Pending
            && (m.NextAttemptAt == null || m.NextAttemptAt <= now)
            && (m.ClaimedUntil == null || m.ClaimedUntil < now));

    /// <summary>Takes the lease and counts the attempt in one conditional UPDATE; null when another worker won.</summary>
    private async Task<OutboxMessage?> ClaimAsync(AduanDbContext db, long id, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var until = now.AddMinutes(messaging.Value.ClaimMinutes);
        var claimed = await Due(db.Outbox, now).Where(m => m.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.ClaimedBy, _worker)
            .SetProperty(m => m.ClaimedUntil, until)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        return claimed == 1 ? await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct) : null;
    }

    /// <summary>The fallback's decision; null (tried again later) when it could not be made, e.g. the database was unreachable.</summary>
    private async Task<ReplyRoute?> RouteAsync(OutboxMessage message, Func<MessageChannel, bool> configured, CancellationToken ct)
    {
        try
        {
            return await fallback.RouteAsync(message, configured, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(ex, "No channel decision for outbox message {Id}", message.Id);
            return null;
        }
    }

    /// <summary>The message goes to the citizen's phone or e-mail from now on (every later attempt too), sent at once when that channel is set up.</summary>
    private async Task<SendResult> MoveAsync(AduanDbContext db, OutboxMessage message, ReplyRoute.Move move, IMessageSender? sender, CancellationToken ct)
    {
        var id = message.Id;
        await db.Outbox.Where(m => m.Id == id && m.ClaimedBy == _worker).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Channel, move.Channel)
            .SetProperty(m => m.Recipient, move.Recipient), ct);
        log.LogInformation("Outbox message {Id} moves from {From} to {To}: {Reason}", id, message.Channel, move.Channel, move.Reason);
        (message.Channel, message.Recipient) = (move.Channel, move.Recipient);
        return sender is null ? SendResult.Retry(NotConfigured(move.Channel)) : await SendAsync(sender, message, ct);
    }

    private async Task<SendResult> SendAsync(IMessageSender sender, OutboxMessage message, CancellationToken ct)
    {
        try
        {
            return await sender.SendAsync(message, $"aduan-outbox-{message.Id}", ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(ex, "Sender {Sender} failed on outbox message {Id}", sender.GetType().Name, message.Id);
            return SendResult.Retry($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<MessageStatus> RecordAsync(AduanDbContext db, OutboxMessage message, SendResult result, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var id = message.Id;
        if (result.Outcome == SendOutcome.Sent)
        {
            // A success is recorded even if the lease ran out meanwhile: the message did go out.
            await db.Outbox.Where(m => m.Id == id && m.Status == MessageStatus.Pending).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, MessageStatus.Sent)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.ProviderMessageId, Cut(result.ProviderMessageId, 200))
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
            return MessageStatus.Sent;
        }
        var fail = result.Outcome == SendOutcome.Rejected || message.Attempts >= messaging.Value.MaxAttempts;
        var status = fail ? MessageStatus.Failed : MessageStatus.Pending;
        DateTimeOffset? next = fail ? null : Later(now + DelayAfter(message.Attempts), result.NotBefore);
        var error = Cut(result.Error, 2000);
        log.LogWarning("Outbox message {Id} ({Channel}) attempt {Attempt}: {Error}; {What}", id, message.Channel, message.Attempts, error, fail ? "failed" : $"next attempt at {next:O}");
        // Only the worker holding the lease records a failure, so a late answer never undoes another worker's success.
        await db.Outbox.Where(m => m.Id == id && m.Status == MessageStatus.Pending && m.ClaimedBy == _worker).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
        return status;
    }

    /// <summary>Says on each waiting message of the channel why it waits (logged once per process); returns how many wait.</summary>
    private async Task<int> NoteUnconfiguredAsync(AduanDbContext db, MessageChannel channel, CancellationToken ct)
    {
        var reason = NotConfigured(channel);
        var waiting = db.Outbox.Where(m => m.Status == MessageStatus.Pending && m.Channel == channel);
        await waiting.Where(m => m.LastError == null || m.LastError != reason).ExecuteUpdateAsync(set => set.SetProperty(m => m.LastError, reason), ct);
        var count = await waiting.CountAsync(ct);
        if (count > 0 && _toldUnconfigured.TryAdd(channel, true))
            log.LogWarning("{Count} {Channel} messages wait: {Reason}", count, channel, reason);
        return count;
    }

    private static DateTimeOffset Later(DateTimeOffset backoff, DateTimeOffset? notBefore) => notBefore > backoff ? notBefore.Value : backoff;

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}
