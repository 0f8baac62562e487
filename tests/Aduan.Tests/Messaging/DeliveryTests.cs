using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aduan.Tests.Messaging;

/// <summary>The delivery job against a real SMTP server and local HTTP providers, on both databases.</summary>
public abstract class DeliveryTests(AduanApp app)
{
    private readonly FakeProviders _providers = ((IDeliveryApp)app).Providers;

    [Fact]
    public async Task A_citizen_e_mail_reaches_a_real_smtp_server_with_the_tracking_code_in_the_subject()
    {
        var email = $"warga-{Guid.NewGuid():N}@example.id";
        var (code, id) = await TellCitizenAsync(email, phone: null);

        var round = await Worker().RunOnceAsync(CancellationToken.None);

        Assert.True(round.Sent >= 1);
        var mail = Assert.Single(_providers.Mail, m => m.To.Mailboxes.Any(b => b.Address == email));
        Assert.Equal($"[{TrackingCode.Format(code)}] Aduan", mail.Subject);
        Assert.Contains($"laporan {TrackingCode.Format(code)} tidak dapat kami tindak lanjuti", mail.TextBody);
        Assert.Equal("aduan@uji.aduan.id", mail.From.Mailboxes.Single().Address);
        Assert.Equal($"aduan-outbox-{id}@uji.aduan.id", mail.MessageId);
        var row = await RowAsync(id);
        Assert.Equal(MessageStatus.Sent, row.Status);
        Assert.NotNull(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(mail.MessageId, row.ProviderMessageId);
    }

    [Fact]
    public async Task A_report_that_came_by_whatsapp_is_answered_on_whatsapp_through_the_cloud_api()
    {
        var phone = Phone("1234");
        await WroteToUsAsync(phone, TimeSpan.FromHours(2)); // inside WhatsApp's 24-hour window: free text
        var (_, id) = await TellCitizenAsync(null, phone, Channel.WhatsApp);
        Assert.Equal(MessageChannel.WhatsApp, (await RowAsync(id)).Channel);

        await Worker().RunOnceAsync(CancellationToken.None);

        var request = Assert.Single(_providers.To(phone));
        Assert.Equal("whatsapp", request.Provider);
        Assert.Equal("/v21.0/106540352242922/messages", request.Path);
        Assert.Equal($"Bearer {DeliverySettings.WhatsAppToken}", request.Authorization);
        Assert.Equal("62" + phone[1..], request.Recipient);
        Assert.Contains("\"messaging_product\":\"whatsapp\"", request.Body);
        Assert.Contains("\"type\":\"text\"", request.Body);
        var row = await RowAsync(id);
        Assert.Equal(MessageStatus.Sent, row.Status);
        Assert.StartsWith("wamid.", row.ProviderMessageId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(25)]
    public async Task Outside_the_24_hour_window_whatsapp_gets_the_packs_approved_template_with_the_messages_fields(int? wroteHoursAgo)
    {
        var phone = Phone("3456");
        if (wroteHoursAgo is { } hours)
            await WroteToUsAsync(phone, TimeSpan.FromHours(hours));
        var (code, id) = await TellCitizenAsync(null, phone, Channel.WhatsApp);

        await Worker().RunOnceAsync(CancellationToken.None);

        var request = Assert.Single(_providers.To(phone));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("template", body.RootElement.GetProperty("type").GetString());
        var template = body.RootElement.GetProperty("template");
        Assert.Equal("aduan_laporan_ditolak", template.GetProperty("name").GetString()); // whatsapp.csv: laporan-ditolak -> kode;tautan
        Assert.Equal("id", template.GetProperty("language").GetProperty("code").GetString());
        var parameters = template.GetProperty("components")[0].GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("text").GetString()).ToList();
        var site = app.Services.GetRequiredService<IOptions<AduanOptions>>().Value.PublicBaseUrl.TrimEnd('/');
        Assert.Equal([TrackingCode.Format(code), $"{site}/lacak/{TrackingCode.Format(code)}"], parameters);
        Assert.Equal(MessageStatus.Sent, (await RowAsync(id)).Status);
    }

    [Fact]
    public async Task Outside_the_window_a_message_without_an_approved_template_goes_by_SMS_to_the_same_number_without_calling_whatsapp()
    {
        var phone = Phone("4560");
        var id = await QueueAsync(MessageChannel.WhatsApp, phone, "Kode masuk Anda: 123456");

        await Worker().RunOnceAsync(CancellationToken.None);

        var request = Assert.Single(_providers.To(phone));
        Assert.Equal(("twilio", "Kode masuk Anda: 123456"), (request.Provider, request.Text));
        var row = await RowAsync(id);
        Assert.Equal((MessageStatus.Sent, MessageChannel.Sms, 1), (row.Status, row.Channel, row.Attempts));
    }

    [Fact]
    public void Template_parameters_lose_new_lines_tabs_and_long_runs_of_spaces() =>
        Assert.Equal("Di mana lokasinya?    Mohon jawab.", WhatsAppConversations.Parameter("Di mana lokasinya?\n\t       Mohon jawab.\r\n"));

    [Fact]
    public async Task Twilio_gets_the_number_in_e164_with_basic_auth_and_its_sid_is_kept()
    {
        var phone = Phone("2345");
        var id = await QueueAsync(MessageChannel.Sms, phone, "Kode masuk Anda: 123456");

        await Worker().RunOnceAsync(CancellationToken.None);

        var request = Assert.Single(_providers.To(phone));
        Assert.Equal($"/2010-04-01/Accounts/{DeliverySettings.TwilioSid}/Messages.json", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DeliverySettings.TwilioSid}:{DeliverySettings.TwilioToken}")), request.Authorization);
        Assert.Equal("+62" + phone[1..], request.Recipient);
        Assert.Equal("Kode masuk Anda: 123456", request.Text);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        var row = await RowAsync(id);
        Assert.Equal(MessageStatus.Sent, row.Status);
        Assert.Matches("^SM[0-9a-f]{32}$", row.ProviderMessageId!);
    }

    [Fact]
    public async Task A_generic_gateway_gets_json_in_its_own_field_names_with_a_bearer_token_and_the_same_idempotency_key_on_every_attempt()
    {
        var gateway = new GatewaySms(Options.Create(new MessagingOptions
        {
            TimeoutSeconds = 1,
            Sms = new SmsSettings { Provider = SmsProvider.Gateway },
            SmsGateway = new SmsGatewaySettings
            {
                Url = _providers.HttpBase + "/gateway/send",
                BearerToken = "rahasia-gateway",
                Body = GatewayBody.Json,
                RecipientField = "msisdn",
                TextField = "pesan",
                IdField = "message_id",
                PhoneFormat = PhoneFormat.National,
            },
        }));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var failing = Phone("0500");
        var fine = Phone("3456");
        var failingId = await QueueAsync(MessageChannel.Sms, failing);
        var fineId = await QueueAsync(MessageChannel.Sms, fine, "Laporan Anda sudah diterima");

        await Worker(clock, gateway).RunOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Worker(clock, gateway).RunOnceAsync(CancellationToken.None);

        var request = Assert.Single(_providers.To(fine));
        Assert.Equal(fine, request.Recipient);
        Assert.Equal("Laporan Anda sudah diterima", request.Text);
        Assert.Equal("Bearer rahasia-gateway", request.Authorization);
        Assert.Equal($"aduan-outbox-{fineId}", request.IdempotencyKey);
        Assert.StartsWith("gw-", (await RowAsync(fineId)).ProviderMessageId);
        var retried = _providers.To(failing);
        Assert.Equal(2, retried.Count);
        Assert.All(retried, r => Assert.Equal($"aduan-outbox-{failingId}", r.IdempotencyKey));
        var row = await RowAsync(failingId);
        Assert.Equal(MessageStatus.Pending, row.Status);
        Assert.Equal("HTTP 502: Bad gateway", row.LastError);
    }

    [Fact]
    public async Task A_5xx_is_retried_with_growing_waits_and_the_message_fails_after_the_last_attempt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var phone = Phone("1500");
        var id = await QueueAsync(MessageChannel.Sms, phone);
        var waits = new List<TimeSpan>();

        for (var attempt = 1; attempt <= DeliverySettings.MaxAttempts; attempt++)
        {
            await Worker(clock).RunOnceAsync(CancellationToken.None);
            var row = await RowAsync(id);
            Assert.Equal(attempt, row.Attempts);
            Assert.Equal(attempt, _providers.To(phone).Count);
            Assert.Contains("HTTP 500", row.LastError);
            Assert.Contains("Twilio 20500", row.LastError);
            if (attempt == DeliverySettings.MaxAttempts)
            {
                Assert.Equal(MessageStatus.Failed, row.Status);
                Assert.Null(row.NextAttemptAt);
                break;
            }
            Assert.Equal(MessageStatus.Pending, row.Status);
            var wait = row.NextAttemptAt!.Value - clock.GetUtcNow();
            waits.Add(wait);
            // Not due yet: a round a moment before the next attempt leaves it alone.
            clock.Advance(wait - TimeSpan.FromSeconds(1));
            await Worker(clock).RunOnceAsync(CancellationToken.None);
            Assert.Equal(attempt, _providers.To(phone).Count);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([1, 5, 15, 60, 180], waits.Select(w => (int)Math.Round(w.TotalMinutes)));
        await Worker(clock).RunOnceAsync(CancellationToken.None);
        Assert.Equal(DeliverySettings.MaxAttempts, _providers.To(phone).Count); // failed stays failed
    }

    [Fact]
    public async Task A_timeout_leaves_the_message_queued_for_a_later_attempt()
    {
        var phone = Phone("0999");
        var id = await QueueAsync(MessageChannel.Sms, phone);

        var round = await Worker().RunOnceAsync(CancellationToken.None);

        Assert.True(round.Retrying >= 1);
        var row = await RowAsync(id);
        Assert.Equal(MessageStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.StartsWith("timeout", row.LastError);
        Assert.True(row.NextAttemptAt > DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.Null(row.ClaimedUntil);
    }

    [Fact]
    public async Task A_4xx_fails_the_message_at_once_with_the_providers_reason()
    {
        var sms = Phone("1400");
        var whatsApp = Phone("2400");
        var smsId = await QueueAsync(MessageChannel.Sms, sms);
        await WroteToUsAsync(whatsApp, TimeSpan.FromMinutes(5));
        var whatsAppId = await QueueAsync(MessageChannel.WhatsApp, whatsApp);

        await Worker().RunOnceAsync(CancellationToken.None);

        var smsRow = await RowAsync(smsId);
        Assert.Equal(MessageStatus.Failed, smsRow.Status);
        Assert.Equal(1, smsRow.Attempts);
        Assert.Equal($"HTTP 400: Twilio 21211: The 'To' number +62{sms[1..]} is not a valid phone number.", smsRow.LastError);
        var whatsAppRow = await RowAsync(whatsAppId);
        Assert.Equal(MessageStatus.Failed, whatsAppRow.Status);
        Assert.Equal("HTTP 400: WhatsApp 131030: (#131030) Recipient phone number not in allowed list", whatsAppRow.LastError);
    }

    [Fact]
    public async Task A_channel_without_settings_keeps_its_messages_waiting_with_the_reason()
    {
        var phone = Phone("4567");
        var id = await QueueAsync(MessageChannel.Sms, phone);

        var round = await Worker(null, [new SmtpEmail(app.Services.GetRequiredService<IOptions<MessagingOptions>>())]).RunOnceAsync(CancellationToken.None);

        Assert.True(round.Unconfigured >= 1);
        Assert.Empty(_providers.To(phone));
        var row = await RowAsync(id);
        Assert.Equal(MessageStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);
        Assert.Equal(OutboxDelivery.NotConfigured(MessageChannel.Sms), row.LastError);
    }

    [Fact]
    public async Task Retrying_from_the_admin_api_sends_a_failed_message_again()
    {
        var phone = Phone("5678");
        var id = await QueueAsync(MessageChannel.Sms, phone, status: MessageStatus.Failed);
        var admin = await app.CreateAsync(Aduan.Staff.StaffRole.Admin, withTwoFactor: true);
        using var session = await app.SignInAsync(admin);

        var listed = await session.Http.GetFromJsonAsync<List<QueuedMessage>>("/api/admin/messages?status=failed");
        var shown = Assert.Single(listed!, m => m.Id == id);
        Assert.Equal(phone[..4] + "****" + phone[^4..], shown.Recipient);
        Assert.DoesNotContain(phone, await session.Http.GetStringAsync("/api/admin/messages?status=failed"));
        var retry = await session.Http.SendAsync(session.Request(HttpMethod.Post, $"/api/admin/messages/{id}/retry"));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var row = await RowAsync(id);
        Assert.Equal(MessageStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);
        await Worker().RunOnceAsync(CancellationToken.None);
        Assert.Equal(MessageStatus.Sent, (await RowAsync(id)).Status);
        Assert.Single(_providers.To(phone));
        var again = await session.Http.SendAsync(session.Request(HttpMethod.Post, $"/api/admin/messages/{id}/retry"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var unknown = await session.Http.SendAsync(session.Request(HttpMethod.Post, "/api/admin/messages/987654321/retry"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var badStatus = await session.Http.GetAsync("/api/admin/messages?status=lost");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    [Fact]
    public async Task Two_workers_at_once_send_each_of_fifty_messages_exactly_once()
    {
        var phones = Enumerable.Range(0, 50).Select(_ => Phone("77")).ToList();
        var ids = new List<long>();
        foreach (var phone in phones)
            ids.Add(await QueueAsync(MessageChannel.Sms, phone));

        var rounds = await Task.WhenAll(Task.Run(() => Worker().RunOnceAsync(CancellationToken.None)), Task.Run(() => Worker().RunOnceAsync(CancellationToken.None)));

        Assert.All(phones, phone => Assert.Single(_providers.To(phone)));
        Assert.True(rounds.Sum(r => r.Sent) >= 50);
        var rows = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.All(rows, row =>
        {
            Assert.Equal(MessageStatus.Sent, row.Status);
            Assert.Equal(1, row.Attempts);
        });
    }

    private OutboxDelivery Worker(TimeProvider? clock = null, params IMessageSender[] senders)
    {
        var args = new List<object>();
        if (clock is not null)
            args.Add(clock);
        if (senders.Length > 0)
            args.Add((IEnumerable<IMessageSender>)senders);
        return ActivatorUtilities.CreateInstance<OutboxDelivery>(app.Services, [.. args]);
    }

    /// <summary>A report submitted over the API and the pack's "laporan-ditolak" message queued for its reporter, as triage does.</summary>
    private async Task<(string Code, long MessageId)> TellCitizenAsync(string? email, string? phone, Channel? channel = null)
    {
        using var client = app.CreateClient();
        var body = Samples.Report();
        body["email"] = email;
        body["phone"] = phone;
        var response = await client.PostReportAsync(body);
        response.EnsureSuccessStatusCode();
        var code = TrackingCode.Parse((await response.JsonAsync()).GetProperty("code").GetString())!;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Aduan.Data.AduanDbContext>();
        if (channel is { } came)
            await db.Reports.Where(r => r.Code == code).ExecuteUpdateAsync(set => set.SetProperty(r => r.Channel, came));
        var report = await db.Reports.SingleAsync(r => r.Code == code);
        await scope.ServiceProvider.GetRequiredService<Notifications>().TellCitizenAsync(report, "laporan-ditolak", null, null, CancellationToken.None);
        await db.SaveChangesAsync();
        var id = await db.Outbox.Where(m => m.Recipient == (email ?? phone)).Select(m => m.Id).SingleAsync();
        return (code, id);
    }

    private Task<long> QueueAsync(MessageChannel channel, string recipient, string body = "Pesan uji", MessageStatus status = MessageStatus.Pending) =>
        app.WithDbAsync(async db =>
        {
            var message = new OutboxMessage { Channel = channel, Recipient = recipient, Body = body, Purpose = "uji", CreatedAt = DateTimeOffset.UtcNow, Status = status, LastError = status == MessageStatus.Failed ? "HTTP 400: uji" : null };
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

    /// <summary>The citizen wrote to the city's WhatsApp number this long ago (what the WhatsApp intake records).</summary>
    private Task<int> WroteToUsAsync(string phone, TimeSpan ago) => app.WithDbAsync(async db =>
    {
        await WhatsAppConversations.RecordInboundAsync(db, phone, DateTimeOffset.UtcNow - ago, CancellationToken.None);
        return await db.SaveChangesAsync();
    });

    private Task<OutboxMessage> RowAsync(long id) => app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>A new Indonesian mobile number (08…, 12 digits) ending in <paramref name="ending"/>, which tells the fake provider how to answer.</summary>
    internal static string Phone(string ending) =>
        "0812" + Random.Shared.NextInt64(0, (long)Math.Pow(10, 8 - ending.Length)).ToString("D" + (8 - ending.Length), System.Globalization.CultureInfo.InvariantCulture) + ending;
}

[Collection(DeliverySqliteCollection.Name)]
public sealed class DeliveryOnSqlite(DeliverySqliteApp app) : DeliveryTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class DeliveryOnPostgres(DeliveryPostgresApp app) : DeliveryTests(app);
