using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Alerts;

/// <summary>
/// Writes alert e-mails into the outbox: Indonesian first, then English, from the pack's templates
/// (<c>peringatan-*</c> in templates.csv), each language with the unsubscribe line. A template the
/// pack lacks in Indonesian means no mail (as for every other pack message).
/// </summary>
public sealed class AlertMail(AduanDbContext db, AreaLocator areas, CategoryDirectory categories, IOptions<AduanOptions> options, TimeProvider clock)
{
    private static readonly string[] Languages = ["id", "en"];
    private readonly Dictionary<(string Key, string Language), string?> _templates = [];

    public string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    public string ConfirmLink(AlertSubscription subscription, string secret) => $"{BaseUrl}/peringatan/konfirmasi/{subscription.Id:N}?t={secret}";

    public string UnsubscribeLink(AlertSubscription subscription) => $"{BaseUrl}/peringatan/berhenti/{subscription.Id:N}?t={subscription.UnsubscribeToken}";

    /// <summary>Queues one mail to the subscriber; <paramref name="fields"/> gives each language's own values. False when the pack has no such template.</summary>
    public async Task<bool> QueueAsync(AlertSubscription subscription, string templateKey, string subject,
        Func<string, IReadOnlyDictionary<string, string>> fields, CancellationToken ct)
    {
        var parts = new List<string>();
        foreach (var language in Languages)
        {
            var text = await TemplateAsync(templateKey, language, ct);
            if (text is null)
            {
                if (language == "id")
                    return false;
                continue;
            }
            var values = new Dictionary<string, string>(fields(language), StringComparer.Ordinal)
            {
                ["topik"] = await TopicAsync(subscription, language, ct),
                ["berhenti"] = UnsubscribeLink(subscription),
            };
            var footer = await TemplateAsync("peringatan-berhenti", language, ct);
            parts.Add(Fill(text, values) + (footer is null ? "" : "\n\n" + Fill(footer, values)));
        }
        db.Outbox.Add(new OutboxMessage
        {
            Channel = MessageChannel.Email,
            Recipient = subscription.Email,
            Subject = subject,
            Body = string.Join("\n\n---\n\n", parts),
            Purpose = templateKey,
            CreatedAt = clock.GetUtcNow(),
        });
        return true;
    }

    /// <summary>What the alert follows, in words: "laporan 7XK2M-ABCDE", "kelurahan Gambir", "kategori Jalan rusak".</summary>
    public async Task<string> TopicAsync(AlertSubscription subscription, string language, CancellationToken ct)
    {
        var english = language == "en";
        switch (subscription.Topic)
        {
            case AlertTopic.Report:
                return (english ? "report " : "laporan ") + TrackingCode.Format(subscription.Target);
            case AlertTopic.Area:
                var lineage = await areas.LineageAsync(subscription.Target, ct);
                var area = lineage.Count > 0 ? lineage[0] : null;
                return area is null ? subscription.Target : english ? $"{area.Name} ({area.Kind})" : $"{area.Kind} {area.Name}";
            default:
                var category = await categories.FindAsync(subscription.Target, ct);
                return english ? $"category {category?.NameEn ?? subscription.Target}" : $"kategori {category?.Name ?? subscription.Target}";
        }
    }

    private async Task<string?> TemplateAsync(string key, string language, CancellationToken ct)
    {
        if (!_templates.TryGetValue((key, language), out var text))
        {
            _templates[(key, language)] = text = await db.MessageTemplates.AsNoTracking()
                .Where(t => t.Key == key && t.Language == language).Select(t => t.Text).SingleOrDefaultAsync(ct);
        }
        return text;
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (key, value) in values)
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        return text;
    }
}
