using System.Text.Json;
using System.Text.RegularExpressions;

namespace Aduan.Channels;

/// <summary>
/// One mention (<see cref="IsPublic"/>) or direct message to the city's X account, as the Account
/// Activity API delivers it: the post's or message's id, the sender's user id and name, the words
/// (leading @mentions and the links X adds for attached media cut), the photos' URLs, and for a
/// post the place when X gives one.
/// </summary>
public sealed partial record XPost(string Id, string FromId, string? FromName, string Text, bool IsPublic, IReadOnlyList<string> PhotoUrls)
{
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Place { get; init; }

    /// <summary>
    /// The mentions (<c>tweet_create_events</c>) and direct messages (<c>direct_message_events</c> of
    /// type <c>message_create</c>) in one delivery. Events written by the subscribed account itself
    /// (<c>for_user_id</c>) or by <paramref name="ownUserId"/> are left out, as are retweets; other
    /// events (likes, follows, typing, read receipts) are not posts. Throws on a body of another shape.
    /// </summary>
    public static List<XPost> Parse(byte[] body, string? ownUserId)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var forUser = root.GetProperty("for_user_id").GetString() ?? throw new FormatException("for_user_id is not a string");
        bool Own(string? id) => id is null || id == forUser || (!string.IsNullOrWhiteSpace(ownUserId) && id == ownUserId.Trim());

        var found = new List<XPost>();
        if (root.TryGetProperty("tweet_create_events", out var tweets))
        {
            foreach (var tweet in tweets.EnumerateArray())
            {
                var user = tweet.GetProperty("user");
                var from = user.GetProperty("id_str").GetString();
                if (Own(from) || tweet.TryGetProperty("retweeted_status", out _))
                    continue;
                found.Add(FromTweet(tweet, from!, Optional(user, "name") ?? Handle(user)));
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
                var data = create.GetProperty("message_data");
                // A DM carries at most one attachment: message_data.attachment.media (a media entity).
                var media = data.TryGetProperty("attachment", out var attachment) && attachment.ValueKind == JsonValueKind.Object
                    && attachment.TryGetProperty("media", out var m) && m.ValueKind == JsonValueKind.Object ? new[] { m } : [];
                var (text, photos) = Clean(data.GetProperty("text").GetString() ?? "", media);
                found.Add(new XPost(dm.GetProperty("id").GetString()!, sender!, name, text, IsPublic: false, photos));
            }
        }
        return found;
    }

    private static XPost FromTweet(JsonElement tweet, string from, string? name)
    {
        // A post over 140 characters comes truncated, its whole text and media under extended_tweet.
        var extended = tweet.TryGetProperty("extended_tweet", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        var words = extended.ValueKind == JsonValueKind.Object && Optional(extended, "full_text") is { } full ? full : tweet.GetProperty("text").GetString() ?? "";
        var entities = extended.ValueKind == JsonValueKind.Object && extended.TryGetProperty("extended_entities", out var ee) ? ee
            : tweet.TryGetProperty("extended_entities", out var te) ? te : default;
        var media = entities.ValueKind == JsonValueKind.Object && entities.TryGetProperty("media", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToArray() : [];
        var (text, photos) = Clean(words, media);
        double? latitude = null, longitude = null;
        if (tweet.TryGetProperty("coordinates", out var point) && point.ValueKind == JsonValueKind.Object)
        {
            var pair = point.GetProperty("coordinates"); // GeoJSON: longitude first
            (longitude, latitude) = (pair[0].GetDouble(), pair[1].GetDouble());
        }
        var place = tweet.TryGetProperty("place", out var p) && p.ValueKind == JsonValueKind.Object ? Optional(p, "full_name") : null;
        return new XPost(tweet.GetProperty("id_str").GetString()!, from, name, text, IsPublic: true, photos)
        {
            Latitude = latitude,
            Longitude = longitude,
            Place = place,
        };
    }

    /// <summary>The words without leading @mentions and media links, and the photos' URLs (videos and GIFs are not photos).</summary>
    private static (string Text, List<string> Photos) Clean(string words, IEnumerable<JsonElement> media)
    {
        var photos = new List<string>();
        foreach (var item in media)
        {
            if (Optional(item, "url") is { } link)
                words = words.Replace(link, "", StringComparison.Ordinal); // X appends a t.co link to the media
            if (Optional(item, "type") == "photo" && (Optional(item, "media_url_https") ?? Optional(item, "media_url")) is { } url && !photos.Contains(url))
                photos.Add(url);
        }
        return (LeadingMentions().Replace(words, "").Trim(), photos);
    }

    private static string? Handle(JsonElement user) => Optional(user, "screen_name") is { } handle ? "@" + handle : null;

    private static string? Optional(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    [GeneratedRegex(@"^(\s*@\w+)+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMentions();
}
