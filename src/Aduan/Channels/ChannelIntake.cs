using Aduan.Categories;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.People;
using Aduan.Photos;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Channels;

/// <summary>
/// One message that arrived on a channel (an e-mail, an SMS, a WhatsApp or social-media message,
/// a LAPOR! disposition), already taken apart by its adapter. <see cref="MessageId"/> is the
/// provider's own id: a provider that delivers the same message twice gets one report.
/// </summary>
public sealed record InboundMessage
{
    public required Channel Channel { get; init; }
    public required string MessageId { get; init; }

    /// <summary>The sender as the channel names them: a phone number, an e-mail address, a platform user id.</summary>
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Name { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<PhotoUpload> Photos { get; init; } = [];
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Address { get; init; }
    public string? Category { get; init; }

    /// <summary>A private address on the channel for later answers, when the sender has no phone or e-mail.</summary>
    public string? ChannelAddress { get; init; }

    /// <summary>Who the sender is on a platform without phone or e-mail (e.g. <c>x:{user id}</c>): their later messages naming their code become updates.</summary>
    public string? ChannelUser { get; init; }

    /// <summary><c>publik</c>, <c>anonim</c> or <c>rahasia</c> when the channel says (LAPOR! does); null for public.</summary>
    public string? Visibility { get; init; }

    /// <summary>A line for staff on the report's internal timeline, e.g. attachments that could not be kept.</summary>
    public string? StaffNote { get; init; }

    /// <summary>The tracking code this message answers (from an e-mail subject, an SMS keyword): it becomes an update, not a new report.</summary>
    public string? ReplyToCode { get; init; }
}

public enum IntakeOutcome
{
    /// <summary>A new report was filed.</summary>
    Filed,

    /// <summary>The citizen's follow-up was added to their report.</summary>
    Updated,

    /// <summary>The provider delivered this message before: nothing new was made.</summary>
    Repeated,

    /// <summary>Nothing usable (empty, too short, bad contact): the adapter replies asking for details.</summary>
    Refused,
}

public sealed record IntakeResult(IntakeOutcome Outcome, Report? Report, IReadOnlyList<FieldError> Errors);

/// <summary>
/// What every channel adapter calls: a message becomes a report through <see cref="SubmitReport"/>
/// (the same handler as the web form), or, when it answers one of the sender's own reports, an
/// update on it. Each provider message is taken once (<see cref="ChannelMessage"/>).
/// </summary>
public sealed class ChannelIntake(
    AduanDbContext db, SubmitReport submit, PhotoStore photos, Notifications notifications, CategoryDirectory categories, IOptions<AduanOptions> limits, TimeProvider clock)
{
    public async Task<IntakeResult> ReceiveAsync(InboundMessage message, CancellationToken ct)
    {
        // A channel's attachments never cost the citizen their message: what the photo limits refuse is left out with a note.
        message = Keepable(message);
        var key = ChannelMessage.KeyOf(message.Channel, message.MessageId);
        if (await db.ChannelMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Key == key, ct) is { } seen)
            return new IntakeResult(IntakeOutcome.Repeated, seen.ReportId is { } id ? await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) : null, []);

        if (await OwnReportAsync(message, ct) is { } report)
            return await AddFollowUpAsync(report, message, key, ct);

