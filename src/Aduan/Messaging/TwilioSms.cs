using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aduan.Messaging;

/// <summary>
/// SMS through Twilio's Messages API: POST {base}/2010-04-01/Accounts/{sid}/Messages.json with
/// the form fields To, From and Body, basic auth sid:token; 201 answers with the message's
/// <c>sid</c>, errors with <c>code</c> and <c>message</c>. Twilio takes no idempotency key here.
/// </summary>
public sealed class TwilioSms(IOptions<MessagingOptions> options) : HttpMessageSender(options.Value.TimeoutSeconds)
{
    private readonly MessagingOptions _options = options.Value;

    public override MessageChannel Channel => MessageChannel.Sms;

    public override bool IsConfigured => _options.Sms.Provider == SmsProvider.Twilio;

    public override Task<SendResult> SendAsync(OutboxMessage message, string idempotencyKey, CancellationToken ct)
    {
        var twilio = _options.Twilio;
        var url = $"{twilio.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(twilio.AccountSid!)}/Messages.json";
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["To"] = PhoneNumbers.Format(message.Recipient, PhoneFormat.E164),
                ["From"] = twilio.From!,
                ["Body"] = message.Body,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{twilio.AccountSid}:{twilio.AuthToken}")));
        return PostAsync(request,
            ok => Field(ok, "sid"),
            error => Field(error, "message") is { } text ? $"Twilio {Field(error, "code")}: {text}" : null,
            ct);
    }
}
