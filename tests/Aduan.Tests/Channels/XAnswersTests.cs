using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aduan.Channels;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Aduan.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aduan.Tests.Channels;

/// <summary>
/// The X channel both ways: answers through the (fake) X API v2 signed with OAuth 1.0a, a public
/// reply under a mention with only the code and the link, DMs for DMs and the later messages,
/// follow-ups naming the sender's own code, status questions, and X's errors in the outbox.
/// </summary>
public abstract class XAnswersTests(AduanApp app)
{
    private readonly FakeProviders _x = ((IDeliveryApp)app).Providers;

    [Fact]
    public async Task A_mention_gets_one_public_reply_with_only_its_code_and_link_and_nothing_more_on_x()
    {
        var (id, user) = (NewId(), NewId());
        await PostAsync(XPayloads.Mention(id, user, $"@PemkotUji Trotoar di Jl. Kenanga ambles, pejalan kaki turun ke jalan. {id}"));
        var report = await ReportAsync(id);

        await DeliverAsync();

        var reply = Assert.Single(XTo(id));
        Assert.Equal("/2/tweets", reply.Path);
        using (var json = JsonDocument.Parse(reply.Body))
            Assert.Equal(id, json.RootElement.GetProperty("reply").GetProperty("in_reply_to_tweet_id").GetString());
        var code = TrackingCode.Format(report.Code);
        Assert.Contains(code, reply.Text, StringComparison.Ordinal);
        var link = Assert.Single(Regex.Matches(reply.Text, @"https?://\S+"));
        Assert.Equal($"{PublicBaseUrl}/lacak/{code}", link.Value.TrimEnd('.'));
        foreach (var personal in new[] { "Budi", "budisan", user, "?t=", "tanggapan" })
            Assert.DoesNotContain(personal, reply.Text, StringComparison.Ordinal);
        Assert.Contains($"oauth_consumer_key=\"{DeliverySettings.XConsumerKey}\"", reply.Authorization, StringComparison.Ordinal);

        var citizen = await app.WithDbAsync(db => db.Citizens.AsNoTracking().SingleAsync(c => c.Id == report.CitizenId));
        Assert.Null(citizen.ChannelAddress);
        Assert.Equal("x:" + user, citizen.ChannelUser);
        await TellStatusAsync(report.Id);
        await DeliverAsync();
        Assert.Single(XTo(id));
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Purpose == "status-berubah" && m.Body.Contains(code))));
    }

    [Fact]
    public async Task A_direct_message_is_answered_by_dm_and_so_are_the_later_messages()
    {
        var (id, user) = (NewId(), NewId());
        await PostAsync(XPayloads.Direct(id, user, $"Selamat sore, sampah menumpuk di pinggir kali dekat pasar. {id}"));
        var report = await ReportAsync(id);

        await DeliverAsync();

        var first = Assert.Single(XTo(user));
        Assert.Equal($"/2/dm_conversations/with/{user}/messages", first.Path);
        Assert.Contains(TrackingCode.Format(report.Code), first.Text, StringComparison.Ordinal);
        var sent = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Recipient == XApi.DirectTo(user)));
        Assert.Equal((MessageStatus.Sent, MessageChannel.X), (sent.Status, sent.Channel));
        Assert.NotNull(sent.ProviderMessageId);
        Assert.Equal("x:dm:" + user, await app.WithDbAsync(db => db.Citizens.Where(c => c.Id == report.CitizenId).Select(c => c.ChannelAddress).SingleAsync()));

        await TellStatusAsync(report.Id);
        await DeliverAsync();

        var later = XTo(user);
        Assert.Equal(2, later.Count);
        Assert.Contains("Status laporan", later[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_naming_the_senders_own_code_is_one_update_with_its_photo_even_when_delivered_twice()
    {
        var (first, user) = (NewId(), NewId());
        await PostAsync(XPayloads.Direct(first, user, $"Lampu jalan di gang Melati mati sejak Senin. {first}"));
        var report = await ReportAsync(first);
        var code = TrackingCode.Format(report.Code);
        var (followUp, photoName) = (NewId(), NewId() + ".jpg");
        var body = XPayloads.Mention(followUp, user, $"@PemkotUji {code} sekarang dua lampu yang mati", XPayloads.Media(Pbs(photoName)));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode); // X redelivers

        Assert.Equal(0, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.IdempotencyKey == ChannelMessage.KeyOf(Channel.Twitter, followUp))));
        var after = await ReportAsync(first);
        var update = Assert.Single(after.Updates, u => u.Text?.Contains("dua lampu", StringComparison.Ordinal) == true);
        Assert.Equal("pelapor", update.Actor);
        Assert.DoesNotContain("t.co", update.Text, StringComparison.Ordinal);
        Assert.False(Assert.Single(after.Photos).IsPublic); // staff-only, as the citizen's added words are
        Assert.Single(_x.Requests, r => r.Provider == "x-media" && r.Recipient == photoName);
        await DeliverAsync();
        var reply = Assert.Single(XTo(followUp));
        Assert.Contains(code, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_of_someone_elses_report_files_a_new_report()
    {
        var (first, owner) = (NewId(), NewId());
        await PostAsync(XPayloads.Mention(first, owner, $"@PemkotUji Got mampet di Jl. Cempaka, air meluap. {first}"));
        var code = TrackingCode.Format((await ReportAsync(first)).Code);
        var second = NewId();

        await PostAsync(XPayloads.Mention(second, NewId(), $"@PemkotUji Sama seperti {code}, got di depan rumah saya juga mampet. {second}"));

        var other = await ReportAsync(second);
        Assert.NotEqual(code, TrackingCode.Format(other.Code));
        Assert.DoesNotContain((await ReportAsync(first)).Updates, u => u.Text?.Contains(second, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Status_by_dm_answers_with_the_current_state_once()
    {
        var (first, asker) = (NewId(), NewId());
        await PostAsync(XPayloads.Mention(first, asker, $"@PemkotUji Pohon tumbang di taman kota. {first}"));
        var report = await ReportAsync(first);
        var (ask, unknown, stranger) = (NewId(), NewId(), NewId());
        var body = XPayloads.Direct(ask, asker, $"status {TrackingCode.Format(report.Code)}");

        await PostAsync(body);
        await PostAsync(body);
        await PostAsync(XPayloads.Direct(unknown, stranger, "status ABCDE-FGHJK"));
        await DeliverAsync();

        var answer = Assert.Single(XTo(asker));
        Assert.Contains($"Status laporan {TrackingCode.Format(report.Code)} kini: {StatusNames.Indonesian[report.Status]}", answer.Text, StringComparison.Ordinal);
        Assert.Contains("tidak kami temukan", Assert.Single(XTo(stranger)).Text, StringComparison.Ordinal);
        // The owner's question names their own code, yet it is a question: no update, no report.
        Assert.Single((await ReportAsync(first)).Updates, u => u.Actor == "pelapor");
        Assert.Equal(0, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.IdempotencyKey == ChannelMessage.KeyOf(Channel.Twitter, ask))));
    }

    [Fact]
    public async Task A_post_with_nothing_usable_gets_one_request_for_details()
    {
        var id = NewId();
        var body = XPayloads.Mention(id, NewId(), "@PemkotUji @DinasBinaMarga");

        await PostAsync(body);
        await PostAsync(body);
        await DeliverAsync();

        Assert.Contains("keterangan masalah dan lokasinya", Assert.Single(XTo(id)).Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.IdempotencyKey == ChannelMessage.KeyOf(Channel.Twitter, id))));
    }

    private static string NewId(string ending = "7") => XPayloads.NewId(ending);

    private string PublicBaseUrl => app.Services.GetRequiredService<IOptions<AduanOptions>>().Value.PublicBaseUrl.TrimEnd('/');

    private string Pbs(string name) => $"{_x.HttpBase}/x-media/pbs/media/{name}";

    private List<ProviderRequest> XTo(string recipient) => [.. _x.Requests.Where(r => r.Provider == "x" && r.Recipient == recipient)];

    private Task<HttpResponseMessage> PostAsync(string body) => XPayloads.PostAsync(app, body);

    private Task<DeliveryRound> DeliverAsync() => app.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);

    private Task<Report> ReportAsync(string postId) => app.WithDbAsync(db => db.Reports.AsNoTracking().AsSplitQuery().Include(r => r.Updates).Include(r => r.Photos)
        .SingleAsync(r => r.IdempotencyKey == ChannelMessage.KeyOf(Channel.Twitter, postId)));

    private Task<int> TellStatusAsync(Guid reportId) => app.WithDbAsync(async db =>
    {
        var notifications = new Notifications(db, app.Services.GetRequiredService<IOptions<AduanOptions>>(), TimeProvider.System);
        await notifications.TellCitizenStatusAsync(await db.Reports.SingleAsync(r => r.Id == reportId), CancellationToken.None);
        return await db.SaveChangesAsync();
    });
}

[Collection(DeliverySqliteCollection.Name)]
public sealed class XAnswersOnSqlite(DeliverySqliteApp app) : XAnswersTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class XAnswersOnPostgres(DeliveryPostgresApp app) : XAnswersTests(app);
