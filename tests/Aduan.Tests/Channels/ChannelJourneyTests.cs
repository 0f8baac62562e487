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
public abstract partial class ChannelJourneyTests(AduanApp app)
{
    private const string Gambir = "31.71.01.1001";
    private readonly FakeProviders _providers = ((IDeliveryApp)app).Providers;
    private readonly DispatchDesk _desk = new(app);

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
        var code = await CodeOfAsync("sms:" + sid);

        await FollowToTheEndAsync(code, () => [.. _providers.To(phone).Where(r => r.Provider == "twilio").Select(r => r.Text)], acknowledged: true);
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
        var code = await CodeOfAsync("facebook:" + mid);

        await FollowToTheEndAsync(code, () => [.. _providers.Requests.Where(r => r.Provider == "meta" && r.Recipient == psid).Select(r => r.Text)], acknowledged: true);
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

        await FollowToTheEndAsync(code, () => [.. _providers.To(phone).Where(r => r.Provider == "twilio").Select(r => r.Text)], acknowledged: false);
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
        var code = await CodeOfAsync("lapor:" + id);
        Assert.Equal(code, _providers.LaporAcknowledged[id]);

        await FollowToTheEndAsync(code, () => [.. _providers.Requests.Where(r => r.Provider == "lapor" && r.Recipient == id).Select(r => r.Text)], acknowledged: false);
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

        await FollowToTheEndAsync(TrackingCode.Format(code), () => [.. _providers.To(phone).Where(r => r.Provider == "twilio").Select(r => r.Text)], acknowledged: true);
    }

    /// <summary>Acknowledged (when the channel is told by message), dispatched, resolved with the link, confirmed: each message read on the channel itself.</summary>
    private async Task FollowToTheEndAsync(string code, Func<List<string>> onTheChannel, bool acknowledged)
    {
        await DeliverAsync();
        if (acknowledged)
            Assert.Contains(code, Assert.Single(onTheChannel()), StringComparison.Ordinal);
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

    private Task<string> CodeOfAsync(string key) =>
        app.WithDbAsync(async db => TrackingCode.Format(await db.Reports.Where(r => r.IdempotencyKey == key).Select(r => r.Code).SingleAsync()));

    [GeneratedRegex(@"/lacak/(?<code>[A-Z0-9-]+)/tanggapan\?t=(?<token>[A-Za-z0-9_\-%=]+)")]
    private static partial Regex ConfirmationLink();
}

[Collection(DeliverySqliteCollection.Name)]
public sealed class ChannelJourneyOnSqlite(DeliverySqliteApp app) : ChannelJourneyTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class ChannelJourneyOnPostgres(DeliveryPostgresApp app) : ChannelJourneyTests(app);
