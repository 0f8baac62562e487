using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aduan.Channels;
using Aduan.Channels.Lapor;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Aduan.Tests.Messaging;
using Aduan.Tests.Open311;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aduan.Tests.Channels;

/// <summary>
/// "Filed and followed to the end" on each channel, against the stand-in providers: the report comes
/// in on the channel, the citizen is acknowledged there with the code, the operator verifies (the
/// pack's routing dispatches it), the agency accepts and resolves at the spot, and the resolution
/// with the confirmation link reaches the citizen on the same channel; the link then closes it.
/// </summary>
public abstract class ChannelJourneyTests(AduanApp app)
{
    private readonly FakeProviders _providers = ((IDeliveryApp)app).Providers;
    private readonly ChannelJourney _journey = new(app);

    [Fact]
    public async Task An_SMS_report_is_followed_to_the_end_by_SMS()
    {
        var (phone, sid) = (DispatchDesk.UniquePhone(), "SM" + Guid.NewGuid().ToString("N"));
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid,
            ["AccountSid"] = DeliverySettings.TwilioSid,
            ["From"] = "+62" + phone[1..],
            ["To"] = "+6221500123",
            ["Body"] = "LAPOR#jalan-rusak#Jl. Medan Merdeka Barat#Aspal berlubang besar di depan halte Monas, motor sering jatuh.",
            ["NumMedia"] = "0",
        };
        var site = app.Services.GetRequiredService<IOptions<AduanOptions>>().Value.PublicBaseUrl.TrimEnd('/');
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/channels/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(DeliverySettings.TwilioToken, site + "/api/channels/sms/twilio", form));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        var code = await _journey.CodeOfAsync("sms:" + sid);

        await _journey.FollowToTheEndAsync(code, () => [.. _providers.To(phone).Where(r => r.Provider == "twilio").Select(r => r.Text)], acknowledged: true);
    }

    [Fact]
    public async Task A_facebook_message_is_followed_to_the_end_on_messenger()
    {
        var (mid, psid) = ("m_" + Guid.NewGuid().ToString("N"), Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)[..^1] + "1");
        var body = JsonSerializer.Serialize(new
        {
            @object = "page",
            entry = new[] { new { id = DeliverySettings.PageId, time = 1_700_000_000_000, messaging = new[] { new { sender = new { id = psid }, recipient = new { id = DeliverySettings.PageId }, timestamp = 1_700_000_000_000, message = new { mid, text = "Jalan berlubang besar di Jl. Medan Merdeka Barat dekat Monas, bahaya untuk pemotor." } } } } },
        });
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/channels/meta") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DeliverySettings.SocialAppSecret), Encoding.UTF8.GetBytes(body))));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        var code = await _journey.CodeOfAsync("facebook:" + mid);

        await _journey.FollowToTheEndAsync(code, () => [.. _providers.Requests.Where(r => r.Provider == "meta" && r.Recipient == psid).Select(r => r.Text)], acknowledged: true);
    }

    [Fact]
    public async Task An_open311_request_is_acknowledged_in_the_answer_and_followed_to_the_end_by_SMS_to_the_phone_given()
    {
        var phone = DispatchDesk.UniquePhone();
        var fields = Open311Client.Request(await app.CreateKeyAsync([ApiScopes.ReportsWrite]));
        (fields["phone"], fields["email"]) = (phone, "");
        using var client = app.CreateClient();
        var answer = await client.PostAsync("json", fields);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var code = Assert.Single(await answer.RecordsAsync("json"))["service_request_id"]!; // the acknowledgement with the code

        await _journey.FollowToTheEndAsync(code, () => [.. _providers.To(phone).Where(r => r.Provider == "twilio").Select(r => r.Text)], acknowledged: false);
        var closed = Assert.Single(await (await client.GetAsync($"{Open311Client.Root}/requests/{code}.json")).RecordsAsync("json"));
        Assert.Equal("closed", closed["status"]); // what the Open311 app polls
    }

    [Fact]
    public async Task A_lapor_disposition_is_acknowledged_to_lapor_and_followed_to_the_end_there()
    {
        var id = "LPR-" + Random.Shared.Next(1_000_000, 9_999_999);
        _providers.LaporDispositions.Add(JsonDocument.Parse($$"""{"id":"{{id}}","isi":"Jalan berlubang besar di depan halte Monas.","kategori":"jalan-rusak","lokasi":{"lat":{{Samples.MonasLatitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"lng":{{Samples.MonasLongitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"sifat":"publik"}""").RootElement.Clone());
        // The job reads again on its next round when a read fails; the stand-in answers slowly on a busy machine.
        for (var round = 0; round < 3 && !_providers.LaporAcknowledged.ContainsKey(id); round++)
        {
            try
            {
                await app.Services.GetRequiredService<LaporImportJob>().RunOnceAsync(CancellationToken.None);
            }
            catch (TaskCanceledException)
            {
            }
        }
        var code = await _journey.CodeOfAsync("lapor:" + id);
        Assert.Equal(code, _providers.LaporAcknowledged[id]);

        await _journey.FollowToTheEndAsync(code, () => [.. _providers.Requests.Where(r => r.Provider == "lapor" && r.Recipient == id).Select(r => r.Text)], acknowledged: false);
    }

    [Fact]
    public async Task A_walk_in_report_is_followed_to_the_end_by_SMS_to_the_citizens_phone()
    {
        var phone = DispatchDesk.UniquePhone();
        using (var scope = app.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<TakeWalkInReport>().HandleAsync(new SubmitReportInput
            {
                Category = "jalan-rusak",
                Description = "Warga datang ke loket: jalan berlubang besar di depan halte Monas.",
                Latitude = Samples.MonasLatitude,
                Longitude = Samples.MonasLongitude,
                Phone = phone,
                Channel = Channel.WalkIn,
            }, "kelurahan-minggu", "operator-loket@uji.aduan.id", CancellationToken.None);
            Assert.True(result.Succeeded);
        }
        var code = await app.WithDbAsync(db => db.Citizens.Where(c => c.Phone == phone)
            .Join(db.Reports, c => c.Id, r => r.CitizenId, (c, r) => r.Code).SingleAsync());

        await _journey.FollowToTheEndAsync(TrackingCode.Format(code), () => [.. _providers.To(phone).Where(r => r.Provider == "twilio").Select(r => r.Text)], acknowledged: true);
    }

    [Fact]
    public async Task A_whatsapp_conversation_is_followed_to_the_end_on_whatsapp()
    {
        var number = "62813" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)[..^1] + "1";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WhatsAppAsync(number, JsonSerializer.Serialize(new { from = number, id = "wamid.A" + Guid.NewGuid().ToString("N"), timestamp = now, text = new { body = "Jalan berlubang besar di depan halte, motor sering jatuh." }, type = "text" }));
        await WhatsAppAsync(number, JsonSerializer.Serialize(new { from = number, id = "wamid.B" + Guid.NewGuid().ToString("N"), timestamp = now, location = new { latitude = Samples.MonasLatitude, longitude = Samples.MonasLongitude, name = "Monas" }, type = "location" }));
        await WhatsAppAsync(number, JsonSerializer.Serialize(new { from = number, id = "wamid.C" + Guid.NewGuid().ToString("N"), timestamp = now, text = new { body = "lewati" }, type = "text" }));
        var national = "0" + number[2..];
        var code = await app.WithDbAsync(async db => TrackingCode.Format(await db.Reports.Where(r => db.Citizens.Any(c => c.Id == r.CitizenId && c.Phone == national)).Select(r => r.Code).SingleAsync()));

        await _journey.FollowToTheEndAsync(code, () => [.. _providers.Requests.Where(r => r.Provider == "whatsapp" && r.Recipient == number).Select(r => r.Text)], acknowledged: true);
    }

    /// <summary>One message as Meta's WhatsApp webhook delivers it, signed with the app secret.</summary>
    private async Task WhatsAppAsync(string number, string message)
    {
        var body = $$"""
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
            "contacts":[{"profile":{"name":"Siti Aminah"},"wa_id":"{{number}}"}],"messages":[{{message}}]},"field":"messages"}]}]}
            """;
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/channels/whatsapp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DeliverySettings.WhatsAppAppSecret), Encoding.UTF8.GetBytes(body))));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }
}

