using System.Net;
using System.Text;
using System.Text.Json;
using Aduan.Channels;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Aduan.Tests.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Channels;

/// <summary>
/// The X (Twitter) channel through the Account Activity API webhook, with payloads shaped as in X's
/// docs (tweet_create_events for a mention, direct_message_events for a DM) and signed as X signs them.
/// </summary>
public abstract class XChannelTests(AduanApp app)
{
    private const string Path = "/api/channels/x";
    private const string Citizen = "2244994945";

    [Fact]
    public async Task The_crc_check_answers_with_the_hmac_of_the_token()
    {
        using var client = app.CreateClient();
        const string Token = "9b4507b3-9040-4669-9ca3-6b94edb50553";

        var response = await client.GetAsync($"{Path}?crc_token={Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Sign(Token, DeliverySettings.XConsumerSecret), json.RootElement.GetProperty("response_token").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=AAAA")]
    [InlineData("sha256=bukan*base64")]
    [InlineData("wrong-secret")]
    public async Task A_delivery_without_the_right_signature_gets_401_and_stores_nothing(string? signature)
    {
        var id = NewId();
        var body = Mention(id, Citizen, $"@PemkotUji Lampu jalan mati di Jl. Kenanga sejak kemarin {id}.");
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
            request.Headers.Add("x-twitter-webhooks-signature", signature == "wrong-secret" ? Sign(body, "bukan-rahasianya") : signature);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await ReportsAsync(id));
    }

    [Fact]
    public async Task A_mention_becomes_one_report_even_when_delivered_twice()
    {
        var id = NewId();
        var body = Mention(id, Citizen, $"@PemkotUji @DinasBinaMarga Jalan berlubang besar di depan SDN 03, bahaya untuk motor. {id}");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);

        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Description.Contains(id)));
        Assert.Equal(Channel.Twitter, report.Channel);
        Assert.StartsWith("Jalan berlubang", report.Description, StringComparison.Ordinal);
        Assert.Equal(ChannelMessage.KeyOf(Channel.Twitter, id), report.IdempotencyKey);
        Assert.Equal((Samples.MonasLatitude, Samples.MonasLongitude), (report.Latitude!.Value, report.Longitude!.Value));
        var name = await app.WithDbAsync(db => db.Citizens.AsNoTracking().Where(c => c.Id == report.CitizenId).Select(c => c.Name).SingleAsync());
        Assert.Equal("Budi Santoso", name);
    }

    [Fact]
    public async Task A_direct_message_becomes_a_report()
    {
        var id = NewId();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Direct(id, Citizen, $"Selamat siang, saluran air di gang kami tersumbat dan meluap ke jalan. {id}"))).StatusCode);

        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Description.Contains(id)));
        Assert.Equal(Channel.Twitter, report.Channel);
        Assert.Equal(ChannelMessage.KeyOf(Channel.Twitter, id), report.IdempotencyKey);
    }

    [Fact]
    public async Task The_city_accounts_own_posts_and_messages_are_ignored()
    {
        var tweet = NewId();
        var dm = NewId();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Mention(tweet, DeliverySettings.XUserId, $"Terima kasih atas laporannya, segera kami tindak lanjuti. {tweet}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Direct(dm, DeliverySettings.XUserId, $"Laporan Anda sudah kami terima dan diteruskan. {dm}"))).StatusCode);

        Assert.Equal(0, await ReportsAsync(tweet));
        Assert.Equal(0, await ReportsAsync(dm));
    }

    [Fact]
    public async Task A_body_that_is_not_xs_json_gets_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("bukan json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("{\"tweet_create_events\":[]}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync($$"""{"for_user_id":"{{DeliverySettings.XUserId}}","tweet_create_events":[{"id_str":"1"}]}""")).StatusCode);
    }

    private static string NewId() => XPayloads.NewId();

    private Task<int> ReportsAsync(string marker) => app.WithDbAsync(db => db.Reports.CountAsync(r => r.Description.Contains(marker)));

    private Task<HttpResponseMessage> PostAsync(string body) => XPayloads.PostAsync(app, body);

    private static string Sign(string data, string secret) => XPayloads.Sign(data, secret);

    private static string Mention(string id, string from, string text) => XPayloads.Mention(id, from, text);

    private static string Direct(string id, string from, string text) => XPayloads.Direct(id, from, text);
}

[Collection(DeliverySqliteCollection.Name)]
public sealed class XChannelOnSqlite(DeliverySqliteApp app) : XChannelTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class XChannelOnPostgres(DeliveryPostgresApp app) : XChannelTests(app);
