using System.Net;
using System.Security.Cryptography;
using System.Text;
using Aduan.Channels;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Aduan.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Channels;

/// <summary>
/// The WhatsApp channel through Meta's webhook, with payloads shaped as in the Cloud API docs
/// ("Webhooks: messages" text, location and image examples) and signed as Meta signs them.
/// </summary>
public abstract class WhatsAppIntakeTests(AduanApp app)
{
    private const string Path = "/api/channels/whatsapp";

    [Fact]
    public async Task The_subscription_check_echoes_the_challenge_only_for_the_right_token()
    {
        using var client = app.CreateClient();

        var ok = await client.GetAsync($"{Path}?hub.mode=subscribe&hub.verify_token={DeliverySettings.WhatsAppVerifyToken}&hub.challenge=1158201444");
        var wrong = await client.GetAsync($"{Path}?hub.mode=subscribe&hub.verify_token=tebakan&hub.challenge=1158201444");

        Assert.Equal((HttpStatusCode.OK, "1158201444"), (ok.StatusCode, await ok.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=00")]
    [InlineData("wrong-secret")]
    public async Task A_delivery_without_the_right_signature_gets_401_and_stores_nothing(string? signature)
    {
        var phone = Number();
        var body = Payload(Text(phone, "wamid." + Guid.NewGuid().ToString("N"), "Jalan berlubang di depan pasar."));
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
            request.Headers.Add("X-Hub-Signature-256", signature == "wrong-secret" ? Sign(body, "bukan-rahasianya") : signature);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.WhatsAppDrafts.CountAsync(d => d.Phone == phone)));
        Assert.Equal(0, await app.WithDbAsync(db => db.WhatsAppContacts.CountAsync(c => c.Phone == phone)));
    }

    [Fact]
    public async Task A_short_conversation_asks_for_the_place_and_a_photo_then_files_one_report_with_them()
    {
        var phone = Number();
        var first = Payload(Text(phone, "wamid.A" + Guid.NewGuid().ToString("N"), "Ada pohon tumbang menutup jalan, mobil tidak bisa lewat."));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(first)).StatusCode); // Meta retries: taken once
        Assert.Single(await OutboxAsync(phone, "wa-minta-lokasi"));

        await PostAsync(Payload(Location(phone, "wamid.B" + Guid.NewGuid().ToString("N"), Samples.MonasLatitude, Samples.MonasLongitude)));
        Assert.Single(await OutboxAsync(phone, "wa-minta-foto"));
        Assert.Equal(0, await ReportsFromAsync(phone));

        var photo = Payload(Image(phone, "wamid.C" + Guid.NewGuid().ToString("N"), "1037543291543636", "Ini fotonya"));
        await PostAsync(photo);
        await PostAsync(photo);

