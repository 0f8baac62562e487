using System.Net;
using System.Net.Http.Json;
using Aduan.Channels;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Channels;

/// <summary>
/// Incoming SMS over HTTP as Twilio and a generic gateway send it: signatures, retries, the grammar's
/// answers, and what a malformed payload gets.
/// </summary>
public abstract class SmsWebhookTests(AduanApp app)
{
    private const string TwilioUrl = "/api/channels/sms/twilio";
    private const string GatewayUrl = "/api/channels/sms/gateway";

    [Fact]
    public async Task A_signed_Twilio_message_files_one_report_and_one_reply_with_its_code_however_often_Twilio_retries()
    {
        var (phone, sid) = (DispatchDesk.UniquePhone(), NewSid());
        var form = TwilioPayload(sid, phone, "Lampu jalan mati sudah tiga hari di Jl. Cikini Raya, Menteng.");

        var first = await PostTwilioAsync(form);
        var retry = await PostTwilioAsync(form);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal("text/xml", first.Content.Headers.ContentType?.MediaType);
        var report = await ReportOfAsync(sid);
        Assert.Equal(Channel.Sms, report.Channel);
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.IdempotencyKey == "sms:" + sid)));
        var replies = await RepliesAsync(phone);
        var reply = Assert.Single(replies);
        Assert.Equal(("laporan-diterima", MessageChannel.Sms), (reply.Purpose, reply.Channel));
        Assert.Contains(TrackingCode.Format(report.Code), reply.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("c2lnbmF0dXJlLXlhbmctc2FsYWg=")]
    [InlineData("signed-with-another-token")]
    public async Task A_bad_or_missing_Twilio_signature_gets_401_and_nothing_is_stored(string? signature)
    {
        var (phone, sid) = (DispatchDesk.UniquePhone(), NewSid());
        var form = TwilioPayload(sid, phone, "Sampah menumpuk di pinggir kali dekat pasar, bau sekali.");
        if (signature == "signed-with-another-token")
            signature = TwilioSignature.Compute("token-lain", SmsSettings.PublicBaseUrl + TwilioUrl, form);

        var response = await PostTwilioAsync(form, signature ?? "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.IdempotencyKey == "sms:" + sid)));
        Assert.False(await app.WithDbAsync(db => db.ChannelMessages.AnyAsync(m => m.Key == "sms:" + sid)));
        Assert.Empty(await RepliesAsync(phone));
    }

    [Fact]
    public async Task The_structured_LAPOR_form_files_the_category_and_the_location()
    {
        var (phone, sid) = (DispatchDesk.UniquePhone(), NewSid());

        await PostTwilioAsync(TwilioPayload(sid, phone, "lapor#jalan-rusak#Jl. Kebon Sirih No. 10, Gambir#Aspal berlubang besar di depan kantor pos."));

        var report = await ReportOfAsync(sid);
        Assert.Equal(("jalan-rusak", "Jl. Kebon Sirih No. 10, Gambir", "Aspal berlubang besar di depan kantor pos."), (report.CategoryCode, report.AddressText, report.Description));
    }

    [Fact]
    public async Task STATUS_with_a_code_is_answered_with_the_reports_current_status_once()
    {
        var filed = await FileAsync(DispatchDesk.UniquePhone());
        var (asker, sid) = (DispatchDesk.UniquePhone(), NewSid());
        var form = TwilioPayload(sid, asker, $"status {TrackingCode.Format(filed.Code).ToLowerInvariant()}");

        await PostTwilioAsync(form);
        await PostTwilioAsync(form);

        var reply = Assert.Single(await RepliesAsync(asker));
        Assert.Equal("status-berubah", reply.Purpose);
        Assert.Contains(TrackingCode.Format(filed.Code), reply.Body, StringComparison.Ordinal);
        Assert.Contains(StatusNames.Indonesian[ReportStatus.Received], reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task STATUS_with_an_unknown_code_says_so()
    {
        var asker = DispatchDesk.UniquePhone();

        await PostTwilioAsync(TwilioPayload(NewSid(), asker, "STATUS 22222-22222"));

        Assert.Equal("laporan-tidak-ditemukan", Assert.Single(await RepliesAsync(asker)).Purpose);
    }

    [Fact]
    public async Task A_reply_naming_the_senders_own_code_is_added_to_that_report_not_filed_anew()
    {
        var phone = DispatchDesk.UniquePhone();
        var filed = await FileAsync(phone);
        var sid = NewSid();

        await PostTwilioAsync(TwilioPayload(sid, phone, $"INFO {TrackingCode.Format(filed.Code)} lubangnya sekarang makin lebar"));

        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Updates).SingleAsync(r => r.Id == filed.Id));
        Assert.Contains(report.Updates, u => u.Kind == UpdateKind.Comment && u.Actor == "pelapor" && u.Text == "lubangnya sekarang makin lebar");
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.IdempotencyKey == "sms:" + sid)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("halo")]
    [InlineData("LAPOR#jalan-rusak#Gambir#")]
    public async Task A_message_with_nothing_usable_gets_one_polite_request_for_details_in_Indonesian(string body)
    {
        var (phone, sid) = (DispatchDesk.UniquePhone(), NewSid());
        var form = TwilioPayload(sid, phone, body);

        await PostTwilioAsync(form);
        await PostTwilioAsync(form);

        var reply = Assert.Single(await RepliesAsync(phone));
        Assert.Equal("laporan-kurang-lengkap", reply.Purpose);
        Assert.Contains("Mohon", reply.Body, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Citizens.CountAsync(c => c.Phone == phone)));
    }

    [Fact]
    public async Task A_signed_Twilio_payload_without_a_MessageSid_gets_400_and_its_raw_body_in_the_log()
    {
        var phone = DispatchDesk.UniquePhone();
        var form = new Dictionary<string, string> { ["From"] = Plus62(phone), ["Body"] = "tanpa-id-" + Guid.NewGuid().ToString("N") };

        var response = await PostTwilioAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(((ISmsApp)app).Log.Lines, line => line.Contains(form["Body"], StringComparison.Ordinal));
        Assert.Empty(await RepliesAsync(phone));
    }

    [Fact]
    public async Task The_gateway_takes_JSON_with_its_configured_fields_behind_its_shared_secret()
    {
        var (phone, id) = (DispatchDesk.UniquePhone(), NewSid());
        var body = new { message_id = id, sender = Plus62(phone)[1..], message = "Pohon tumbang menutup jalan di Jl. Veteran, Gambir." };

        var refused = await PostGatewayAsync(JsonContent.Create(body), "salah");
        var taken = await PostGatewayAsync(JsonContent.Create(body), SmsSettings.GatewaySecret);
        var again = await PostGatewayAsync(JsonContent.Create(body), SmsSettings.GatewaySecret);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK), (refused.StatusCode, taken.StatusCode, again.StatusCode));
        Assert.Equal("repeated", (await again.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["status"]);
        Assert.Equal(Channel.Sms, (await ReportOfAsync(id)).Channel);
        Assert.Single(await RepliesAsync(phone));
    }

    [Theory]
    [InlineData("application/json", "{\"sender\":\"+6281311112222\",\"message\":\"tanpa id\"}")]
    [InlineData("application/json", "{ini bukan json")]
    [InlineData("text/plain", "message_id=1&sender=0813&message=x")]
    public async Task A_malformed_gateway_payload_gets_400(string type, string body)
    {
        var response = await PostGatewayAsync(new StringContent(body, System.Text.Encoding.UTF8, type), SmsSettings.GatewaySecret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(((ISmsApp)app).Log.Lines, line => line.Contains(body, StringComparison.Ordinal));
    }

    /// <summary>The fields Twilio posts for an incoming SMS (its documented example, with our numbers).</summary>
    private static Dictionary<string, string> TwilioPayload(string sid, string phone, string body) => new()
    {
        ["ToCountry"] = "ID",
        ["ToState"] = "",
        ["SmsMessageSid"] = sid,
        ["NumMedia"] = "0",
        ["ToCity"] = "",
        ["FromZip"] = "",
        ["SmsSid"] = sid,
        ["FromState"] = "",
        ["SmsStatus"] = "received",
        ["FromCity"] = "",
        ["Body"] = body,
        ["FromCountry"] = "ID",
        ["To"] = "+6221500123",
        ["MessagingServiceSid"] = "MG" + new string('0', 32),
        ["ToZip"] = "",
        ["NumSegments"] = "1",
        ["MessageSid"] = sid,
        ["AccountSid"] = "AC" + new string('1', 32),
        ["From"] = Plus62(phone),
        ["ApiVersion"] = "2010-04-01",
    };

    private static string NewSid() => "SM" + Guid.NewGuid().ToString("N");

    private static string Plus62(string phone) => "+62" + phone[1..];

    private async Task<HttpResponseMessage> PostTwilioAsync(Dictionary<string, string> form, string? signature = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, TwilioUrl) { Content = new FormUrlEncodedContent(form) };
        signature ??= TwilioSignature.Compute(SmsSettings.TwilioToken, SmsSettings.PublicBaseUrl + TwilioUrl, form);
        if (signature.Length > 0)
            request.Headers.Add("X-Twilio-Signature", signature);
        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostGatewayAsync(HttpContent content, string secret)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, GatewayUrl) { Content = content };
        request.Headers.Add("X-Gateway-Secret", secret);
        return await client.SendAsync(request);
    }

    private async Task<Report> FileAsync(string phone)
    {
        var sid = NewSid();
        await PostTwilioAsync(TwilioPayload(sid, phone, "Saluran air tersumbat di Jl. Kramat Raya, banjir setiap hujan."));
        return await ReportOfAsync(sid);
    }

    private Task<Report> ReportOfAsync(string sid) =>
        app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.IdempotencyKey == "sms:" + sid));

    private Task<List<OutboxMessage>> RepliesAsync(string phone) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Recipient == phone).ToListAsync());
}

[Collection(SmsSqliteCollection.Name)]
public sealed class SmsWebhookOnSqlite(SmsSqliteApp app) : SmsWebhookTests(app);

[Collection(SmsPostgresCollection.Name)]
public sealed class SmsWebhookOnPostgres(SmsPostgresApp app) : SmsWebhookTests(app);
