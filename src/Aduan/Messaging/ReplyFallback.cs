using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Messaging;

/// <summary>When a person last wrote to the city privately on Messenger or Instagram Direct (<c>fb:{id}</c>, <c>ig:{id}</c>).</summary>
public sealed class ChannelContact
{
    public required string Address { get; init; }
    public DateTimeOffset LastInboundAt { get; set; }
}

/// <summary>How one outbox message goes out, decided when it is sent.</summary>
public abstract record ReplyRoute
{
    /// <summary>Its own channel carries it; <see cref="Tag"/> is Meta's message tag when one is needed (<c>HUMAN_AGENT</c>).</summary>
    public sealed record Carry(string? Tag = null) : ReplyRoute;

    /// <summary>Its channel cannot carry it now: it goes to the citizen's phone (SMS) or e-mail instead.</summary>
    public sealed record Move(MessageChannel Channel, string Recipient, string Reason) : ReplyRoute;

    /// <summary>No channel can carry it: it fails at once with the reason (a resource key, then the details).</summary>
    public sealed record Fail(string Reason) : ReplyRoute;
}

/// <summary>
/// The one place that decides, at send time, whether a message to a citizen can go on the channel it
/// was queued for, and where it goes otherwise. The windows are the providers' rules:
/// <list type="bullet">
/// <item>WhatsApp: within 24 hours of the person's last message, or with an approved template
/// (<see cref="WhatsAppConversations.RouteAsync"/>).</item>
/// <item>Messenger and Instagram Direct: within 24 hours of the person's last message (<c>RESPONSE</c>);
/// within 7 days with the <c>HUMAN_AGENT</c> tag, for a message a person on staff wrote (Meta's
/// human-agent rule, the same tag on Instagram); a public reply under a comment always.</item>
/// <item>E-mail, SMS, SP4N-LAPOR!: always.</item>
/// </list>
/// A message its channel cannot carry goes by SMS to the citizen's phone, else by e-mail (a configured
/// channel first), else fails at once with the reason for the admins at <c>/admin/pesan</c>.
/// </summary>
public sealed class ReplyFallback(IServiceScopeFactory scopes, WhatsAppConversations whatsApp, TimeProvider clock)
{
    public static readonly TimeSpan StandardWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);
    public const string HumanAgentTag = "HUMAN_AGENT";

    /// <summary>The reason's resource key on <c>/admin/pesan</c>, before its English details.</summary>
    public const string NoChannelKey = "Outbox_NoChannel";

    /// <summary>Messages whose words a person on staff wrote: the agency's question, its resolution, the operator's rejection.</summary>
    public static readonly IReadOnlySet<string> WrittenByStaff = new HashSet<string>(StringComparer.Ordinal) { "perlu-informasi", "laporan-selesai", "laporan-ditolak" };

    public async Task<ReplyRoute> RouteAsync(OutboxMessage message, Func<MessageChannel, bool> configured, CancellationToken ct)
    {
        var (tag, refusal) = await OwnChannelAsync(message, ct);
        if (refusal is null)
            return new ReplyRoute.Carry(tag);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var citizen = message.CitizenId is { } id
            ? await db.Citizens.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Phone, c.Email }).SingleOrDefaultAsync(ct)
            : null;
        // A WhatsApp recipient is a phone number: an answer to a sender who is no reporter yet falls back to SMS to it.
        var phone = citizen?.Phone ?? (message.Channel == MessageChannel.WhatsApp ? message.Recipient : null);
        var options = new (MessageChannel Channel, string? To)[] { (MessageChannel.Sms, phone), (MessageChannel.Email, citizen?.Email) }
            .Where(o => o.To is not null && o.Channel != message.Channel).ToList();
        if (options.Count == 0)
            return new ReplyRoute.Fail($"{NoChannelKey}: {refusal}; the citizen left no phone or e-mail to fall back on");
        var (channel, to) = options.FirstOrDefault(o => configured(o.Channel)) is { To: not null } ready ? ready : options[0];
        return new ReplyRoute.Move(channel, to!, refusal);
    }

    /// <summary>Whether the message's own channel can carry it now: Meta's tag when one is needed, or why not.</summary>
    public async Task<(string? Tag, string? Refusal)> OwnChannelAsync(OutboxMessage message, CancellationToken ct)
    {
        switch (message.Channel)
        {
            case MessageChannel.WhatsApp:
                return await whatsApp.RouteAsync(message, ct) is WhatsAppRoute.Refused refused ? (null, refused.Reason) : (null, null);
            case MessageChannel.Social when ContactOf(message.Recipient) is { } address:
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
                    var last = await db.ChannelContacts.AsNoTracking().Where(c => c.Address == address).Select(c => (DateTimeOffset?)c.LastInboundAt).SingleOrDefaultAsync(ct);
                    var since = last is { } at ? clock.GetUtcNow() - at : TimeSpan.MaxValue;
                    if (since < StandardWindow)
                        return (null, null);
                    if (since < HumanAgentWindow && WrittenByStaff.Contains(message.Purpose))
                        return (HumanAgentTag, null);
                    var when = last is { } seen ? seen.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "never";
                    return (null, WrittenByStaff.Contains(message.Purpose)
                        ? $"Meta accepts a staff member's message within 7 days of the person's last private message (last: {when})"
                        : $"Meta accepts an automatic message within 24 hours of the person's last private message (last: {when})");
                }
            default:
                return (null, null);
        }
    }

    /// <summary>A private message arrived from this Messenger or Instagram user: their windows open again.</summary>
    public static async Task RecordInboundAsync(AduanDbContext db, string address, DateTimeOffset at, CancellationToken ct)
    {
        var contact = await db.ChannelContacts.SingleOrDefaultAsync(c => c.Address == address, ct);
        if (contact is null)
            db.ChannelContacts.Add(new ChannelContact { Address = address, LastInboundAt = at });
        else if (at > contact.LastInboundAt)
            contact.LastInboundAt = at;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another delivery from the same person recorded it at the same moment
        }
    }

    /// <summary><c>fb:{user}</c> or <c>ig:{user}</c> for a private recipient (<c>fb:dm:{message}:{user}</c>); null for a public comment.</summary>
    public static string? ContactOf(string recipient)
    {
        var parts = recipient.Split(':');
        return parts.Length >= 3 && parts[0] is "fb" or "ig" && parts[1] == "dm" ? $"{parts[0]}:{parts[^1]}" : null;
    }
}
