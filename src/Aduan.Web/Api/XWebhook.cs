using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aduan.Channels;
using Aduan.Messaging;
using Aduan.Reports;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Web.Api;

/// <summary>
/// X's Account Activity API webhook for the city's account: <c>GET</c> answers the challenge-response
/// check (crc_token → response_token, HMAC-SHA256 with the consumer secret, base64); <c>POST</c> takes
/// activity events signed with <c>x-twitter-webhooks-signature</c> (the same HMAC of the raw body).
/// A bad or missing signature gets 401 and nothing is stored; a body that is not X's JSON gets 400 and
/// is logged raw. Each mention (<c>tweet_create_events</c>) and direct message
/// (<c>direct_message_events</c>) not written by the city's own account goes to <see cref="ChannelIntake"/>;
/// other events (likes, follows, typing, read receipts) are ignored. Nothing is answered on X yet.
/// </summary>
public static partial class XWebhook
{
    public const string Path = "/api/channels/x";
    private const string Prefix = "sha256=";

    public static void MapXWebhook(this WebApplication app)
    {
        var hook = app.MapGroup(Path).WithTags("Channels").DisableAntiforgery();
        hook.MapGet("", Crc).WithSummary("X's challenge-response check: response_token for crc_token");
        hook.MapPost("", ReceiveAsync).WithSummary("X's account activity events (signed with x-twitter-webhooks-signature)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static IResult Crc(HttpRequest request, IOptions<MessagingOptions> options, IStringLocalizer<SharedResource> text)
    {
        var secret = options.Value.X.ConsumerSecret;
        if (string.IsNullOrWhiteSpace(secret))
            return Problems.Status(StatusCodes.Status404NotFound, text["Channel_NotConfigured"]);
        var token = request.Query["crc_token"].ToString();
        if (token.Length == 0)
            return Problems.Status(StatusCodes.Status400BadRequest, text["Channel_Malformed"]);
        return TypedResults.Json(new CrcResponse(Sign(Encoding.UTF8.GetBytes(token), secret)));
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, IOptions<MessagingOptions> options, IServiceScopeFactory scopes, IStringLocalizer<SharedResource> text, ILoggerFactory logs, CancellationToken ct)
    {
        var settings = options.Value.X;
        if (string.IsNullOrWhiteSpace(settings.ConsumerSecret))
            return Problems.Status(StatusCodes.Status404NotFound, text["Channel_NotConfigured"]);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        if (!SignatureMatches(body, request.Headers["x-twitter-webhooks-signature"].ToString(), settings.ConsumerSecret))
            return Problems.Status(StatusCodes.Status401Unauthorized, text["Channel_BadSignature"]);

        var log = logs.CreateLogger(typeof(XWebhook));
        List<InboundMessage> messages;
        try
        {
            messages = Parse(body, settings.UserId);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            log.LogWarning(ex, "X webhook body not understood: {Body}", Encoding.UTF8.GetString(body));
            return Problems.Status(StatusCodes.Status400BadRequest, text["Channel_Malformed"]);
        }
        foreach (var message in messages)
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ChannelIntake>().ReceiveAsync(message, ct);
            if (result.Outcome == IntakeOutcome.Refused)
                log.LogInformation("X message {MessageId} not taken: {Errors}", message.MessageId, string.Join(", ", result.Errors.Select(e => e.Code)));
        }
        return TypedResults.Ok();
    }

    /// <summary>
    /// The mentions and direct messages in one delivery, as intake messages. Events written by the
    /// subscribed account itself (<c>for_user_id</c>) or by <paramref name="ownUserId"/> are left out,
    /// as are retweets.
    /// </summary>
    internal static List<InboundMessage> Parse(byte[] body, string? ownUserId)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var forUser = root.GetProperty("for_user_id").GetString() ?? throw new FormatException("for_user_id is not a string");
        bool Own(string? id) => id is null || id == forUser || (!string.IsNullOrWhiteSpace(ownUserId) && id == ownUserId.Trim());

        var found = new List<InboundMessage>();
        if (root.TryGetProperty("tweet_create_events", out var tweets))
        {
            foreach (var tweet in tweets.EnumerateArray())
            {
                var user = tweet.GetProperty("user");
                if (Own(user.GetProperty("id_str").GetString()) || tweet.TryGetProperty("retweeted_status", out _))
                    continue;
                var words = tweet.TryGetProperty("extended_tweet", out var extended) && Optional(extended, "full_text") is { } full
                    ? full
                    : tweet.GetProperty("text").GetString() ?? "";
                double? latitude = null, longitude = null;
                if (tweet.TryGetProperty("coordinates", out var point) && point.ValueKind == JsonValueKind.Object)
                {
                    var pair = point.GetProperty("coordinates"); // GeoJSON: longitude first
                    (longitude, latitude) = (pair[0].GetDouble(), pair[1].GetDouble());
                }
                var place = tweet.TryGetProperty("place", out var p) && p.ValueKind == JsonValueKind.Object ? Optional(p, "full_name") : null;
                found.Add(Message(tweet.GetProperty("id_str").GetString()!, Optional(user, "name") ?? Handle(user), words, latitude, longitude, place));
            }
        }
        if (root.TryGetProperty("direct_message_events", out var directs))
        {
            var users = root.TryGetProperty("users", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
            foreach (var dm in directs.EnumerateArray())
            {
                if (dm.GetProperty("type").GetString() != "message_create")
                    continue;
                var create = dm.GetProperty("message_create");
                var sender = create.GetProperty("sender_id").GetString();
                if (Own(sender))
                    continue;
                string? name = null;
                if (users.ValueKind == JsonValueKind.Object && users.TryGetProperty(sender!, out var who))
                    name = Optional(who, "name") ?? Handle(who);
                found.Add(Message(dm.GetProperty("id").GetString()!, name, create.GetProperty("message_data").GetProperty("text").GetString() ?? "", null, null, null));
            }
        }
        return found;
    }

    private static InboundMessage Message(string id, string? name, string words, double? latitude, double? longitude, string? place)
    {
        var cleaned = LeadingMentions().Replace(words, "").Trim();
        return new InboundMessage
        {
            Channel = Channel.Twitter,
            MessageId = id,
            Name = name,
            Text = cleaned,
            Latitude = latitude,
            Longitude = longitude,
            Address = place,
            ReplyToCode = TrackingCode.Find(cleaned),
        };
    }

    private static string? Handle(JsonElement user) => Optional(user, "screen_name") is { } handle ? "@" + handle : null;

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    /// <summary><c>sha256=</c> and the base64 HMAC-SHA256 of <paramref name="data"/> with the consumer secret, as X computes it.</summary>
    internal static string Sign(byte[] data, string secret) =>
        Prefix + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));

    internal static bool SignatureMatches(byte[] body, string header, string secret)
    {
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        byte[] given;
        try
        {
            given = Convert.FromBase64String(header[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    [GeneratedRegex(@"^(\s*@\w+)+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMentions();

    private sealed record CrcResponse([property: System.Text.Json.Serialization.JsonPropertyName("response_token")] string ResponseToken);
}
