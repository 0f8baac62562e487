using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Messaging;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Channels;

/// <summary>
/// One thing a citizen wrote to the city's Facebook Page or Instagram account, as Meta's webhooks
/// describe it: a private message (Messenger / Instagram Direct) or a public comment or mention.
/// </summary>
public sealed record SocialPost(Channel Channel, string Id, string FromId, string? FromName, string Text, bool IsPublic, string? ImageUrl);

/// <summary>
/// Facebook Page and Instagram through Meta's Graph API. Inbound: the webhook (same signature as
/// WhatsApp's, <c>X-Hub-Signature-256</c> with the app secret). Outbound (the outbox's
/// <see cref="MessageChannel.Social"/> messages): a private reply through the Send API
/// (<c>POST /{version}/{page-id}/messages</c>, recipient = the sender's page-scoped id) or a public
/// reply under the comment (<c>POST /{version}/{comment-id}/comments</c> on Facebook,
/// <c>/{comment-id}/replies</c> on Instagram). The recipient is written <c>fb:dm:{id}</c>,
/// <c>fb:comment:{id}</c>, <c>ig:dm:{id}</c> or <c>ig:comment:{id}</c>.
/// </summary>
public sealed class MetaSocial(IOptions<MessagingOptions> options, ReplyFallback windows) : HttpMessageSender(options.Value.TimeoutSeconds)
{
    private readonly SocialSettings _social = options.Value.Social;

    public override MessageChannel Channel => MessageChannel.Social;

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(_social.PageAccessToken) && !string.IsNullOrWhiteSpace(_social.PageId);

    /// <summary>Where a reply to this post goes: privately for a message, publicly under a comment (a public reply carries only the code and the link).</summary>
    public static string RecipientFor(SocialPost post) =>
        $"{(post.Channel == Reports.Channel.Instagram ? "ig" : "fb")}:{(post.IsPublic ? "comment" : "dm")}:{post.Id}{(post.IsPublic ? "" : ":" + post.FromId)}";

    public override async Task<SendResult> SendAsync(OutboxMessage message, string idempotencyKey, CancellationToken ct)
    {
        var parts = message.Recipient.Split(':');
        if (parts.Length < 3 || parts[0] is not ("fb" or "ig") || parts[1] is not ("dm" or "comment"))
            return SendResult.Rejected($"not a Facebook/Instagram recipient: {message.Recipient}");
        // Meta's windows (24 hours, or 7 days with the human-agent tag), decided where every channel's are.
        var (tag, refusal) = await windows.OwnChannelAsync(message, ct);
        if (refusal is not null)
            return SendResult.Rejected(refusal);
        var (network, kind, id) = (parts[0], parts[1], parts[2]);
        var root = $"{_social.BaseUrl.TrimEnd('/')}/{_social.Version}";
        HttpRequestMessage request;
        if (kind == "dm")
        {
            var user = parts.Length > 3 ? parts[3] : id;
            var account = network == "ig" && !string.IsNullOrWhiteSpace(_social.InstagramId) ? _social.InstagramId : _social.PageId;
            request = new HttpRequestMessage(HttpMethod.Post, $"{root}/{Uri.EscapeDataString(account!)}/messages")
            {
                Content = tag is null
                    ? JsonContent.Create(new { recipient = new { id = user }, messaging_type = "RESPONSE", message = new { text = message.Body } })
                    : JsonContent.Create(new { recipient = new { id = user }, messaging_type = "MESSAGE_TAG", tag, message = new { text = message.Body } }),
            };
        }
        else
        {
            request = new HttpRequestMessage(HttpMethod.Post, $"{root}/{Uri.EscapeDataString(id)}/{(network == "ig" ? "replies" : "comments")}")
            {
                Content = JsonContent.Create(new { message = message.Body }),
            };
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _social.PageAccessToken);
        return await PostAsync(request,
            ok => ok.TryGetProperty("message_id", out var mid) ? mid.GetString() : ok.TryGetProperty("id", out var cid) ? cid.GetString() : null,
            error => error.TryGetProperty("error", out var e) ? $"Meta {Field(e, "code")}: {Field(e, "message")}" : null,
            ct);
    }

