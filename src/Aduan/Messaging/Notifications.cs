using Aduan.Data;
using Aduan.Reports;
using Aduan.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Messaging;

/// <summary>
/// Queues the pack's messages to citizens and staff in the outbox, in the caller's unit of work,
/// so a message exists exactly when the change that caused it is saved. Delivery is a job of its own.
/// </summary>
public sealed class Notifications(AduanDbContext db, IOptions<AduanOptions> options, TimeProvider clock)
{
    private readonly Dictionary<string, MessageTemplate?> _templates = new(StringComparer.Ordinal);

    /// <summary>The public track page of a report (or the page a link takes the citizen to).</summary>
    public string TrackLink(Report report, string? suffix = null) => TrackLink(report.Code, suffix);

    public string TrackLink(string code, string? suffix = null) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/lacak/{TrackingCode.Format(code)}{suffix}";

    /// <summary>
    /// The reporter's message, on the phone or e-mail they gave; nothing when they gave neither.
    /// <c>{kode}</c> and <c>{tautan}</c> (the track page unless <paramref name="link"/> is given) are always filled.
    /// </summary>
    public async Task TellCitizenAsync(Report report, string templateKey, IReadOnlyDictionary<string, string>? values, string? link, CancellationToken ct)
    {
        if (LaporId(report) is { } laporId)
        {
            // A LAPOR! report: the citizen follows it on LAPOR!, so every message to them is a follow-up pushed there.
            await TellLaporAsync(report, laporId, templateKey, values, link, ct);
            return;
        }
        if (report.CitizenId is not { } citizenId)
            return;
        var citizen = await db.Citizens.AsNoTracking().SingleOrDefaultAsync(c => c.Id == citizenId, ct);
        if (citizen is null || (citizen.Phone is null && citizen.Email is null && citizen.ChannelAddress is null))
            return;
        var fields = Fields(report, values, link ?? TrackLink(report));
        var text = await RenderAsync(templateKey, fields, ct);
        if (text is null)
            return;
        if (ReplyChannel(report.Channel, citizen.Phone, citizen.Email, citizen.ChannelAddress) is not { } channel)
            return;
        db.Outbox.Add(new OutboxMessage
        {
            Channel = channel,
            Recipient = channel switch { MessageChannel.Email => citizen.Email!, MessageChannel.Social or MessageChannel.X => citizen.ChannelAddress!, _ => citizen.Phone! },
            // The subject is kept whatever the channel: a message that falls back to e-mail carries the code in it too.
            Subject = $"[{TrackingCode.Format(report.Code)}] Aduan",
            Body = text,
            Fields = channel == MessageChannel.WhatsApp ? WhatsAppConversations.WriteFields(fields) : null,
            InReplyTo = channel == MessageChannel.Email ? MailThread(report) : null,
            CitizenId = citizen.Id,
            Purpose = templateKey,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    /// <summary>
    /// An answer to whoever sent a channel message that is not (yet) a report of theirs: a request for
    /// details, a report's status. Returns whether the template exists and the message was queued.
    /// </summary>
    public async Task<bool> TellSenderAsync(MessageChannel channel, string recipient, string templateKey, IReadOnlyDictionary<string, string> fields, CancellationToken ct)
    {
        var text = await RenderAsync(templateKey, fields, ct);
        if (text is null)
            return false;
        db.Outbox.Add(new OutboxMessage
        {
            Channel = channel,
            Recipient = recipient,
            Subject = channel == MessageChannel.Email ? "Aduan" : null,
            Body = text,
            Fields = channel == MessageChannel.WhatsApp ? WhatsAppConversations.WriteFields(fields) : null,
            Purpose = templateKey,
            CreatedAt = clock.GetUtcNow(),
        });
        return true;
    }

    /// <summary>
    /// The citizen is answered on the channel the report came by when it can carry a message to
    /// them (an e-mail report by e-mail, a WhatsApp report on WhatsApp, an SMS report by SMS, an X
    /// direct message by DM); otherwise by SMS to their phone, else by e-mail, else at their private
    /// channel address (Messenger, Instagram Direct, an X DM); null when they left none of these.
    /// </summary>
    public static MessageChannel? ReplyChannel(Channel came, string? phone, string? email, string? channelAddress = null) => came switch
    {
        Channel.Email when email is not null => MessageChannel.Email,
        Channel.WhatsApp when phone is not null => MessageChannel.WhatsApp,
        Channel.Twitter when Channels.XApi.IsAddress(channelAddress) => MessageChannel.X,
        _ when phone is not null => MessageChannel.Sms,
        _ when email is not null => MessageChannel.Email,
        _ when channelAddress is not null => Channels.XApi.IsAddress(channelAddress) ? MessageChannel.X : MessageChannel.Social,
        _ => null,
    };

    /// <summary>The fields of a message about a report as its reporter sees it: the caller's, with <c>{kode}</c> and the track page as <c>{tautan}</c>.</summary>
    public Dictionary<string, string> ReportFields(Report report, IReadOnlyDictionary<string, string>? values) => Fields(report, values, TrackLink(report));

    private async Task TellLaporAsync(Report report, string laporId, string templateKey, IReadOnlyDictionary<string, string>? values, string? link, CancellationToken ct)
    {
        var fields = Fields(report, values, link ?? TrackLink(report));
        var text = await RenderAsync(templateKey, fields, ct);
        if (text is null)
            return;
        fields["status_aduan"] = report.Status.ToString();
        db.Outbox.Add(new OutboxMessage
        {
            Channel = MessageChannel.Lapor,
            Recipient = laporId,
            Body = text,
            Fields = WhatsAppConversations.WriteFields(fields),
            Purpose = templateKey,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    /// <summary>The LAPOR! tracking id of a report imported from SP4N-LAPOR!; null for other reports.</summary>
    public static string? LaporId(Report report) => Channels.ChannelMessage.MessageIdOf(report, Channel.Lapor);

    /// <summary>The Message-Id of the mail a report came in; null for other reports.</summary>
    private static string? MailThread(Report report) => Channels.ChannelMessage.MessageIdOf(report, Channel.Email);

    /// <summary>The citizen hears of a public change that has no message of its own (work started, closed without them, an outside body answered).</summary>
    public Task TellCitizenStatusAsync(Report report, CancellationToken ct) =>
        TellCitizenAsync(report, "status-berubah", new Dictionary<string, string> { ["status"] = StatusNames.Indonesian[report.Status] }, null, ct);

    /// <summary>
    /// A message to the staff of an agency (its officers and heads with an e-mail address), or to the
    /// media centre's operators when <paramref name="agencyCode"/> is null.
    /// </summary>
    public async Task TellStaffAsync(string? agencyCode, Report report, string templateKey, IReadOnlyDictionary<string, string>? values, CancellationToken ct)
    {
        var staff = db.Users.AsNoTracking().Where(u => !u.IsDisabled);
        staff = agencyCode is null
            ? staff.Where(u => (u.Roles & StaffRole.Operator) != 0)
            : staff.Where(u => u.AgencyCode == agencyCode && (u.Roles & (StaffRole.AgencyOfficer | StaffRole.AgencyHead)) != 0);
        await TellStaffMembersAsync(await staff.ToListAsync(ct), MessageChannel.Email, report, templateKey, values, ct);
    }

    /// <summary>A message to these staff members on one channel: e-mail to their address, SMS or WhatsApp to their phone; those without one are skipped.</summary>
    public async Task<int> TellStaffMembersAsync(IEnumerable<StaffUser> staff, MessageChannel channel, Report report, string templateKey, IReadOnlyDictionary<string, string>? values, CancellationToken ct)
    {
        var messages = await StaffMessagesAsync(staff, channel, report, templateKey, values, ct);
        db.Outbox.AddRange(messages);
        return messages.Count;
    }

    /// <summary>
    /// The messages <see cref="TellStaffMembersAsync"/> would queue, for a caller that writes them
    /// itself in its own transaction (the escalation sweep writes thousands at once).
    /// </summary>
    public async Task<List<OutboxMessage>> StaffMessagesAsync(IEnumerable<StaffUser> staff, MessageChannel channel, Report report, string templateKey, IReadOnlyDictionary<string, string>? values, CancellationToken ct)
    {
        var recipients = staff.Select(u => channel == MessageChannel.Email ? u.Email : u.PhoneNumber)
            .Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (recipients.Count == 0)
            return [];
        var link = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/staf/laporan/{TrackingCode.Format(report.Code)}";
        var fields = Fields(report, values, link);
        var text = await RenderAsync(templateKey, fields, ct);
        if (text is null)
            return [];
        var kept = channel == MessageChannel.WhatsApp ? WhatsAppConversations.WriteFields(fields) : null;
        var now = clock.GetUtcNow();
        return recipients.Select(recipient => new OutboxMessage
        {
            Channel = channel,
            Recipient = recipient,
            Subject = channel == MessageChannel.Email ? $"[{TrackingCode.Format(report.Code)}] Aduan" : null,
            Body = text,
            Fields = kept,
            Purpose = templateKey,
            CreatedAt = now,
        }).ToList();
    }

    /// <summary>The template's fields: the caller's, with <c>{kode}</c> and <c>{tautan}</c> always filled.</summary>
    private static Dictionary<string, string> Fields(Report report, IReadOnlyDictionary<string, string>? values, string link)
    {
        var fields = new Dictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["kode"] = TrackingCode.Format(report.Code),
            ["tautan"] = link,
        };
        return fields;
    }

    private async Task<string?> RenderAsync(string templateKey, IReadOnlyDictionary<string, string> fields, CancellationToken ct)
    {
        // Templates are read once per unit of work: a sweep writes thousands of messages from a few.
        if (!_templates.TryGetValue(templateKey, out var template))
            _templates[templateKey] = template = await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == templateKey && t.Language == "id", ct);
        if (template is null)
            return null;
        var text = template.Text;
        foreach (var (key, value) in fields)
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        return text;
    }
}
