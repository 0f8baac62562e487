using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aduan.Channels;
using Aduan.Messaging;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Web.Api;

/// <summary>
/// Meta's WhatsApp Cloud API webhook: <c>GET</c> answers the subscription check (hub.mode,
/// hub.verify_token, hub.challenge); <c>POST</c> takes message notifications, each signed with
/// <c>X-Hub-Signature-256</c> (HMAC-SHA256 of the raw body with the app secret). A bad or missing
/// signature gets 401 and nothing is stored; a body that is not Meta's JSON gets 400 and is logged
/// raw for support. Delivery statuses are ignored; each message goes to <see cref="WhatsAppConversation"/>.
/// </summary>
public static class WhatsAppWebhook
{
    public const string Path = "/api/channels/whatsapp";

    public static void MapWhatsAppWebhook(this WebApplication app)
    {
        var hook = app.MapGroup(Path).WithTags("Channels").DisableAntiforgery();
        hook.MapGet("", Verify).WithSummary("Meta's subscription check: echoes hub.challenge when hub.verify_token matches");
        hook.MapPost("", ReceiveAsync).WithSummary("Meta's message notifications (signed with X-Hub-Signature-256)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static IResult Verify(HttpRequest request, IOptions<MessagingOptions> options, IStringLocalizer<SharedResource> text)
    {
        var settings = options.Value.WhatsApp;
        if (string.IsNullOrWhiteSpace(settings.VerifyToken))
            return Problems.Status(StatusCodes.Status404NotFound, text["Channel_NotConfigured"]);
        var query = request.Query;
        return query["hub.mode"] == "subscribe" && FixedTimeEquals(query["hub.verify_token"].ToString(), settings.VerifyToken)
            ? TypedResults.Text(query["hub.challenge"].ToString())
            : Problems.Status(StatusCodes.Status403Forbidden, text["Channel_BadSignature"]);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, IOptions<MessagingOptions> options, IServiceScopeFactory scopes, IStringLocalizer<SharedResource> text, ILoggerFactory logs, CancellationToken ct)
    {
        var settings = options.Value.WhatsApp;
        if (string.IsNullOrWhiteSpace(settings.AppSecret))
            return Problems.Status(StatusCodes.Status404NotFound, text["Channel_NotConfigured"]);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        if (!SignatureMatches(body, request.Headers["X-Hub-Signature-256"].ToString(), settings.AppSecret))
            return Problems.Status(StatusCodes.Status401Unauthorized, text["Channel_BadSignature"]);

        List<WhatsAppIncoming> messages;
        try
        {
            messages = Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            logs.CreateLogger(typeof(WhatsAppWebhook)).LogWarning(ex, "WhatsApp webhook body not understood: {Body}", Encoding.UTF8.GetString(body));
            return Problems.Status(StatusCodes.Status400BadRequest, text["Channel_Malformed"]);
        }
        foreach (var message in messages)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WhatsAppConversation>().HandleAsync(message, ct);
        }
        return TypedResults.Ok();
    }

    /// <summary>entry[].changes[].value.messages[] with the sender's profile name from value.contacts[].</summary>
    internal static List<WhatsAppIncoming> Parse(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.GetProperty("object").GetString() != "whatsapp_business_account")
            throw new FormatException("object is not whatsapp_business_account");
        var found = new List<WhatsAppIncoming>();
        foreach (var entry in root.GetProperty("entry").EnumerateArray())
        {
            foreach (var change in entry.GetProperty("changes").EnumerateArray())
            {
                var value = change.GetProperty("value");
                if (!value.TryGetProperty("messages", out var messages))
                    continue; // delivery statuses and other notifications
                var names = value.TryGetProperty("contacts", out var contacts)
                    ? contacts.EnumerateArray().Where(c => c.TryGetProperty("profile", out _))
                        .ToDictionary(c => c.GetProperty("wa_id").GetString()!, c => c.GetProperty("profile").GetProperty("name").GetString())
                    : [];
                foreach (var m in messages.EnumerateArray())
                {
                    var from = m.GetProperty("from").GetString()!;
                    var type = m.GetProperty("type").GetString()!;
                    var sent = DateTimeOffset.FromUnixTimeSeconds(long.Parse(m.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
                    string? words = null, address = null, media = null;
                    double? latitude = null, longitude = null;
                    switch (type)
                    {
                        case "text":
                            words = m.GetProperty("text").GetProperty("body").GetString();
                            break;
                        case "location":
                            var place = m.GetProperty("location");
                            (latitude, longitude) = (place.GetProperty("latitude").GetDouble(), place.GetProperty("longitude").GetDouble());
                            address = new[] { Optional(place, "name"), Optional(place, "address") }.Where(p => p is not null) is var parts && parts.Any() ? string.Join(", ", parts) : null;
                            break;
                        case "image":
                            var image = m.GetProperty("image");
                            media = image.GetProperty("id").GetString();
                            words = Optional(image, "caption");
                            break;
                    }
                    found.Add(new WhatsAppIncoming(m.GetProperty("id").GetString()!, from, names.GetValueOrDefault(from), type, words, latitude, longitude, address, media, sent));
                }
            }
        }
        return found;
    }

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    internal static bool SignatureMatches(byte[] body, string header, string secret)
    {
        const string Prefix = "sha256=";
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(header[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