        var national = Local(phone);
        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Photos)
            .SingleAsync(r => db.Citizens.Any(c => c.Id == r.CitizenId && c.Phone == national)));
        Assert.Equal(Channel.WhatsApp, report.Channel);
        Assert.Contains("pohon tumbang", report.Description, StringComparison.Ordinal);
        Assert.Contains("Ini fotonya", report.Description, StringComparison.Ordinal);
        Assert.Equal((Samples.MonasLatitude, Samples.MonasLongitude), (report.Latitude!.Value, report.Longitude!.Value));
        Assert.Single(report.Photos);
        Assert.Equal(0, await app.WithDbAsync(db => db.WhatsAppDrafts.CountAsync(d => d.Phone == phone)));
        var thanks = Assert.Single(await OutboxAsync(phone, "laporan-diterima"));
        Assert.Equal(MessageChannel.WhatsApp, thanks.Channel);
        Assert.Contains(TrackingCode.Format(report.Code), thanks.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typed_address_and_lewati_are_enough_and_status_answers_with_the_public_state()
    {
        var phone = Number();
        await PostAsync(Payload(Text(phone, "wamid.D" + Guid.NewGuid().ToString("N"), "Sampah menumpuk di pinggir kali sudah seminggu.")));
        await PostAsync(Payload(Text(phone, "wamid.E" + Guid.NewGuid().ToString("N"), "Jl. Kramat Raya dekat Kel. Kenari")));
        await PostAsync(Payload(Text(phone, "wamid.F" + Guid.NewGuid().ToString("N"), "lewati")));

        var national = Local(phone);
        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => db.Citizens.Any(c => c.Id == r.CitizenId && c.Phone == national)));
        Assert.Equal("Jl. Kramat Raya dekat Kel. Kenari", report.AddressText);

        await PostAsync(Payload(Text(phone, "wamid.G" + Guid.NewGuid().ToString("N"), $"status {TrackingCode.Format(report.Code)}")));
        var status = Assert.Single(await OutboxAsync(phone, "status-berubah"));
        Assert.Contains("Diterima", status.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unfinished_conversation_is_filed_with_what_it_has_after_a_while()
    {
        var phone = Number();
        await PostAsync(Payload(Text(phone, "wamid.H" + Guid.NewGuid().ToString("N"), "Banjir setinggi lutut di gang kami sejak subuh.")));
        await app.WithDbAsync(db => db.WhatsAppDrafts.Where(d => d.Phone == phone)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.UpdatedAt, DateTimeOffset.UtcNow - WhatsAppConversation.DraftLifetime - TimeSpan.FromMinutes(1))));

        await app.Services.GetRequiredService<WhatsAppDraftsJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await ReportsFromAsync(phone));
    }

    [Fact]
    public async Task A_body_that_is_not_metas_json_gets_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("{\"object\":\"page\",\"entry\":[]}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("bukan json")).StatusCode);
    }

    private static string Number() => "62813" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", Sign(body, DeliverySettings.WhatsAppAppSecret));
        return await client.SendAsync(request);
    }

    private static string Sign(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private static string Payload(string message) =>
        $$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
        "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
        "contacts":[{"profile":{"name":"Siti Aminah"},"wa_id":"{{From(message)}}"}],
        "messages":[{{message}}]},"field":"messages"}]}]}
        """;

    private static string From(string message) => System.Text.Json.JsonDocument.Parse(message).RootElement.GetProperty("from").GetString()!;

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(string from, string id, string body) =>
        System.Text.Json.JsonSerializer.Serialize(new { from, id, timestamp = Now(), text = new { body }, type = "text" });

    private static string Location(string from, string id, double latitude, double longitude) =>
        System.Text.Json.JsonSerializer.Serialize(new { from, id, timestamp = Now(), location = new { latitude, longitude, name = "Monas", address = "Gambir, Jakarta Pusat" }, type = "location" });

    private static string Image(string from, string id, string mediaId, string caption) =>
        System.Text.Json.JsonSerializer.Serialize(new { from, id, timestamp = Now(), type = "image", image = new { caption, mime_type = "image/jpeg", sha256 = "abc", id = mediaId } });

    /// <summary>628… as the citizen's number is stored: 08….</summary>
    private static string Local(string phone) => "0" + phone[2..];

    private Task<List<OutboxMessage>> OutboxAsync(string phone, string purpose)
    {
        var national = Local(phone);
        return app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Purpose == purpose && m.Recipient == national).ToListAsync());
    }

    private Task<int> ReportsFromAsync(string phone)
    {
        var national = Local(phone);
        return app.WithDbAsync(db => db.Reports.CountAsync(r => db.Citizens.Any(c => c.Id == r.CitizenId && c.Phone == national)));
    }
}

[Collection(DeliverySqliteCollection.Name)]
public sealed class WhatsAppIntakeOnSqlite(DeliverySqliteApp app) : WhatsAppIntakeTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class WhatsAppIntakeOnPostgres(DeliveryPostgresApp app) : WhatsAppIntakeTests(app);
