using System.Net;
using System.Net.Http.Json;
using Aduan.Channels;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Aduan.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aduan.Tests.Channels;

/// <summary>
/// MMS photos: Twilio's incoming-message webhook with <c>NumMedia</c>, <c>MediaUrl{N}</c> and
/// <c>MediaContentType{N}</c> (its documented fields), the media fetched from a stand-in for Twilio's
/// Media resource behind the account's basic auth; and a gateway's media links.
/// </summary>
public abstract class MmsTests(AduanApp app)
{
    private const string TwilioUrl = "/api/channels/sms/twilio";
    private readonly FakeProviders _providers = ((IDeliveryApp)app).Providers;

    [Fact]
    public async Task An_MMS_photo_is_fetched_with_the_accounts_credentials_and_kept_once_however_often_Twilio_retries()
    {
        var (phone, sid) = (DispatchDesk.UniquePhone(), NewSid());
        var (photo, video) = (NewMediaSid(), NewMediaSid());
        var form = Payload(sid, phone, "Trotoar ambles di depan pasar Kramat Jati, ada lubang besar.", (photo, "image/jpeg"), (video, "video/mp4"));

        var first = await PostAsync(form);
        var retry = await PostAsync(form);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        var report = await ReportOfAsync(sid);
        var kept = Assert.Single(report.Photos);
        Assert.Equal("image/png", kept.ContentType); // the type is read from the bytes, not from what the message claims
        Assert.Equal(1, _providers.MediaFetches.Count(m => m == photo)); // fetched once, not again for the retry
        Assert.DoesNotContain(video, _providers.MediaFetches); // not an image: not even fetched
        var note = Assert.Single(report.Updates, u => u.Actor == "sistem" && u.Kind == UpdateKind.Comment);
        Assert.False(note.IsPublic);
        Assert.Contains("video/mp4", note.Text, StringComparison.Ordinal);
        Assert.Single(await app.WithDbAsync(db => db.Outbox.Where(m => m.Recipient == phone).ToListAsync()));
    }

    [Fact]
    public async Task A_photo_that_cannot_be_fetched_or_is_not_a_kept_type_never_loses_the_report()
    {
        var (phone, sid) = (DispatchDesk.UniquePhone(), NewSid());
        var form = Payload(sid, phone, "Lampu lalu lintas di simpang Matraman mati sejak pagi.", (NewMediaSid() + "gone", "image/jpeg"), (NewMediaSid() + "gif", "image/gif"));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(form)).StatusCode);

        var report = await ReportOfAsync(sid);
        Assert.Empty(report.Photos);
        var note = Assert.Single(report.Updates, u => u.Actor == "sistem" && u.Kind == UpdateKind.Comment);
        Assert.Contains("HTTP 404", note.Text, StringComparison.Ordinal);
        Assert.Contains("image/gif", note.Text, StringComparison.Ordinal);
        Assert.Equal("laporan-diterima", Assert.Single(await app.WithDbAsync(db => db.Outbox.Where(m => m.Recipient == phone).ToListAsync())).Purpose);
    }

    [Fact]
    public async Task The_signature_covers_the_media_parameters()
    {
        var (phone, sid, media) = (DispatchDesk.UniquePhone(), NewSid(), NewMediaSid());
        var form = Payload(sid, phone, "Sampah menumpuk di bantaran kali Ciliwung dekat jembatan.", (media, "image/png"));
        var signature = TwilioSignature.Compute(DeliverySettings.TwilioToken, PublicBaseUrl + TwilioUrl, form);
        form["MediaUrl0"] = "https://contoh.invalid/foto-lain.png";

        var response = await PostAsync(form, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.IdempotencyKey == "sms:" + sid)));
        Assert.DoesNotContain(media, _providers.MediaFetches);
    }

    [Fact]
    public async Task A_follow_up_MMS_adds_its_photo_to_the_senders_own_report()
    {
        var phone = DispatchDesk.UniquePhone();
        var first = NewSid();
        await PostAsync(Payload(first, phone, "Pohon tumbang menutup separuh jalan di Jl. Salemba Raya."));
        var report = await ReportOfAsync(first);
        var followUp = NewSid();

        var answer = await PostAsync(Payload(followUp, phone, $"INFO {TrackingCode.Format(report.Code)} ini fotonya", (NewMediaSid(), "image/jpeg")));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        var updated = await app.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Photos).Include(r => r.Updates).SingleAsync(r => r.Id == report.Id));
        var photo = Assert.Single(updated.Photos);
        Assert.False(photo.IsPublic); // a citizen's later photo is for staff, like every follow-up
        Assert.Contains(updated.Updates, u => u.Kind == UpdateKind.PhotosAdded && u.Actor == "pelapor");
        Assert.False(await app.WithDbAsync(db => db.Reports.AnyAsync(r => r.IdempotencyKey == "sms:" + followUp)));
    }

    [Fact]
    public async Task A_gateway_passes_its_media_links_in_the_configured_field()
    {
        var (phone, id, name) = (DispatchDesk.UniquePhone(), NewSid(), "foto-" + Guid.NewGuid().ToString("N"));
        var body = new { id, from = "+62" + phone[1..], text = "Genangan air setinggi lutut di Jl. Pramuka setelah hujan.", media = new[] { $"{_providers.HttpBase}/gateway-media/{name}" } };
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/channels/sms/gateway") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Gateway-Secret", DeliverySettings.GatewaySecret);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        Assert.Single((await ReportOfAsync(id)).Photos);
        Assert.Single(_providers.MediaFetches, m => m == name);
    }

    private string PublicBaseUrl => app.Services.GetRequiredService<IOptions<AduanOptions>>().Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>Twilio's documented incoming-message fields, with its MMS fields for each attachment.</summary>
    private Dictionary<string, string> Payload(string sid, string phone, string body, params (string MediaSid, string Type)[] media)
    {
        var form = new Dictionary<string, string>
        {
            ["ToCountry"] = "ID",
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = media.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SmsSid"] = sid,
            ["SmsStatus"] = "received",
            ["Body"] = body,
            ["FromCountry"] = "ID",
            ["To"] = "+6221500123",
            ["NumSegments"] = "1",
            ["MessageSid"] = sid,
            ["AccountSid"] = DeliverySettings.TwilioSid,
            ["From"] = "+62" + phone[1..],
            ["ApiVersion"] = "2010-04-01",
        };
        for (var i = 0; i < media.Length; i++)
        {
            form[$"MediaUrl{i}"] = $"{_providers.HttpBase}/2010-04-01/Accounts/{DeliverySettings.TwilioSid}/Messages/{sid}/Media/{media[i].MediaSid}";
            form[$"MediaContentType{i}"] = media[i].Type;
        }
        return form;
    }

    private static string NewSid() => "MM" + Guid.NewGuid().ToString("N");

    private static string NewMediaSid() => "ME" + Guid.NewGuid().ToString("N");

    private async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form, string? signature = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, TwilioUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? TwilioSignature.Compute(DeliverySettings.TwilioToken, PublicBaseUrl + TwilioUrl, form));
        return await client.SendAsync(request);
    }

    private Task<Report> ReportOfAsync(string sid) =>
        app.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Photos).Include(r => r.Updates).AsSplitQuery().SingleAsync(r => r.IdempotencyKey == "sms:" + sid));
}

[Collection(DeliverySqliteCollection.Name)]
public sealed class MmsOnSqlite(DeliverySqliteApp app) : MmsTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class MmsOnPostgres(DeliveryPostgresApp app) : MmsTests(app);