        var result = await submit.HandleAsync(new SubmitReportInput
        {
            Description = message.Text,
            Category = message.Category,
            Latitude = message.Latitude,
            Longitude = message.Longitude,
            Address = message.Address,
            Name = message.Name,
            Phone = message.Phone,
            Email = message.Email,
            ChannelAddress = message.ChannelAddress,
            ChannelUser = message.ChannelUser,
            Channel = message.Channel,
            Visibility = message.Visibility,
            IdempotencyKey = key, // the report itself is the record that this message was taken
            Photos = message.Photos,
        }, ct);
        if (!result.Succeeded)
            return new IntakeResult(IntakeOutcome.Refused, null, result.Errors);
        if (result.Replayed)
            return new IntakeResult(IntakeOutcome.Repeated, result.Report, []);
        // The report is committed first; the note and the answer with its tracking code follow in a save of their own.
        if (message.StaffNote is { } note)
            result.Report!.Comment(clock.GetUtcNow(), "sistem", note, isPublic: false);
        if (message.Channel is Channel.Sms or Channel.WhatsApp or Channel.Email)
            await AcknowledgeAsync(notifications, categories, result.Report!, ct);
        if (message.StaffNote is not null || message.Channel is Channel.Sms or Channel.WhatsApp or Channel.Email)
            await db.SaveChangesAsync(ct);
        return new IntakeResult(IntakeOutcome.Filed, result.Report, []);
    }

    /// <summary>The message with only the photos the limits take (type read from the bytes, size, count); the rest is named in the staff note.</summary>
    private InboundMessage Keepable(InboundMessage message)
    {
        var kept = new List<PhotoUpload>();
        var left = new List<string>();
        foreach (var photo in message.Photos)
        {
            var head = photo.Content.AsSpan(0, Math.Min(16, photo.Content.Length));
            if (photo.Content.Length == 0 || PhotoStore.DetectContentType(head) is null)
                left.Add($"{photo.FileName}: bukan JPEG, PNG atau WebP");
            else if (photo.Content.LongLength > limits.Value.MaxPhotoBytes)
                left.Add($"{photo.FileName}: lebih dari {limits.Value.MaxPhotoBytes / 1024} KB");
            else if (kept.Count >= limits.Value.MaxPhotos)
                left.Add($"{photo.FileName}: lebih dari {limits.Value.MaxPhotos} foto");
            else
                kept.Add(photo);
        }
        if (left.Count == 0)
            return message;
        var note = $"Lampiran yang tidak disimpan: {string.Join("; ", left)}.";
        return message with { Photos = kept, StaffNote = message.StaffNote is { } earlier ? $"{earlier}\n{note}" : note };
    }

    /// <summary>Queues <c>laporan-diterima</c> (the tracking code, the category when known, the track link) to the reporter.</summary>
    public static async Task AcknowledgeAsync(Notifications notifications, CategoryDirectory categories, Report report, CancellationToken ct)
    {
        var category = (await categories.FindAsync(report.CategoryCode, ct))?.Name ?? "belum ditentukan";
        await notifications.TellCitizenAsync(report, "laporan-diterima", new Dictionary<string, string> { ["kategori"] = category }, null, ct);
    }

    /// <summary>The report the message answers, when it names one that this sender reported; null otherwise (a new report).</summary>
    private async Task<Report?> OwnReportAsync(InboundMessage message, CancellationToken ct)
    {
        if (TrackingCode.Parse(message.ReplyToCode) is not { } code)
            return null;
        var report = await db.Reports.AsSplitQuery().Include(r => r.Updates).Include(r => r.Photos).SingleOrDefaultAsync(r => r.Code == code, ct);
        if (report?.CitizenId is not { } citizenId || !report.IsOpen)
            return null;
        var phone = Contact.NormalisePhone(message.Phone);
        var email = Contact.NormaliseEmail(message.Email);
        var user = string.IsNullOrWhiteSpace(message.ChannelUser) ? null : message.ChannelUser.Trim();
        var owner = await db.Citizens.AsNoTracking().AnyAsync(c => c.Id == citizenId
            && ((phone != null && c.Phone == phone) || (email != null && c.Email == email) || (user != null && c.ChannelUser == user)), ct);
        return owner ? report : null;
    }

    /// <summary>The citizen's words (and photos) join their report's timeline for staff; the lead agency or the operators hear of it.</summary>
    private async Task<IntakeResult> AddFollowUpAsync(Report report, InboundMessage message, string key, CancellationToken ct)
    {
        var text = message.Text.Trim();
        if (text.Length == 0 && message.Photos.Count == 0)
            return new IntakeResult(IntakeOutcome.Refused, report, [new FieldError("description", "Error_Required")]);
        var now = clock.GetUtcNow();
        if (text.Length > 0)
            report.Comment(now, "pelapor", text.Length > Limits.Description ? text[..Limits.Description] : text, isPublic: false);
        var types = PhotoUploads.DetectTypes(message.Photos, []);
        var stored = new List<ReportPhoto>();
        for (var i = 0; i < message.Photos.Count; i++)
        {
            if (types[i] is { } type)
                stored.Add(await photos.SaveAsync(message.Photos[i].Content, type, ct, isPublic: false)); // staff-only, as the words are
        }
        if (stored.Count > 0)
            report.AttachPhotos(stored, now, "pelapor", "foto tambahan dari pelapor", isPublic: false);
        if (message.StaffNote is { } note)
            report.Comment(now, "sistem", note, isPublic: false);
        db.ChannelMessages.Add(new ChannelMessage { Key = key, ReportId = report.Id, ReceivedAt = now });
        await notifications.TellStaffAsync(report.AgencyCode, report, "pelapor-menambahkan", new Dictionary<string, string> { ["pesan"] = text }, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same message arriving twice at once: the other delivery took it.
            db.ChangeTracker.Clear();
            return new IntakeResult(IntakeOutcome.Repeated, report, []);
        }
        return new IntakeResult(IntakeOutcome.Updated, report, []);
    }
}

/// <summary>A provider message taken as an update (reports record theirs as the report's idempotency key).</summary>
public sealed class ChannelMessage
{
    /// <summary><c>{channel}:{provider message id}</c>.</summary>
    public required string Key { get; init; }
    public Guid? ReportId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The timeline entry the message became, by its sequence on the report, where a client needs its id again (Open311 updates).</summary>
    public int? UpdateSequence { get; init; }

    public static string KeyOf(Channel channel, string messageId)
    {
        var key = Prefix(channel) + messageId.Trim();
        return key.Length <= Limits.IdempotencyKey ? key : $"{Prefix(channel)}sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(messageId)))}";
    }

    /// <summary>
    /// The provider's id of the message a report came in (the other way round from <see cref="KeyOf"/>, which the
    /// report keeps as its idempotency key): a mail's Message-Id, a LAPOR! id. Null for another channel, or when
    /// the id was too long and only its hash was kept.
    /// </summary>
    public static string? MessageIdOf(Report report, Channel channel) =>
        report.Channel == channel && report.IdempotencyKey is { } key && key.StartsWith(Prefix(channel), StringComparison.Ordinal)
            && !key.StartsWith(Prefix(channel) + "sha256:", StringComparison.Ordinal)
            ? key[Prefix(channel).Length..] : null;

    private static string Prefix(Channel channel) => channel.ToString().ToLowerInvariant() + ":";
}
