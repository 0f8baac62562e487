using System.Net;
using Aduan.Channels;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Aduan.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Channels;

/// <summary>
/// Photos in mentions (<c>extended_entities.media[]</c>) and DMs (<c>message_data.attachment.media</c>,
/// fetched with a signed GET) stored through the report's photo path within the form's limits; a
/// failed fetch never loses the report. X's errors (403 duplicate, 429 with x-rate-limit-reset, 401,
/// 5xx) become the outbox's failure or retry with a readable reason at /admin/pesan.
/// </summary>
public abstract class XPhotosAndErrorsTests(AduanApp app)
{
    private readonly FakeProviders _x = ((IDeliveryApp)app).Providers;

    [Fact]
    public async Task A_mentions_photos_are_stored_and_those_that_fail_are_left_out_without_losing_the_report()
    {
        var (id, good, video) = (NewId(), NewId() + ".jpg", NewId() + ".mp4");
        var media = new[]
        {
            XPayloads.Media(Pbs(good)), XPayloads.Media(Pbs("hilang.jpg")), XPayloads.Media(Pbs("besar.png")),
            XPayloads.Media(Pbs("halaman.jpg")), XPayloads.Media(Pbs(video), "video"),
        };

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(XPayloads.Mention(id, NewId(), $"@PemkotUji Pohon tumbang menutup jalan di Jl. Flamboyan. {id}", media))).StatusCode);

        var report = await ReportAsync(id);
        var photo = Assert.Single(report.Photos);
        Assert.Equal("image/png", photo.ContentType);
        Assert.DoesNotContain("t.co", report.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(_x.Requests, r => r.Provider == "x-media" && r.Recipient == video); // a video is not a photo
        Assert.Contains(_x.Requests, r => r.Provider == "x-media" && r.Recipient == "hilang.jpg");
    }

    [Fact]
    public async Task A_direct_messages_photo_is_fetched_with_a_signed_request_and_stored_once()
    {
        var (id, name) = (NewId(), NewId() + ".jpg");
        var body = XPayloads.Direct(id, NewId(), $"Tiang listrik miring di depan SDN 5, kabelnya menjuntai. {id}",
            XPayloads.Media($"{_x.HttpBase}/x-media/ton/1.1/ton/data/dm/{id}/{NewId()}/{name}"));

        await PostAsync(body);
        await PostAsync(body);

        Assert.Single((await ReportAsync(id)).Photos);
        var fetch = Assert.Single(_x.Requests, r => r.Provider == "x-media" && r.Recipient == name);
        Assert.StartsWith("OAuth ", fetch.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_without_words_is_still_a_report()
    {
        var id = NewId();

        await PostAsync(XPayloads.Mention(id, NewId(), "@PemkotUji", XPayloads.Media(Pbs(NewId() + ".jpg"))));

        var report = await ReportAsync(id);
        Assert.Single(report.Photos);
        Assert.Equal("(foto lewat X tanpa keterangan)", report.Description);
    }

    [Fact]
    public async Task Xs_errors_become_a_failure_or_a_retry_with_a_readable_reason()
    {
        var duplicate = await QueueAsync(XApi.ReplyTo(NewId("403")));
        var limited = await QueueAsync(XApi.DirectTo(NewId("429")));
        var unauthorized = await QueueAsync(XApi.ReplyTo(NewId("401")));
        var down = await QueueAsync(XApi.DirectTo(NewId("500")));

        await app.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);

        var rows = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => new[] { duplicate, limited, unauthorized, down }.Contains(m.Id)).ToDictionaryAsync(m => m.Id));
        Assert.Equal(MessageStatus.Failed, rows[duplicate].Status);
        Assert.Contains("HTTP 403: X Forbidden: You are not allowed to create a Tweet with duplicate content.", rows[duplicate].LastError, StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Pending, rows[limited].Status);
        Assert.Contains("HTTP 429", rows[limited].LastError, StringComparison.Ordinal);
        Assert.Contains("rate limit", rows[limited].LastError, StringComparison.Ordinal);
        Assert.Equal(_x.XRateLimitReset, rows[limited].NextAttemptAt);
        Assert.Equal(MessageStatus.Pending, rows[unauthorized].Status);
        Assert.Contains("HTTP 401", rows[unauthorized].LastError, StringComparison.Ordinal);
        Assert.Contains("AccessToken", rows[unauthorized].LastError, StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Pending, rows[down].Status);
        Assert.Contains("HTTP 503", rows[down].LastError, StringComparison.Ordinal);
        Assert.NotNull(rows[down].NextAttemptAt);

        using var admin = await app.SignInAsync(await app.CreateAsync(StaffRole.Admin, withTwoFactor: true));
        var html = WebUtility.HtmlDecode(await admin.Http.GetStringAsync("/admin/pesan"));
        Assert.Contains("X refuses the same text twice", html, StringComparison.Ordinal);
    }

    private static string NewId(string ending = "7") => XPayloads.NewId(ending);

    private string Pbs(string name) => $"{_x.HttpBase}/x-media/pbs/media/{name}";

    private Task<HttpResponseMessage> PostAsync(string body) => XPayloads.PostAsync(app, body);

    private Task<Report> ReportAsync(string postId) => app.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Photos)
        .SingleAsync(r => r.IdempotencyKey == ChannelMessage.KeyOf(Channel.Twitter, postId)));

    private Task<long> QueueAsync(string recipient) => app.WithDbAsync(async db =>
    {
        var message = new OutboxMessage { Channel = MessageChannel.X, Recipient = recipient, Body = "Uji jawaban X", Purpose = "uji-x", CreatedAt = DateTimeOffset.UtcNow };
        db.Outbox.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    });
}

[Collection(DeliverySqliteCollection.Name)]
public sealed class XPhotosAndErrorsOnSqlite(DeliverySqliteApp app) : XPhotosAndErrorsTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class XPhotosAndErrorsOnPostgres(DeliveryPostgresApp app) : XPhotosAndErrorsTests(app);
