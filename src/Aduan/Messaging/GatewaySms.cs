using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aduan.Messaging;

/// <summary>
/// SMS through any HTTP gateway that takes one POST per message: the recipient and the text in
/// configurable form or JSON fields, optional bearer or basic auth, and an <c>Idempotency-Key</c>
/// header that stays the same on every attempt of a message (gateways that honour it never send twice).
/// </summary>
public sealed class GatewaySms(IOptions<MessagingOptions> options) : HttpMessageSender(options.Value.TimeoutSeconds)
{
    private readonly SmsGatewaySettings _gateway = options.Value.SmsGateway;
    private readonly bool _configured = options.Value.Sms.Provider == SmsProvider.Gateway;

    public override MessageChannel Channel => MessageChannel.Sms;

    public override bool IsConfigured => _configured;

    public override Task<SendResult> SendAsync(OutboxMessage message, string idempotencyKey, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>
        {
            [_gateway.RecipientField] = PhoneNumbers.Format(message.Recipient, _gateway.PhoneFormat),
            [_gateway.TextField] = message.Body,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, _gateway.Url)
        {
            Content = _gateway.Body == GatewayBody.Json ? JsonContent.Create(fields) : new FormUrlEncodedContent(fields),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (!string.IsNullOrEmpty(_gateway.BearerToken))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _gateway.BearerToken);
        else if (!string.IsNullOrEmpty(_gateway.User))
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_gateway.User}:{_gateway.Password}")));
        return PostAsync(request,
            ok => Field(ok, _gateway.IdField),
            error => Field(error, "message") ?? Field(error, "error"),
            ct);
    }
}
