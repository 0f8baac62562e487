using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aduan.Channels;
using Aduan.Messaging;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Web.Api;

/// <summary>
/// X's Account Activity API webhook for the city's account: <c>GET</c> answers the challenge-response
/// check (crc_token → response_token, HMAC-SHA256 with the consumer secret, base64); <c>POST</c> takes
/// activity events signed with <c>x-twitter-webhooks-signature</c> (the same HMAC of the raw body).
/// A bad or missing signature gets 401 and nothing is stored; a body that is not X's JSON gets 400 and
/// is logged raw. Each mention (<c>tweet_create_events</c>) and direct message
/// (<c>direct_message_events</c>) not written by the city's own account goes to <see cref="XIntake"/>
/// (<see cref="XPost.Parse"/> reads them), which files it and queues the answer on X; other events
/// (likes, follows, typing, read receipts) are ignored.
/// </summary>
public static class XWebhook
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
        List<XPost> posts;
        try
        {
            posts = XPost.Parse(body, settings.UserId);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            log.LogWarning(ex, "X webhook body not understood: {Body}", Encoding.UTF8.GetString(body));
            return Problems.Status(StatusCodes.Status400BadRequest, text["Channel_Malformed"]);
        }
        foreach (var post in posts)
        {
            await using var scope = scopes.CreateAsyncScope();
            var answer = await scope.ServiceProvider.GetRequiredService<XIntake>().HandleAsync(post, ct);
            if (answer == XAnswer.AskedForDetails)
                log.LogInformation("X post {PostId} had nothing usable: asked for details", post.Id);
        }
        return TypedResults.Ok();
    }

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

    private sealed record CrcResponse([property: System.Text.Json.Serialization.JsonPropertyName("response_token")] string ResponseToken);
}
