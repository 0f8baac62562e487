using System.Text;
using System.Text.Json;
using Aduan.Channels;
using Aduan.Messaging;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Web.Api;

/// <summary>
/// Meta's webhook for the city's Facebook Page and Instagram account: <c>GET</c> answers the
/// subscription check, <c>POST</c> takes Page (<c>object: page</c>: Messenger messages, feed
/// comments) and Instagram (<c>object: instagram</c>: Direct messages, comments, mentions)
/// notifications signed with <c>X-Hub-Signature-256</c>. Same rules as WhatsApp's: a bad signature
/// is 401 and nothing is stored; a body that is not Meta's JSON is 400, logged raw.
/// </summary>
public static class SocialWebhook
{
    public const string Path = "/api/channels/meta";

    public static void MapSocialWebhook(this WebApplication app)
    {
        var hook = app.MapGroup(Path).WithTags("Channels").DisableAntiforgery();
        hook.MapGet("", Verify).WithSummary("Meta's subscription check for the Page and Instagram webhooks");
        hook.MapPost("", ReceiveAsync).WithSummary("Facebook Page and Instagram notifications (signed with X-Hub-Signature-256)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static IResult Verify(HttpRequest request, IOptions<MessagingOptions> options, IStringLocalizer<SharedResource> text)
    {
        var token = options.Value.Social.VerifyToken;
        if (string.IsNullOrWhiteSpace(token))
            return Problems.Status(StatusCodes.Status404NotFound, text["Channel_NotConfigured"]);
        return request.Query["hub.mode"] == "subscribe" && request.Query["hub.verify_token"] == token
            ? TypedResults.Text(request.Query["hub.challenge"].ToString())
            : Problems.Status(StatusCodes.Status403Forbidden, text["Channel_BadSignature"]);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, IOptions<MessagingOptions> options, IServiceScopeFactory scopes, IStringLocalizer<SharedResource> text, ILoggerFactory logs, CancellationToken ct)
    {
        var social = options.Value.Social;
        if (string.IsNullOrWhiteSpace(social.AppSecret))
            return Problems.Status(StatusCodes.Status404NotFound, text["Channel_NotConfigured"]);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        if (!WhatsAppWebhook.SignatureMatches(body, request.Headers["X-Hub-Signature-256"].ToString(), social.AppSecret))
            return Problems.Status(StatusCodes.Status401Unauthorized, text["Channel_BadSignature"]);
        List<SocialPost> posts;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var own = doc.RootElement.TryGetProperty("object", out var o) && o.GetString() == "instagram" ? social.InstagramId : social.PageId;
            posts = MetaSocial.Parse(doc.RootElement, own);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            logs.CreateLogger(typeof(SocialWebhook)).LogWarning(ex, "Facebook/Instagram webhook body not understood: {Body}", Encoding.UTF8.GetString(body));
            return Problems.Status(StatusCodes.Status400BadRequest, text["Channel_Malformed"]);
        }
        foreach (var post in posts)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SocialIntake>().HandleAsync(post, ct);
        }
        return TypedResults.Ok();
    }
}
