using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Messaging;
using Microsoft.Extensions.Options;

namespace Aduan.Channels;

/// <summary>
/// The answers on X (the outbox's <see cref="MessageChannel.X"/> messages) through the X API v2,
/// signed with OAuth 1.0a in the city account's name: a public reply under the citizen's post
/// (<c>POST /2/tweets</c> with <c>reply.in_reply_to_tweet_id</c>, recipient <c>x:reply:{post id}</c>)
/// or a direct message (<c>POST /2/dm_conversations/with/{user id}/messages</c>, recipient
/// <c>x:dm:{user id}</c>). Also fetches the photos citizens attach: a post's from X's public media
/// host, a direct message's with a signed GET (X serves DM media only so).
/// </summary>
public sealed class XApi(IOptions<MessagingOptions> options, TimeProvider clock) : HttpMessageSender(options.Value.TimeoutSeconds)
{
    private const string Prefix = "x:";
    private readonly XSettings _x = options.Value.X;

    public override MessageChannel Channel => MessageChannel.X;

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(_x.ConsumerKey) && !string.IsNullOrWhiteSpace(_x.ConsumerSecret)
        && !string.IsNullOrWhiteSpace(_x.AccessToken) && !string.IsNullOrWhiteSpace(_x.AccessTokenSecret);

    /// <summary>A public reply under this post: only ever the tracking code and the public link (see <see cref="XIntake"/>).</summary>
    public static string ReplyTo(string postId) => $"{Prefix}reply:{postId}";

    /// <summary>A direct message to this user: the citizen's private address for later answers.</summary>
    public static string DirectTo(string userId) => $"{Prefix}dm:{userId}";

    /// <summary>Who the sender is on X (<see cref="People.Citizen.ChannelUser"/>): recognises their follow-ups; not an address.</summary>
    public static string UserOf(string userId) => Prefix + userId;

    /// <summary>Whether a citizen's channel address is an X direct-message one.</summary>
    public static bool IsAddress(string? address) => address?.StartsWith(Prefix + "dm:", StringComparison.Ordinal) == true;

    public override Task<SendResult> SendAsync(OutboxMessage message, string idempotencyKey, CancellationToken ct)
    {
        var parts = message.Recipient.Split(':');
        if (parts.Length != 3 || parts[0] != "x" || parts[1] is not ("reply" or "dm") || parts[2].Length == 0 || !parts[2].All(char.IsAsciiDigit))
            return Task.FromResult(SendResult.Rejected($"not an X recipient: {message.Recipient}"));
        var (kind, id) = (parts[1], parts[2]);
        var root = _x.BaseUrl.TrimEnd('/');
        var request = kind == "reply"
            ? new HttpRequestMessage(HttpMethod.Post, $"{root}/2/tweets") { Content = JsonContent.Create(new { text = message.Body, reply = new { in_reply_to_tweet_id = id } }) }
            : new HttpRequestMessage(HttpMethod.Post, $"{root}/2/dm_conversations/with/{id}/messages") { Content = JsonContent.Create(new { text = message.Body }) };
        request.Headers.TryAddWithoutValidation("Authorization", OAuth1.Authorize(request.Method, request.RequestUri!, Keys(), clock.GetUtcNow()));
        return PostAsync(request,
            ok => ok.TryGetProperty("data", out var data) ? Field(data, "id") ?? Field(data, "dm_event_id") : null,
            Reason,
            ct);
    }

    /// <summary>
    /// X's own readings: 429 waits for <c>x-rate-limit-reset</c>; 403 for duplicate content is final
    /// (X refuses the same text twice, so retrying cannot help); 401 says which settings to check.
    /// </summary>
    protected override SendResult? Classify(HttpResponseMessage response, string described)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.TooManyRequests:
                var reset = response.Headers.TryGetValues("x-rate-limit-reset", out var values) && long.TryParse(values.FirstOrDefault(), out var seconds)
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
                return reset is { } at
                    ? SendResult.Retry($"{described} (X's rate limit; it resets at {at:yyyy-MM-dd HH:mm:ss} UTC, the next attempt waits for it)") with { NotBefore = at }
                    : SendResult.Retry($"{described} (X's rate limit)");
            case HttpStatusCode.Forbidden when described.Contains("duplicate", StringComparison.OrdinalIgnoreCase):
                return SendResult.Rejected($"{described} (X refuses the same text twice; an earlier attempt of this message has probably gone out)");
            case HttpStatusCode.Unauthorized:
                return SendResult.Retry($"{described} (check Aduan:Messaging:X:ConsumerKey, ConsumerSecret, AccessToken and AccessTokenSecret, and that the app may write and send direct messages)");
            default:
                return null;
        }
    }

    /// <summary>
    /// A photo a citizen attached, at most <paramref name="maxBytes"/>. Only X's media hosts are
    /// fetched; <paramref name="direct"/> (a direct message's media) signs the GET with the account's keys.
    /// Null bytes and the reason when it fails.
    /// </summary>
    public async Task<(byte[]? Bytes, string? Error)> FetchPhotoAsync(string url, bool direct, long maxBytes, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return (null, "not an http(s) address");
        var hosts = _x.MediaHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!hosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            return (null, $"{uri.Host} is not one of X's media hosts (Aduan:Messaging:X:MediaHosts)");
        if (direct && !IsConfigured)
            return (null, "direct-message photos need the X keys (Aduan:Messaging:X:ConsumerKey, AccessToken, AccessTokenSecret)");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (direct)
                request.Headers.TryAddWithoutValidation("Authorization", OAuth1.Authorize(HttpMethod.Get, uri, Keys(), clock.GetUtcNow()));
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                return (null, $"HTTP {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > maxBytes)
                return (null, $"larger than {maxBytes} bytes");
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                    return (null, $"larger than {maxBytes} bytes");
            }
            return (buffer.ToArray(), null);
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !ct.IsCancellationRequested)
        {
            return (null, ex.Message);
        }
    }

    private OAuth1Credentials Keys() => new(_x.ConsumerKey!, _x.ConsumerSecret!, _x.AccessToken!, _x.AccessTokenSecret!);

    /// <summary>X v2's problem answers (<c>title</c>, <c>detail</c>), or v1.1's <c>errors[0]</c> (<c>code</c>, <c>message</c>).</summary>
    private static string? Reason(JsonElement error)
    {
        if (Field(error, "title") is { } title)
            return $"X {title}: {Field(error, "detail") ?? Field(error, "type")}";
        if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            return $"X {Field(errors[0], "code")}: {Field(errors[0], "message")}";
        return null;
    }
}
