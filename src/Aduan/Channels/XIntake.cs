using System.Text.RegularExpressions;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Photos;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Channels;

public enum XAnswer
{
    /// <summary>A report was filed; its tracking code is on its way back.</summary>
    Filed,

    /// <summary>The post was added to the sender's own report.</summary>
    Updated,

    /// <summary>The status of the named report (or that there is none) is on its way back.</summary>
    Status,

    /// <summary>Nothing usable: a polite request for details is on its way back.</summary>
    AskedForDetails,

    /// <summary>X delivered this post before: nothing new was made or sent.</summary>
    Repeated,
}

/// <summary>
/// A mention or direct message to the city's X account becomes a report (or, naming the sender's own
/// report, an update on it) through <see cref="ChannelIntake"/>, with its photos, and the citizen is
/// answered where they wrote: a public reply under a mention carries only the tracking code and the
/// public link; a direct message is answered by DM, and the sender's user id becomes their private
/// address for the later messages. <c>status KODE</c> answers with the report's public status. Every
/// post is taken once: a redelivery makes no second report, update, photo fetch or reply.
/// </summary>
public sealed partial class XIntake(AduanDbContext db, ChannelIntake intake, Notifications notifications, XApi x, IOptions<AduanOptions> options, TimeProvider clock, ILogger<XIntake> log)
{
    public async Task<XAnswer> HandleAsync(XPost post, CancellationToken ct)
    {
        var key = ChannelMessage.KeyOf(Channel.Twitter, post.Id);
        if (await db.ChannelMessages.AnyAsync(m => m.Key == key, ct) || await db.Reports.AnyAsync(r => r.IdempotencyKey == key, ct))
            return XAnswer.Repeated;
        // Only the code and the public link ever go under a public post; private answers by DM.
        var recipient = post.IsPublic ? XApi.ReplyTo(post.Id) : XApi.DirectTo(post.FromId);
        if (StatusQuery().Match(post.Text) is { Success: true } query)
            return await AnswerStatusAsync(recipient, query.Groups["code"].Value, key, ct);

        var photos = await FetchPhotosAsync(post, ct);
        var result = await intake.ReceiveAsync(new InboundMessage
        {
            Channel = Channel.Twitter,
            MessageId = post.Id,
            Name = post.FromName,
            // A photo with no words is still a report: the photo is what the citizen sent.
            Text = post.Text.Length == 0 && photos.Count > 0 ? "(foto lewat X tanpa keterangan)" : post.Text,
            Latitude = post.Latitude,
            Longitude = post.Longitude,
            Address = post.Place,
            Photos = photos,
            // Later answers (with secret links) go by DM to someone who wrote by DM, never under a public post.
            ChannelAddress = post.IsPublic ? null : XApi.DirectTo(post.FromId),
            ChannelUser = XApi.UserOf(post.FromId),
            ReplyToCode = TrackingCode.Find(post.Text),
        }, ct);
        switch (result.Outcome)
        {
            case IntakeOutcome.Filed:
                await notifications.TellSenderAsync(MessageChannel.X, recipient, "sosial-diterima", notifications.ReportFields(result.Report!, null), ct);
                break;
            case IntakeOutcome.Updated:
                await notifications.TellSenderAsync(MessageChannel.X, recipient, "wa-tambahan-diterima", notifications.ReportFields(result.Report!, null), ct);
                break;
            case IntakeOutcome.Refused:
                db.ChangeTracker.Clear(); // nothing of a refused post is kept but the record that it came
                await notifications.TellSenderAsync(MessageChannel.X, recipient, "sosial-kurang-lengkap", new Dictionary<string, string>(), ct);
                return await RecordAsync(key, null, XAnswer.AskedForDetails, ct);
            default:
                return XAnswer.Repeated;
        }
        // The report or update is committed; its answer follows in a save of its own.
        await db.SaveChangesAsync(ct);
        return result.Outcome == IntakeOutcome.Filed ? XAnswer.Filed : XAnswer.Updated;
    }

    /// <summary>The public status, as the track page shows it to anyone who has the code.</summary>
    private async Task<XAnswer> AnswerStatusAsync(string recipient, string codeText, string key, CancellationToken ct)
    {
        var code = TrackingCode.Parse(codeText);
        var report = code is null ? null : await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (report is null)
            await notifications.TellSenderAsync(MessageChannel.X, recipient, "laporan-tidak-ditemukan", new Dictionary<string, string> { ["kode"] = codeText }, ct);
        else
            await notifications.TellSenderAsync(MessageChannel.X, recipient, "status-berubah",
                notifications.ReportFields(report, new Dictionary<string, string> { ["status"] = StatusNames.Indonesian[report.Status] }), ct);
        return await RecordAsync(key, report?.Id, XAnswer.Status, ct);
    }

    /// <summary>The post is taken together with its answer: a redelivery finds the record and sends nothing.</summary>
    private async Task<XAnswer> RecordAsync(string key, Guid? reportId, XAnswer answer, CancellationToken ct)
    {
        db.ChannelMessages.Add(new ChannelMessage { Key = key, ReportId = reportId, ReceivedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return XAnswer.Repeated;
        }
        return answer;
    }

    /// <summary>
    /// The photos within the web form's limits (count, size, JPEG/PNG/WebP); one that cannot be
    /// fetched or is not a photo is logged and left out, never the report.
    /// </summary>
    private async Task<List<PhotoUpload>> FetchPhotosAsync(XPost post, CancellationToken ct)
    {
        var limits = options.Value;
        var photos = new List<PhotoUpload>();
        if (post.PhotoUrls.Count > limits.MaxPhotos)
            log.LogWarning("X post {PostId} has {Count} photos; the first {Max} are kept", post.Id, post.PhotoUrls.Count, limits.MaxPhotos);
        foreach (var url in post.PhotoUrls.Take(limits.MaxPhotos))
        {
            var (bytes, error) = await x.FetchPhotoAsync(url, direct: !post.IsPublic, limits.MaxPhotoBytes, ct);
            if (bytes is not null && PhotoStore.DetectContentType(bytes.AsSpan(0, Math.Min(16, bytes.Length))) is null)
                (bytes, error) = (null, "not a JPEG, PNG or WebP image");
            if (bytes is null)
            {
                log.LogWarning("X photo {Url} of post {PostId} not taken: {Error}; the report goes on without it", url, post.Id, error);
                continue;
            }
            photos.Add(new PhotoUpload($"x-{post.Id}-{photos.Count + 1}", bytes));
        }
        return photos;
    }

    [GeneratedRegex(@"^\s*(status|cek|lacak)\s+(?<code>[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})\s*[.!?]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusQuery();
}
