using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Aduan.Tests.Messaging;

/// <summary>A request one of the fake providers received.</summary>
public sealed record ProviderRequest(string Provider, string Path, string? Authorization, string? IdempotencyKey, string ContentType, string Body, string Recipient, string Text);

/// <summary>
/// Local stand-ins for the providers, on 127.0.0.1 and free ports: an HTTP server answering as
/// Twilio, a generic gateway and the WhatsApp Cloud API document it, and a real SMTP server. The
/// recipient's last digits choose the answer: …500 a 5xx, …400 a 4xx with the provider's error
/// JSON, …999 an answer slower than the delivery timeout, anything else success.
/// </summary>
public sealed partial class FakeProviders : IDisposable
{
    private readonly WebApplication _http;
    private readonly SmtpServer.SmtpServer _smtp;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;

    public FakeProviders()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _http = builder.Build();
        _http.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", TwilioAsync);
        _http.MapPost("/gateway/send", GatewayAsync);
        _http.MapPost("/{version}/{phoneNumberId}/messages", WhatsAppAsync);
        // WhatsApp media: the Graph API answers a media id with a short-lived URL (docs: "Retrieve Media URL"), then the bytes.
        _http.MapGet("/{version}/{mediaId}", (string mediaId, HttpRequest request) => request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
            ? Results.Json(new { messaging_product = "whatsapp", url = $"{HttpBase}/whatsapp-media/{mediaId}", mime_type = "image/png", sha256 = "-", file_size = 100, id = mediaId })
            : Results.Unauthorized());
        // Public replies under a Facebook comment (/comments) or an Instagram comment (/replies).
        foreach (var kind in new[] { "comments", "replies" })
        {
            _http.MapPost("/{version}/{commentId}/" + kind, async (string commentId, HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var raw = await reader.ReadToEndAsync();
                using var json = JsonDocument.Parse(raw);
                Requests.Enqueue(new ProviderRequest("meta", request.Path, request.Headers.Authorization.ToString(), null, request.ContentType ?? "", raw, commentId,
                    json.RootElement.GetProperty("message").GetString()!));
                return Results.Json(new { id = commentId + "_reply" });
            });
        }
        // Twilio's MMS media (docs: "Media resource"): behind the account's basic auth when the account enforces it.
        // A media sid ending in "gone" answers 404, one ending in "gif" a GIF; others a PNG.
        _http.MapGet("/2010-04-01/Accounts/{sid}/Messages/{messageSid}/Media/{mediaSid}", (string mediaSid, HttpRequest request) =>
        {
            MediaFetches.Enqueue(mediaSid);
            var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{DeliverySettings.TwilioSid}:{DeliverySettings.TwilioToken}"));
            if (request.Headers.Authorization.ToString() != expected)
                return Results.Json(new { code = 20003, message = "Authenticate", status = 401 }, statusCode: 401);
            if (mediaSid.EndsWith("gone", StringComparison.Ordinal))
                return Results.Json(new { code = 20404, message = "The requested resource was not found", status = 404 }, statusCode: 404);
            return mediaSid.EndsWith("gif", StringComparison.Ordinal)
                ? Results.Bytes([.. "GIF89a"u8.ToArray(), 1, 0, 1, 0, 0, 0, 0], "image/gif")
                : Results.Bytes(Infrastructure.Samples.UniquePng(), "image/png");
        });
        // A gateway's public media link, fetched without credentials.
        _http.MapGet("/gateway-media/{name}", (string name) =>
        {
            MediaFetches.Enqueue(name);
            return Results.Bytes(Infrastructure.Samples.UniquePng(), "image/png");
        });
        _http.MapGet("/whatsapp-media/{mediaId}", (string mediaId) => Results.Bytes(Infrastructure.Samples.UniquePng(), "image/png"));
        // The LAPOR! bridge's documented endpoints (docs/lapor.md): dispositions not yet acknowledged, acknowledgements, follow-ups.
        _http.MapGet("/lapor/disposisi", (HttpRequest request) => LaporAuthorized(request)
            ? Results.Json(new { items = LaporDispositions.Where(d => !LaporAcknowledged.ContainsKey(d.GetProperty("id").GetString()!)).ToArray() })
            : Results.Json(new { pesan = "token tidak sah" }, statusCode: 401));
        _http.MapPost("/lapor/disposisi/{id}/diterima", async (string id, HttpRequest request) =>
        {
            if (!LaporAuthorized(request))
                return Results.Json(new { pesan = "token tidak sah" }, statusCode: 401);
            using var body = await JsonDocument.ParseAsync(request.Body);
            LaporAcknowledged[id] = body.RootElement.GetProperty("kode_aduan").GetString()!;
            return Results.Ok();
        });
        _http.MapPost("/lapor/tindak-lanjut", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var raw = await reader.ReadToEndAsync();
            using var json = JsonDocument.Parse(raw);
            Requests.Enqueue(new ProviderRequest("lapor", request.Path, request.Headers.Authorization.ToString(), null, request.ContentType ?? "", raw,
                json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("isi").GetString()!));
            return LaporAuthorized(request) ? Results.Json(new { id = Guid.NewGuid().ToString("N") }) : Results.Json(new { pesan = "token tidak sah" }, statusCode: 401);
        });
        MapX(_http);
        _http.StartAsync().GetAwaiter().GetResult();
        HttpBase = _http.Urls.Single();

        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(Mail));
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))).Build();
        _smtp = new SmtpServer.SmtpServer(options, services);
        _ = _smtp.StartAsync(_stop.Token);
        SmtpPort = started.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    public string HttpBase { get; }

    public int SmtpPort { get; }

    public ConcurrentQueue<ProviderRequest> Requests { get; } = new();

    /// <summary>The media sids (or names) of every MMS attachment fetched, in order.</summary>
    public ConcurrentQueue<string> MediaFetches { get; } = new();

    /// <summary>What LAPOR! offers the bridge (the tests add dispositions as JSON, in the documented shape).</summary>
    public ConcurrentBag<JsonElement> LaporDispositions { get; } = [];

    /// <summary>LAPOR! ids the bridge acknowledged, with the tracking code it gave.</summary>
    public ConcurrentDictionary<string, string> LaporAcknowledged { get; } = new();

    public const string LaporToken = "rahasia-lapor";

    private static bool LaporAuthorized(HttpRequest request) => request.Headers.Authorization.ToString() == "Bearer " + LaporToken;

    public ConcurrentQueue<MimeMessage> Mail { get; } = new();

    public TimeSpan SlowAnswer { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<ProviderRequest> To(string recipientDigits) =>
        Requests.Where(r => Digits(r.Recipient).EndsWith(Digits(recipientDigits)[1..], StringComparison.Ordinal)).ToList();

    private async Task<IResult> TwilioAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (to, body) = (form["To"].ToString(), form["Body"].ToString());
        return await AnswerAsync(request, "twilio", to, body, form.ToString() ?? "",
            ok: () => Results.Json(new { sid = "SM" + Guid.NewGuid().ToString("N"), status = "queued", to, body }, statusCode: 201),
            rejected: () => Results.Json(new { code = 21211, message = $"The 'To' number {to} is not a valid phone number.", more_info = "https://www.twilio.com/docs/errors/21211", status = 400 }, statusCode: 400),
            broken: () => Results.Json(new { code = 20500, message = "An internal server error has occurred", status = 500 }, statusCode: 500));
    }

    private async Task<IResult> GatewayAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var raw = await reader.ReadToEndAsync();
        using var json = JsonDocument.Parse(raw);
        var to = json.RootElement.GetProperty("msisdn").GetString()!;
        var text = json.RootElement.GetProperty("pesan").GetString()!;
        return await AnswerAsync(request, "gateway", to, text, raw,
            ok: () => Results.Json(new { status = "ok", message_id = "gw-" + Guid.NewGuid().ToString("N") }),
            rejected: () => Results.Json(new { status = "error", message = "nomor tidak valid" }, statusCode: 422),
            broken: () => Results.Text("Bad gateway", statusCode: 502));
    }

    private async Task<IResult> WhatsAppAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var raw = await reader.ReadToEndAsync();
        using var json = JsonDocument.Parse(raw);
        if (json.RootElement.TryGetProperty("recipient", out var recipient))
        {
            // The same Graph API path with Messenger's body: a Facebook Page or Instagram private reply.
            var user = recipient.GetProperty("id").GetString()!;
            Requests.Enqueue(new ProviderRequest("meta", request.Path, request.Headers.Authorization.ToString(), null, request.ContentType ?? "", raw, user,
                json.RootElement.GetProperty("message").GetProperty("text").GetString()!));
            return Results.Json(new { recipient_id = user, message_id = "m_" + Guid.NewGuid().ToString("N") });
        }
        var to = json.RootElement.GetProperty("to").GetString()!;
        // A text message carries its body; a template message its name (the parameters stay in the raw body).
        var text = json.RootElement.GetProperty("type").GetString() == "template"
            ? json.RootElement.GetProperty("template").GetProperty("name").GetString()!
            : json.RootElement.GetProperty("text").GetProperty("body").GetString()!;
        return await AnswerAsync(request, "whatsapp", to, text, raw,
            ok: () => Results.Json(new { messaging_product = "whatsapp", contacts = new[] { new { input = to, wa_id = to } }, messages = new[] { new { id = "wamid.HBgL" + Guid.NewGuid().ToString("N") } } }),
            rejected: () => Results.Json(new { error = new { message = "(#131030) Recipient phone number not in allowed list", type = "OAuthException", code = 131030, fbtrace_id = "AbCdEf" } }, statusCode: 400),
            broken: () => Results.Json(new { error = new { message = "Service temporarily unavailable", type = "OAuthException", code = 2, fbtrace_id = "AbCdEf" } }, statusCode: 503));
    }

    private async Task<IResult> AnswerAsync(HttpRequest request, string provider, string to, string text, string raw, Func<IResult> ok, Func<IResult> rejected, Func<IResult> broken)
    {
        Requests.Enqueue(new ProviderRequest(provider, request.Path, request.Headers.Authorization.ToString(), request.Headers["Idempotency-Key"].FirstOrDefault(),
            request.ContentType ?? "", raw, to, text));
        var digits = Digits(to);
        if (digits.EndsWith("999", StringComparison.Ordinal))
            await Task.Delay(SlowAnswer);
        return digits.EndsWith("500", StringComparison.Ordinal) ? broken() : digits.EndsWith("400", StringComparison.Ordinal) ? rejected() : ok();
    }

    private static string Digits(string text) => new(text.Where(char.IsDigit).ToArray());

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return; // the app factory disposes twice (async, then sync)
        _stop.Cancel();
        _smtp.Shutdown();
        _http.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_http).Dispose();
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> mail) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            mail.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
