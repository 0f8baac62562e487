using Aduan.Data;
using Aduan.Messaging;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Aduan.Channels;

/// <summary>One message from a citizen's WhatsApp, as Meta's webhook describes it.</summary>
public sealed record WhatsAppIncoming(
    string MessageId,
    string From,
    string? Name,
    string Type,
    string? Text,
    double? Latitude,
    double? Longitude,
    string? Address,
    string? MediaId,
    DateTimeOffset SentAt);

/// <summary>A WhatsApp report being put together: the citizen's words, where, photos (the media ids), until it is filed.</summary>
public sealed class WhatsAppDraft
{
    /// <summary>The number in international digits (628…).</summary>
    public required string Phone { get; init; }
    public string? Name { get; set; }
    public string Text { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Address { get; set; }

    /// <summary>WhatsApp media ids of the photos, separated by spaces; fetched when the report is filed.</summary>
    public string MediaIds { get; set; } = "";

    /// <summary>The first message's id: the report is filed once under it.</summary>
    public required string FirstMessageId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool HasPlace => Latitude is not null || !string.IsNullOrWhiteSpace(Address);
}

/// <summary>
/// The WhatsApp channel's short conversation. A citizen's first words open a draft; Aduan asks for
/// where it is (WhatsApp's location message, or an address typed), then for a photo (or "lewati"),
/// and files the report through <see cref="ChannelIntake"/> with everything it got. A message
/// naming one of the sender's own tracking codes goes to that report instead; "status KODE"
/// answers with the public status. Every message records that the number wrote to us, which opens
/// WhatsApp's 24-hour window for free-text answers. A draft left unfinished is filed as it is
/// after <see cref="DraftLifetime"/>: nothing a citizen sent is lost.
/// </summary>
public sealed partial class WhatsAppConversation(
    AduanDbContext db, ChannelIntake intake, Notifications notifications, WhatsAppCloud cloud, TimeProvider clock, ILogger<WhatsAppConversation> log)
{
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromHours(2);

    public async Task HandleAsync(WhatsAppIncoming message, CancellationToken ct)
    {
        var key = ChannelMessage.KeyOf(Channel.WhatsApp, message.MessageId);
        if (await db.ChannelMessages.AnyAsync(m => m.Key == key, ct))
            return; // Meta delivers again when we were slow to answer: taken already
        var phone = PhoneNumbers.Format("+" + message.From, PhoneFormat.Digits);
        var national = "0" + phone[2..];
        await WhatsAppConversations.RecordInboundAsync(db, phone, message.SentAt, ct);
        var words = message.Text?.Trim() ?? "";

        if (StatusQuery().Match(words) is { Success: true } query)
        {
            await AnswerStatusAsync(national, query.Groups["code"].Value, key, ct);
            return;
        }
        var draft = await db.WhatsAppDrafts.SingleOrDefaultAsync(d => d.Phone == phone, ct);
        if (draft is null && TrackingCode.Find(words) is { } code)
        {
            var followUp = await intake.ReceiveAsync(new InboundMessage
            {
                Channel = Channel.WhatsApp,
                MessageId = message.MessageId,
                Phone = national,
                Name = message.Name,
                Text = words,
                ReplyToCode = code,
            }, ct);
            if (followUp.Outcome == IntakeOutcome.Updated)
            {
                await ReplyAsync(national, "wa-tambahan-diterima", followUp.Report, ct);
                return;
            }
            // Not their report (or closed): the words are a new complaint, handled below.
            db.ChangeTracker.Clear();
            await WhatsAppConversations.RecordInboundAsync(db, phone, message.SentAt, ct);
        }

        var now = clock.GetUtcNow();
        if (draft is null)
        {
            if (words.Length == 0 && message.Type is not ("location" or "image"))
            {
                await ReplyAsync(national, "wa-mulai", null, ct, key);
                return;
            }
            draft = new WhatsAppDraft { Phone = phone, FirstMessageId = message.MessageId, StartedAt = now, Name = message.Name };
            db.WhatsAppDrafts.Add(draft);
        }
        draft.UpdatedAt = now;
        switch (message.Type)
        {
            case "location":
                (draft.Latitude, draft.Longitude) = (message.Latitude, message.Longitude);
                draft.Address ??= message.Address;
                break;
            case "image":
                draft.MediaIds = $"{draft.MediaIds} {message.MediaId}".Trim();
                if (!string.IsNullOrWhiteSpace(words))
                    draft.Text = $"{draft.Text}\n{words}".Trim();
                break;
            default:
                if (SkipPhoto().IsMatch(words) && draft.HasPlace)
                    break;
                if (draft.Text.Length > 0 && !draft.HasPlace)
                    draft.Address = words; // the answer to "where is it?"
                else
                    draft.Text = $"{draft.Text}\n{words}".Trim();
                break;
        }
        db.ChannelMessages.Add(new ChannelMessage { Key = key, ReceivedAt = now });

        var ready = draft.Text.Length > 0 && draft.HasPlace && (draft.MediaIds.Length > 0 || SkipPhoto().IsMatch(words));
        if (!ready)
        {
            await ReplyAsync(national, draft.Text.Length == 0 ? "wa-minta-cerita" : !draft.HasPlace ? "wa-minta-lokasi" : "wa-minta-foto", null, ct);
            await db.SaveChangesAsync(ct);
            return;
        }
        await db.SaveChangesAsync(ct);
        await FileAsync(draft, ct);
    }

    /// <summary>Drafts nobody finished are filed with what they have (the operator sees the report like any other).</summary>
    public async Task<int> FileAbandonedAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - DraftLifetime;
        var stale = await db.WhatsAppDrafts.Where(d => d.UpdatedAt < before).ToListAsync(ct);
        foreach (var draft in stale)
            await FileAsync(draft, ct);
        return stale.Count;
    }