/// <summary>The e-mail channel's journey, against the real IMAP server the test script starts and the local SMTP server.</summary>
public abstract class EmailJourneyTests(AduanApp app)
{
    [Fact]
    public async Task A_mail_is_followed_to_the_end_by_mail()
    {
        var from = $"warga-{Guid.NewGuid():N}@example.id";
        var mail = new MimeKit.MimeMessage { Subject = "Jalan berlubang", MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.id") };
        mail.From.Add(new MimeKit.MailboxAddress("Budi Santoso", from));
        mail.To.Add(new MimeKit.MailboxAddress("Aduan", "aduan@uji.aduan.id"));
        mail.Body = new MimeKit.TextPart("plain") { Text = "Jalan berlubang besar di depan halte Monas, motor sering jatuh." };
        await ((IEmailChannelApp)app).Mailbox.DeliverAsync(mail);
        Assert.True((await app.Services.GetRequiredService<EmailIntake>().RunOnceAsync(CancellationToken.None)).Filed >= 1);
        var journey = new ChannelJourney(app);
        var code = await journey.CodeOfAsync("email:" + mail.MessageId);
        var providers = ((IEmailChannelApp)app).Providers;

        await journey.FollowToTheEndAsync(code, () => [.. providers.Mail.Where(m => m.To.Mailboxes.Any(b => b.Address == from)).Select(m => $"{m.Subject}\n{m.TextBody}")], acknowledged: true);
    }
}

[Collection(EmailChannelSqliteCollection.Name)]
public sealed class EmailJourneyOnSqlite(EmailChannelSqliteApp app) : EmailJourneyTests(app);

[Collection(EmailChannelPostgresCollection.Name)]
public sealed class EmailJourneyOnPostgres(EmailChannelPostgresApp app) : EmailJourneyTests(app);

[Collection(DeliverySqliteCollection.Name)]
public sealed class ChannelJourneyOnSqlite(DeliverySqliteApp app) : ChannelJourneyTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class ChannelJourneyOnPostgres(DeliveryPostgresApp app) : ChannelJourneyTests(app);

/// <summary>The steps after filing that every channel's journey shares.</summary>
internal sealed partial class ChannelJourney(AduanApp app)
{
    private const string Gambir = "31.71.01.1001";
    private readonly DispatchDesk _desk = new(app);

