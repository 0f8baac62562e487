using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Aduan.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Channels;

/// <summary>
/// Facebook Page and Instagram through Meta's webhook, with bodies shaped as in Meta's docs
/// (Messenger "messages", Page "feed" comments, Instagram "comments"), and the answers through the
/// Graph API: private for a message, public (code and link only) under a comment.
/// </summary>
public abstract class SocialChannelTests(AduanApp app)
{
    private const string Path = "/api/channels/meta";
    private readonly FakeProviders _meta = ((IDeliveryApp)app).Providers;

    [Fact]
    public async Task A_page_message_becomes_one_report_answered_privately_with_its_code()
    {
        var mid = "m_" + Guid.NewGuid().ToString("N");
        var psid = Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = JsonSerializer.Serialize(new
        {
            @object = "page",
            entry = new[] { new { id = DeliverySettings.PageId, time = 1_700_000_000_000, messaging = new[] { new { sender = new { id = psid }, recipient = new { id = DeliverySettings.PageId }, timestamp = 1_700_000_000_000, message = new { mid, text = "Saluran air tersumbat di Jl. Kramat Raya, air meluber ke jalan." } } } } },
        });

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode); // Meta retries

        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.IdempotencyKey == "facebook:" + mid));
        Assert.Equal(Channel.Facebook, report.Channel);
        await app.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);
        var reply = Assert.Single(_meta.Requests, r => r.Provider == "meta" && r.Recipient == psid);
        Assert.Equal($"/v21.0/{DeliverySettings.PageId}/messages", reply.Path);
        Assert.Contains(TrackingCode.Format(report.Code), reply.Text, StringComparison.Ordinal);

        // Later answers (here a status change) reach them privately on Messenger too.
        await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            var notifications = new Notifications(db, scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AduanOptions>>(), TimeProvider.System);
            await notifications.TellCitizenStatusAsync(await db.Reports.SingleAsync(r => r.Id == report.Id), CancellationToken.None);
            return await db.SaveChangesAsync();
        });
        await app.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);
        var later = _meta.Requests.Where(r => r.Provider == "meta" && r.Recipient == psid).ToList();
        Assert.Equal(2, later.Count);
        Assert.Contains("Status laporan", later[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instagram_comment_becomes_a_report_answered_publicly_without_anything_about_the_reporter()
    {
        var commentId = Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = JsonSerializer.Serialize(new
        {
            @object = "instagram",
            entry = new[] { new { id = "17841400000000000", time = 1_700_000_000, changes = new[] { new { field = "comments", value = new { from = new { id = "232323232", username = "warga_menteng" }, media = new { id = "123123123" }, id = commentId, text = "@pemkot Lampu jalan di Taman Suropati mati sudah seminggu." } } } } },
        });

        await PostAsync(body);

        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.IdempotencyKey == "instagram:" + commentId));
        Assert.Equal(Channel.Instagram, report.Channel);
        Assert.StartsWith("Lampu jalan", report.Description, StringComparison.Ordinal); // the @mention is not part of the complaint
        await app.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);
        var reply = Assert.Single(_meta.Requests, r => r.Provider == "meta" && r.Recipient == commentId);
        Assert.Equal($"/v21.0/{commentId}/replies", reply.Path);
        Assert.DoesNotContain("warga_menteng", reply.Text, StringComparison.Ordinal);
        Assert.Contains(TrackingCode.Format(report.Code), reply.Text, StringComparison.Ordinal);
        // A public comment leaves no private address: later messages (with secret links) are never posted under it.
        Assert.Null(await app.WithDbAsync(db => db.Citizens.Where(c => c.Id == report.CitizenId).Select(c => c.ChannelAddress).SingleOrDefaultAsync()));
    }

    [Fact]
    public async Task A_bad_signature_gets_401_and_a_body_that_is_not_metas_gets_400()
    {
        var body = """{"object":"page","entry":[]}""";
        using var client = app.CreateClient();
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        unsigned.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("tebakan"), Encoding.UTF8.GetBytes(body))));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(unsigned)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("""{"object":"user","entry":[]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DeliverySettings.SocialAppSecret), Encoding.UTF8.GetBytes(body))));
        return await client.SendAsync(request);
    }
}

[Collection(DeliverySqliteCollection.Name)]
public sealed class SocialChannelOnSqlite(DeliverySqliteApp app) : SocialChannelTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class SocialChannelOnPostgres(DeliveryPostgresApp app) : SocialChannelTests(app);
