using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aduan.Tests.Infrastructure;
using Aduan.Tests.Messaging;

namespace Aduan.Tests.Channels;

/// <summary>
/// Account Activity API deliveries shaped as in X's docs: <c>tweet_create_events</c> (a mention, with
/// <c>extended_entities.media[]</c> for photos) and <c>direct_message_events</c> (a DM, with
/// <c>message_data.attachment.media</c>), signed as X signs them.
/// </summary>
internal static class XPayloads
{
    public const string Path = "/api/channels/x";

    /// <summary>A new post or user id; it ends in 7, so the fake X API never takes it for one of its error endings.</summary>
    public static string NewId(string ending = "7")
    {
        var id = Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        return id[..^ending.Length] + ending;
    }

    /// <summary>A media entity as X describes one; <paramref name="url"/> is where its bytes are.</summary>
    public static object Media(string url, string type = "photo")
    {
        var id = NewId();
        var link = "https://t.co/" + id[^10..];
        return new
        {
            id = long.Parse(id, CultureInfo.InvariantCulture),
            id_str = id,
            indices = new[] { 60, 83 },
            media_url = url,
            media_url_https = url,
            url = link,
            display_url = "pic.twitter.com/" + id[^10..],
            expanded_url = $"https://twitter.com/budisan/status/{id}/photo/1",
            type,
            sizes = new { large = new { w = 1024, h = 768, resize = "fit" }, thumb = new { w = 150, h = 150, resize = "crop" } },
        };
    }

    /// <summary>The t.co link X appends to the text for a media entity.</summary>
    public static string LinkOf(object media) => (string)media.GetType().GetProperty("url")!.GetValue(media)!;

    public static string Mention(string id, string from, string text, params object[] media) => JsonSerializer.Serialize(new
    {
        for_user_id = DeliverySettings.XUserId,
        user_has_blocked = false,
        tweet_create_events = new[]
        {
            new
            {
                created_at = "Mon Mar 02 03:04:05 +0000 2026",
                id = long.Parse(id, CultureInfo.InvariantCulture),
                id_str = id,
                text = media.Length == 0 ? text : $"{text} {string.Join(" ", media.Select(LinkOf))}",
                user = new { id = long.Parse(from, CultureInfo.InvariantCulture), id_str = from, name = "Budi Santoso", screen_name = "budisan" },
                coordinates = new { type = "Point", coordinates = new[] { Samples.MonasLongitude, Samples.MonasLatitude } },
                place = (object?)null,
                entities = new { hashtags = Array.Empty<object>(), urls = Array.Empty<object>(), user_mentions = Array.Empty<object>(), media },
                extended_entities = media.Length == 0 ? null : new { media },
            },
        },
    });

    public static string Direct(string id, string from, string text, object? media = null) => JsonSerializer.Serialize(new
    {
        for_user_id = DeliverySettings.XUserId,
        direct_message_events = new[]
        {
            new
            {
                type = "message_create",
                id,
                created_timestamp = "1772420645000",
                message_create = new
                {
                    target = new { recipient_id = from == DeliverySettings.XUserId ? "2244994945" : DeliverySettings.XUserId },
                    sender_id = from,
                    message_data = new
                    {
                        text = media is null ? text : $"{text} {LinkOf(media)}",
                        entities = new { hashtags = Array.Empty<object>(), symbols = Array.Empty<object>(), urls = Array.Empty<object>(), user_mentions = Array.Empty<object>() },
                        attachment = media is null ? null : new { type = "media", media },
                    },
                },
            },
        },
        users = new Dictionary<string, object>
        {
            [from] = new { id = from, created_timestamp = "1422556069340", name = "Budi Santoso", screen_name = "budisan", @protected = false },
        },
    });

    public static string Sign(string data, string secret) =>
        "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data)));

    public static async Task<HttpResponseMessage> PostAsync(AduanApp app, string body)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-twitter-webhooks-signature", Sign(body, DeliverySettings.XConsumerSecret));
        return await client.SendAsync(request);
    }
}
