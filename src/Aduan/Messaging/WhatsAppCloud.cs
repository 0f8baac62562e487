using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Aduan.Messaging;

/// <summary>
/// WhatsApp through Meta's Cloud API: POST {base}/{version}/{phone-number-id}/messages with a
/// bearer token and a text message; the answer carries <c>messages[0].id</c>, errors
/// <c>error.message</c> and <c>error.code</c>. The API takes no idempotency key.
/// </summary>
public sealed class WhatsAppCloud(IOptions<MessagingOptions> options) : HttpMessageSender(options.Value.TimeoutSeconds)
{
    private readonly WhatsAppSettings _whatsApp = options.Value.WhatsApp;

    public override MessageChannel Channel => MessageChannel.WhatsApp;

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(_whatsApp.PhoneNumberId) && !string.IsNullOrWhiteSpace(_whatsApp.AccessToken);

    public override Task<SendResult> SendAsync(OutboxMessage message, string idempotencyKey, CancellationToken ct)
    {
        var url = $"{_whatsApp.BaseUrl.TrimEnd('/')}/{_whatsApp.Version}/{Uri.EscapeDataString(_whatsApp.PhoneNumberId!)}/messages";
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new
            {
                messaging_product = "whatsapp",
                recipient_type = "individual",
                to = PhoneNumbers.Format(message.Recipient, PhoneFormat.Digits),
                type = "text",
                text = new { preview_url = false, body = message.Body },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _whatsApp.AccessToken);
        return PostAsync(request,
            ok => Field(ok.GetProperty("messages")[0], "id"),
            error => error.TryGetProperty("error", out var e) ? $"WhatsApp {Field(e, "code")}: {Field(e, "message")}" : null,
            ct);
    }
}