    /// <summary>Messages and comments from a Page or Instagram webhook body; other notifications are skipped.</summary>
    public static List<SocialPost> Parse(JsonElement root, string? ownId)
    {
        var kind = root.GetProperty("object").GetString();
        var channel = kind switch
        {
            "page" => Reports.Channel.Facebook,
            "instagram" => Reports.Channel.Instagram,
            _ => throw new FormatException($"object '{kind}' is not page or instagram"),
        };
        var posts = new List<SocialPost>();
        foreach (var entry in root.GetProperty("entry").EnumerateArray())
        {
            if (entry.TryGetProperty("messaging", out var messaging))
            {
                foreach (var m in messaging.EnumerateArray())
                {
                    if (!m.TryGetProperty("message", out var message) || message.TryGetProperty("is_echo", out _))
                        continue; // read receipts, our own echoes
                    var from = m.GetProperty("sender").GetProperty("id").GetString()!;
                    var image = message.TryGetProperty("attachments", out var attachments)
                        ? attachments.EnumerateArray().Where(a => a.GetProperty("type").GetString() == "image")
                            .Select(a => a.GetProperty("payload").GetProperty("url").GetString()).FirstOrDefault()
                        : null;
                    posts.Add(new SocialPost(channel, message.GetProperty("mid").GetString()!, from, null, Text(message, "text"), false, image));
                }
            }
            if (entry.TryGetProperty("changes", out var changes))
            {
                foreach (var change in changes.EnumerateArray())
                {
                    var field = change.GetProperty("field").GetString();
                    var value = change.GetProperty("value");
                    if (channel == Reports.Channel.Facebook && field == "feed" && Text(value, "item") is "comment" or "post" && Text(value, "verb") == "add")
                    {
                        var from = value.GetProperty("from");
                        var id = Text(value, "comment_id") is { Length: > 0 } comment ? comment : Text(value, "post_id");
                        posts.Add(new SocialPost(channel, id, from.GetProperty("id").GetString()!, Text(from, "name"), Text(value, "message"), true, null));
                    }
                    else if (channel == Reports.Channel.Instagram && field is "comments" or "mentions")
                    {
                        var from = value.TryGetProperty("from", out var f) ? f : default;
                        posts.Add(new SocialPost(channel, Text(value, "id"), from.ValueKind == JsonValueKind.Object ? Text(from, "id") : "",
                            from.ValueKind == JsonValueKind.Object ? Text(from, "username") : null, Text(value, "text"), true, null));
                    }
                }
            }
        }
        // Our own page's comments (our replies) are not reports.
        return [.. posts.Where(p => p.Id.Length > 0 && (ownId is null || p.FromId != ownId))];
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}

/// <summary>
/// A Facebook or Instagram post becomes a report through <see cref="ChannelIntake"/>, and the
/// citizen is answered where they wrote: privately for a message, publicly under a comment (only
/// the tracking code and the link, never anything about the reporter). A post with nothing usable
/// gets a polite request for details, once.
/// </summary>
public sealed class SocialIntake(Data.AduanDbContext db, ChannelIntake intake, Notifications notifications, TimeProvider clock)
{
    public async Task<IntakeOutcome> HandleAsync(SocialPost post, CancellationToken ct)
    {
        if (!post.IsPublic && ReplyFallback.ContactOf(MetaSocial.RecipientFor(post)) is { } contact)
            await ReplyFallback.RecordInboundAsync(db, contact, clock.GetUtcNow(), ct); // Meta's reply windows run from here
        var key = ChannelMessage.KeyOf(post.Channel, "refused-" + post.Id);
        if (await db.ChannelMessages.AnyAsync(m => m.Key == key, ct))
            return IntakeOutcome.Repeated;
        var text = System.Text.RegularExpressions.Regex.Replace(post.Text, @"^(\s*@\w[\w.]*)+\s*", "").Trim();
        var result = await intake.ReceiveAsync(new InboundMessage
        {
            Channel = post.Channel,
            MessageId = post.Id,
            Name = post.FromName,
            Text = text,
            // Later answers (dispatched, resolved with its secret confirmation link) go privately, never under a public comment.
            ChannelAddress = post.IsPublic ? null : MetaSocial.RecipientFor(post),
        }, ct);
        var recipient = MetaSocial.RecipientFor(post);
        switch (result.Outcome)
        {
            case IntakeOutcome.Filed:
                await notifications.TellSenderAsync(MessageChannel.Social, recipient, "sosial-diterima", notifications.ReportFields(result.Report!, null), ct);
                break;
            case IntakeOutcome.Refused:
                db.ChannelMessages.Add(new ChannelMessage { Key = key, ReceivedAt = clock.GetUtcNow() });
                await notifications.TellSenderAsync(MessageChannel.Social, recipient, "sosial-kurang-lengkap", new Dictionary<string, string>(), ct);
                break;
            default:
                return result.Outcome;
        }
        await db.SaveChangesAsync(ct);
        return result.Outcome;
    }
}
