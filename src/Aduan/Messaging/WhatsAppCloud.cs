using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Aduan.Messaging;

/// <summary>
/// WhatsApp through Meta's Cloud API: POST {base}/{version}/{phone-number-id}/messages with a
/// bearer token and a text message, or an approved template message outside the 24-hour window
/// (<see cref="WhatsAppConversations"/> decides); the answer carries <c>messages[0].id</c>, errors
/// <c>error.message</c> and <c>error.code</c>. The API takes no idempotency key.
/// </summary>
public sealed class WhatsAppCloud(IOptions<MessagingOptions> options, WhatsAppConversations conversations) : HttpMessageSender(options.Value.TimeoutSeconds)
{
    private readonly WhatsAppSettings _whatsApp = options.Value.WhatsApp;

    public override MessageChannel Channel => MessageChannel.WhatsApp;

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(_whatsApp.PhoneNumberId) && !string.IsNullOrWhiteSpace(_whatsApp.AccessToken);

    public override async Task<SendResult> SendAsync(OutboxMessage message, string idempotencyKey, CancellationToken ct)
    {
        var route = await conversations.RouteAsync(message, ct);
        if (route is WhatsAppRoute.Refused refused)
            return SendResult.Rejected(refused.Reason);
        var to = PhoneNumbers.Format(message.Recipient, PhoneFormat.Digits);
        object body = route is WhatsAppRoute.Template template
            ? new
            {
                messaging_product = "whatsapp",
                recipient_type = "individual",
                to,
                type = "template",
                template = new
                {
                    name = template.Name,
                    language = new { code = template.Language },
                    components = template.Values.Count == 0 ? Array.Empty<object>()
                        : [new { type = "body", parameters = template.Values.Select(v => new { type = "text", text = v }).ToArray() }],
                },
            }
            : new
            {
                messaging_product = "whatsapp",
                recipient_type = "individual",
                to,
                type = "text",
                text = new { preview_url = false, body = message.Body },
            };
        var url = $"{_whatsApp.BaseUrl.TrimEnd('/')}/{_whatsApp.Version}/{Uri.EscapeDataString(_whatsApp.PhoneNumberId!)}/messages";
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _whatsApp.AccessToken);
        return await PostAsync(request,
            ok => Field(ok.GetProperty("messages")[0], "id"),
            error => error.TryGetProperty("error", out var e) ? $"WhatsApp {Field(e, "code")}: {Field(e, "message")}" : null,
            ct);
    }

    /// <summary>
    /// A photo a citizen sent: the Cloud API answers GET {base}/{version}/{media-id} with the media's
    /// short-lived URL, fetched with the same bearer token. Null bytes and the reason when it fails.
    /// </summary>
    public async Task<(byte[]? Bytes, string? Error)> DownloadMediaAsync(string mediaId, CancellationToken ct)
    {
        if (!IsConfigured)
            return (null, "WhatsApp is not configured");
        try
        {
            using var ask = new HttpRequestMessage(HttpMethod.Get, $"{_whatsApp.BaseUrl.TrimEnd('/')}/{_whatsApp.Version}/{Uri.EscapeDataString(mediaId)}");
            ask.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _whatsApp.AccessToken);
            using var answer = await Http.SendAsync(ask, ct);
            if (!answer.IsSuccessStatusCode)
                return (null, $"HTTP {(int)answer.StatusCode} for the media's URL");
            using var meta = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync(ct));
            if (!meta.RootElement.TryGetProperty("url", out var url) || url.GetString() is not { } address)
                return (null, "no url in the media's answer");
            using var fetch = new HttpRequestMessage(HttpMethod.Get, address);
            fetch.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _whatsApp.AccessToken);
            using var media = await Http.SendAsync(fetch, ct);
            return media.IsSuccessStatusCode ? (await media.Content.ReadAsByteArrayAsync(ct), null) : (null, $"HTTP {(int)media.StatusCode} for the media");
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            return (null, ex.Message);
        }
    }
}