    /// <summary>Acknowledged (when the channel is told by message), dispatched, resolved with the link, confirmed: each message read on the channel itself.</summary>
    public async Task FollowToTheEndAsync(string code, Func<List<string>> onTheChannel, bool acknowledged)
    {
        await DeliverAsync();
        if (acknowledged)
            Assert.Contains(onTheChannel(), text => text.Contains(code, StringComparison.Ordinal));
        await TriageAsync(code);
        await _desk.VerifyAsync(code);
        Assert.Equal(ReportStatus.Dispatched, (await _desk.LoadAsync(code)).Status);
        await DeliverAsync();
        Assert.Contains(onTheChannel(), text => text.Contains(code, StringComparison.Ordinal) && text.Contains("diteruskan ke", StringComparison.Ordinal));

        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, DispatchDesk.BinaMargaPusat);
        await lead.StepAsync(code, "accept").OkAsync();
        await lead.ResolveAtTheSpotAsync(code);
        await DeliverAsync();
        var resolved = Assert.Single(onTheChannel(), text => text.Contains("selesai ditangani", StringComparison.Ordinal));
        var link = ConfirmationLink().Match(resolved);
        Assert.True(link.Success, $"no confirmation link in: {resolved}");
        Assert.Equal(code, link.Groups["code"].Value);

        var closed = await _desk.CitizenAsync(code, "confirmation", new { token = Uri.UnescapeDataString(link.Groups["token"].Value), done = true, rating = 4 }).OkAsync();
        Assert.Equal("Closed", closed.Text("status"));
    }

    /// <summary>The operator completes what the channel could not say (a category, the kelurahan), as on the triage screen.</summary>
    private async Task TriageAsync(string code)
    {
        var report = await _desk.LoadAsync(code);
        using var scope = app.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<ReportAccess>();
        var actions = scope.ServiceProvider.GetRequiredService<TriageActions>();
        var scopeOfOperator = await access.ScopeForAsync(DispatchDesk.Operator, CancellationToken.None);
        if (report.CategoryCode is null)
            Assert.Equal(TriageOutcome.Done, (await actions.RecategorizeAsync(DispatchDesk.Operator, scopeOfOperator, code, "jalan-rusak", CancellationToken.None)).Outcome);
        if (report.AreaCode is null)
            Assert.Equal(TriageOutcome.Done, (await actions.RelocateAsync(DispatchDesk.Operator, scopeOfOperator, code, Gambir, CancellationToken.None)).Outcome);
    }

    private Task<DeliveryRound> DeliverAsync() => app.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);

    public Task<string> CodeOfAsync(string key) =>
        app.WithDbAsync(async db => TrackingCode.Format(await db.Reports.Where(r => r.IdempotencyKey == key).Select(r => r.Code).SingleAsync()));

    [GeneratedRegex(@"/lacak/(?<code>[A-Z0-9-]+)/tanggapan\?t=(?<token>[A-Za-z0-9_\-%=]+)")]
    private static partial Regex ConfirmationLink();
}
