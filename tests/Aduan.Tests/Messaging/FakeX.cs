using System.Text.Json;
using Aduan.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aduan.Tests.Messaging;

/// <summary>
/// X's API as its docs describe it: <c>POST /2/tweets</c> (a reply under a post) and
/// <c>POST /2/dm_conversations/with/{participant_id}/messages</c> answer 201 with <c>data</c>; every
/// request must carry a valid OAuth 1.0a signature with the test keys, else 401 as X answers it. The
/// post or user id's last digits choose an error: …403 duplicate content, …429 the rate limit (with
/// x-rate-limit-reset), …401 unauthorized, …500 a 503. Media: <c>/x-media/pbs/…</c> serves post photos
/// without signature (…/hilang.jpg is missing, …/besar.png too large, …/halaman.jpg not an image);
/// <c>/x-media/ton/…</c> serves direct-message media only to a signed GET.
/// </summary>
public sealed partial class FakeProviders
{
    /// <summary>The reset time the fake gave with its last 429.</summary>
    public DateTimeOffset XRateLimitReset { get; private set; }

    private void MapX(WebApplication http)
    {
        http.MapPost("/2/tweets", async (HttpRequest request) =>
        {
            var raw = await ReadAsync(request);
            using var json = JsonDocument.Parse(raw);
            var replyTo = json.RootElement.GetProperty("reply").GetProperty("in_reply_to_tweet_id").GetString()!;
            return XAnswer(request, raw, replyTo, json.RootElement.GetProperty("text").GetString()!,
                () => Results.Json(new { data = new { id = NewXId(), text = json.RootElement.GetProperty("text").GetString() } }, statusCode: 201));
        });
        http.MapPost("/2/dm_conversations/with/{participantId}/messages", async (string participantId, HttpRequest request) =>
        {
            var raw = await ReadAsync(request);
            using var json = JsonDocument.Parse(raw);
            return XAnswer(request, raw, participantId, json.RootElement.GetProperty("text").GetString()!,
                () => Results.Json(new { data = new { dm_conversation_id = $"{DeliverySettings.XUserId}-{participantId}", dm_event_id = NewXId() } }, statusCode: 201));
        });
        http.MapGet("/x-media/pbs/media/{name}", (string name, HttpRequest request) =>
        {
            Requests.Enqueue(new ProviderRequest("x-media", request.Path, request.Headers.Authorization.ToString(), null, "", "", name, ""));
            return name switch
            {
                "hilang.jpg" => Results.NotFound(),
                "besar.png" => Results.Bytes(Infrastructure.Samples.UniquePng((int)Infrastructure.AduanApp.MaxPhotoBytes + 1024), "image/png"),
                "halaman.jpg" => Results.Text("<html><body>bukan foto</body></html>", "text/html"),
                _ => Results.Bytes(Infrastructure.Samples.UniquePng(), "image/png"),
            };
        });
        http.MapGet("/x-media/ton/1.1/ton/data/dm/{eventId}/{mediaId}/{name}", (string name, HttpRequest request) =>
        {
            Requests.Enqueue(new ProviderRequest("x-media", request.Path, request.Headers.Authorization.ToString(), null, "", "", name, ""));
            return XSigned(request) ? Results.Bytes(Infrastructure.Samples.UniquePng(), "image/png") : XUnauthorized();
        });
    }

    private IResult XAnswer(HttpRequest request, string raw, string recipient, string text, Func<IResult> created)
    {
        Requests.Enqueue(new ProviderRequest("x", request.Path, request.Headers.Authorization.ToString(), null, request.ContentType ?? "", raw, recipient, text));
        if (!XSigned(request))
            return XUnauthorized();
        if (recipient.EndsWith("403", StringComparison.Ordinal))
            return Results.Json(new { detail = "You are not allowed to create a Tweet with duplicate content.", type = "about:blank", title = "Forbidden", status = 403 }, statusCode: 403);
        if (recipient.EndsWith("429", StringComparison.Ordinal))
        {
            XRateLimitReset = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(3).ToUnixTimeSeconds());
            request.HttpContext.Response.Headers["x-rate-limit-limit"] = "100";
            request.HttpContext.Response.Headers["x-rate-limit-remaining"] = "0";
            request.HttpContext.Response.Headers["x-rate-limit-reset"] = XRateLimitReset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new { title = "Too Many Requests", detail = "Too Many Requests", type = "about:blank", status = 429 }, statusCode: 429);
        }
        if (recipient.EndsWith("401", StringComparison.Ordinal))
            return XUnauthorized();
        if (recipient.EndsWith("500", StringComparison.Ordinal))
            return Results.Json(new { title = "Service Unavailable", detail = "Service Unavailable", type = "about:blank", status = 503 }, statusCode: 503);
        return created();
    }

    private static IResult XUnauthorized() => Results.Json(new { title = "Unauthorized", type = "about:blank", status = 401, detail = "Unauthorized" }, statusCode: 401);

    /// <summary>Whether the request's OAuth 1.0a header is signed with the test keys for exactly this method and URL.</summary>
    private bool XSigned(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("OAuth ", StringComparison.Ordinal))
            return false;
        var fields = header["OAuth ".Length..].Split(", ").Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Trim('"')), StringComparer.Ordinal);
        if (!fields.TryGetValue("oauth_signature", out var signature) || fields.GetValueOrDefault("oauth_consumer_key") != DeliverySettings.XConsumerKey
            || fields.GetValueOrDefault("oauth_token") != DeliverySettings.XAccessToken)
            return false;
        var url = new Uri(HttpBase + request.Path + request.QueryString);
        var expected = OAuth1.Authorize(new HttpMethod(request.Method), url, [], XKeys, fields["oauth_nonce"], fields["oauth_timestamp"]);
        return expected.Contains($"oauth_signature=\"{OAuth1.Encode(signature)}\"", StringComparison.Ordinal);
    }

    private static OAuth1Credentials XKeys => new(DeliverySettings.XConsumerKey, DeliverySettings.XConsumerSecret, DeliverySettings.XAccessToken, DeliverySettings.XAccessTokenSecret);

    private static string NewXId() => Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync();
    }
}
