using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aduan.Channels;
using Aduan.Messaging;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Aduan.Web.Api;

/// <summary>
/// Incoming SMS: <c>POST /api/channels/sms/twilio</c> (Twilio's messaging webhook, signed with
/// X-Twilio-Signature) and <c>POST /api/channels/sms/gateway</c> (any HTTP gateway, JSON or form with
/// configurable field names, a shared secret header). A bad or missing signature gets 401 and nothing is
/// stored; a payload without a message id or sender gets 400 and its raw body in the log.
/// </summary>
public static class SmsWebhook
{
    /// <summary>An SMS payload is a few hundred bytes; anything this large is not one.</summary>
    private const int MaxBody = 64 * 1024;

    public static void MapSmsWebhook(this WebApplication app) =>
        app.MapPost("/api/channels/sms/{provider}", ReceiveAsync)
            .WithTags("Channels")
            .WithSummary("Incoming SMS from Twilio (provider twilio) or an HTTP gateway (provider gateway)")
            .DisableAntiforgery();

    private static async Task<IResult> ReceiveAsync(string provider, HttpRequest request, SmsIntake intake, IOptions<MessagingOptions> messaging, IOptions<AduanOptions> aduan, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger(typeof(SmsWebhook));
        var settings = messaging.Value;
        var twilio = provider.Equals("twilio", StringComparison.OrdinalIgnoreCase);
        if (twilio ? string.IsNullOrEmpty(settings.Twilio.AuthToken) : !provider.Equals("gateway", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(settings.SmsGateway.InboundSecret))
            return TypedResults.NotFound(); // this provider is not set up here
        var body = await ReadBodyAsync(request, ct);
        if (body is null)
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (twilio)
            return await TwilioAsync(request, body, settings.Twilio.AuthToken!, aduan.Value.PublicBaseUrl, intake, log, ct);
        return await GatewayAsync(request, body, settings.SmsGateway, intake, log, ct);
    }

    private static async Task<IResult> TwilioAsync(HttpRequest request, string body, string authToken, string publicBaseUrl, SmsIntake intake, ILogger log, CancellationToken ct)
    {
        var form = request.HasFormContentType ? Pairs(QueryHelpers.ParseQuery(body)) : [];
        // Twilio signs the URL it was given, i.e. the public address, not the one behind the proxy.
        var url = publicBaseUrl.TrimEnd('/') + request.Path + request.QueryString;
        if (!TwilioSignature.IsValid(authToken, url, form, request.Headers["X-Twilio-Signature"]))
            return TypedResults.Unauthorized();
        var fields = form.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        if (!request.HasFormContentType || Missing(fields, "MessageSid") || Missing(fields, "From"))
            return Malformed(log, "twilio", body);
        var answer = await intake.ReceiveAsync(new SmsMessage(fields["MessageSid"], fields["From"], fields.GetValueOrDefault("Body") ?? "") { Media = TwilioMedia(fields) }, ct);
        log.LogInformation("Twilio SMS {MessageSid}: {Answer}", fields["MessageSid"], answer);
        // Replies leave through the outbox, so Twilio gets an empty TwiML answer.
        return TypedResults.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", "text/xml", Encoding.UTF8);
    }

    private static async Task<IResult> GatewayAsync(HttpRequest request, string body, SmsGatewaySettings gateway, SmsIntake intake, ILogger log, CancellationToken ct)
    {
        var secret = request.Headers[gateway.InboundSecretHeader].ToString();
        if (secret.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(gateway.InboundSecret!)))
            return TypedResults.Unauthorized();
        Dictionary<string, string>? fields = null;
        List<string> media = [];
        if (request.HasJsonContentType())
        {
            fields = JsonFields(body);
            media = JsonStrings(body, gateway.InboundMediaField);
        }
        else if (request.HasFormContentType)
        {
            var pairs = Pairs(QueryHelpers.ParseQuery(body));
            fields = pairs.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            media = [.. pairs.Where(p => p.Key == gateway.InboundMediaField && !string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Value.Trim())];
        }
        if (fields is null || Missing(fields, gateway.InboundIdField) || Missing(fields, gateway.InboundFromField))
            return Malformed(log, "gateway", body);
        var answer = await intake.ReceiveAsync(new SmsMessage(fields[gateway.InboundIdField], fields[gateway.InboundFromField], fields.GetValueOrDefault(gateway.InboundTextField) ?? "")
        {
            Media = [.. media.Select(url => new SmsMedia(url, null))], // the type is read from the bytes
        }, ct);
        return TypedResults.Ok(new { status = answer.ToString().ToLowerInvariant() });
    }

    /// <summary>Twilio's MMS attachments: <c>NumMedia</c>, then <c>MediaUrl{N}</c> and <c>MediaContentType{N}</c> for N from 0.</summary>
    private static List<SmsMedia> TwilioMedia(Dictionary<string, string> fields)
    {
        var count = int.TryParse(fields.GetValueOrDefault("NumMedia"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Min(n, 10) : 0;
        return [.. Enumerable.Range(0, count)
            .Where(i => !Missing(fields, $"MediaUrl{i}"))
            .Select(i => new SmsMedia(fields[$"MediaUrl{i}"], fields.GetValueOrDefault($"MediaContentType{i}")))];
    }

    /// <summary>A top-level field of a JSON object holding one URL or an array of them; empty when absent.</summary>
    private static List<string> JsonStrings(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(name, out var value))
                return [];
            return value.ValueKind switch
            {
                JsonValueKind.String => [value.GetString()!],
                JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
                _ => [],
            };
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The top-level strings and numbers of a JSON object; null when the body is not one.</summary>
    private static Dictionary<string, string>? JsonFields(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
            return fields;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Malformed(ILogger log, string provider, string body)
    {
        log.LogWarning("Malformed SMS webhook from {Provider}; raw body: {Body}", provider, body);
        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed SMS payload");
    }

    private static bool Missing(Dictionary<string, string> fields, string name) =>
        !fields.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value);

    private static List<KeyValuePair<string, string>> Pairs(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form) =>
        [.. form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")))];

    /// <summary>The raw body (kept for the signature and the support log); null when it is too large.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBody)
            return null;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxBody + 1];
        var read = 0;
        int n;
        while (read <= MaxBody && (n = await reader.ReadAsync(buffer.AsMemory(read, MaxBody + 1 - read), ct)) > 0)
            read += n;
        return read > MaxBody ? null : new string(buffer, 0, read);
    }
}