    private async Task FileAsync(WhatsAppDraft draft, CancellationToken ct)
    {
        var national = "0" + draft.Phone[2..];
        var photos = new List<PhotoUpload>();
        foreach (var media in draft.MediaIds.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (await DownloadAsync(media, ct) is { } bytes)
                photos.Add(new PhotoUpload($"whatsapp-{media}.jpg", bytes));
        }
        var result = await intake.ReceiveAsync(new InboundMessage
        {
            Channel = Channel.WhatsApp,
            MessageId = "percakapan-" + draft.FirstMessageId, // each message is recorded on its own; the report once per conversation
            Phone = national,
            Name = draft.Name,
            Text = draft.Text.Length > 0 ? draft.Text : "(laporan lewat WhatsApp tanpa keterangan)",
            Latitude = draft.Latitude,
            Longitude = draft.Longitude,
            Address = draft.Address,
            Photos = photos,
        }, ct);
        db.ChangeTracker.Clear();
        await db.WhatsAppDrafts.Where(d => d.Phone == draft.Phone).ExecuteDeleteAsync(ct);
        // A filed report was acknowledged with its code by the intake (laporan-diterima).
        if (result.Outcome == IntakeOutcome.Refused)
        {
            await ReplyAsync(national, "wa-tidak-lengkap", null, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task AnswerStatusAsync(string national, string codeText, string key, CancellationToken ct)
    {
        var code = TrackingCode.Parse(codeText);
        var report = code is null ? null : await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        await ReplyAsync(national, report is null ? "laporan-tidak-ditemukan" : "status-berubah", report, ct,
            key, new Dictionary<string, string> { [report is null ? "kode" : "status"] = report is null ? codeText : StatusNames.Indonesian[report.Status] });
    }

    /// <summary>A WhatsApp answer from the pack's templates, through the outbox (inside the window it goes as free text).</summary>
    private async Task ReplyAsync(string national, string templateKey, Report? report, CancellationToken ct, string? takenKey = null, IReadOnlyDictionary<string, string>? values = null)
    {
        if (takenKey is not null)
            db.ChannelMessages.Add(new ChannelMessage { Key = takenKey, ReceivedAt = clock.GetUtcNow() });
        var fields = report is null ? new Dictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.Ordinal) : notifications.ReportFields(report, values);
        await notifications.TellSenderAsync(MessageChannel.WhatsApp, national, templateKey, fields, ct);
        if (takenKey is not null)
            await db.SaveChangesAsync(ct);
    }

    /// <summary>A photo the citizen sent; the report is filed without it rather than not at all when it cannot be fetched.</summary>
    private async Task<byte[]?> DownloadAsync(string mediaId, CancellationToken ct)
    {
        var (bytes, error) = await cloud.DownloadMediaAsync(mediaId, ct);
        if (error is not null)
            log.LogWarning("WhatsApp media {MediaId} could not be fetched: {Error}", mediaId, error);
        return bytes;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(status|cek|lacak)\s+(?<code>[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex StatusQuery();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(lewati|tidak ada( foto)?|tanpa foto|skip|kirim|selesai)\s*[.!]?\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SkipPhoto();
}
