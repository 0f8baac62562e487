using System.Text.Json;
using System.Text.RegularExpressions;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aduan.Messaging;

/// <summary>When a person last wrote to the city's WhatsApp number: it opens WhatsApp's 24-hour window.</summary>
public sealed class WhatsAppContact
{
    /// <summary>The number in international digits (628…), as WhatsApp names it.</summary>
    public required string Phone { get; init; }
    public DateTimeOffset LastInboundAt { get; set; }
}

/// <summary>
/// One row of the pack's <c>whatsapp.csv</c>: the template Meta approved for one of the pack's
/// messages, and which of the message's fields fill its <c>{{1}}</c>, <c>{{2}}</c>, … in order.
/// </summary>
public sealed class WhatsAppTemplate
{
    /// <summary>The key of the message in <c>templates.csv</c> (the outbox message's purpose).</summary>
    public required string Key { get; init; }

    /// <summary>The template's name at Meta, e.g. <c>aduan_laporan_selesai</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The template's language code at Meta, e.g. <c>id</c> or <c>en_US</c>.</summary>
    public required string Language { get; init; }

    /// <summary>The fields filling the body's parameters, separated by <c>;</c> (e.g. <c>kode;tautan</c>).</summary>
    public required string Parameters { get; init; }

    public IReadOnlyList<string> ParameterFields => Parameters.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>How one WhatsApp message must go out.</summary>
public abstract record WhatsAppRoute
{
    /// <summary>Inside the window: the message's own text.</summary>
    public sealed record FreeText : WhatsAppRoute;

    /// <summary>Outside the window: an approved template with its body parameters.</summary>
    public sealed record Template(string Name, string Language, IReadOnlyList<string> Values) : WhatsAppRoute;

    /// <summary>Outside the window with no approved template: it cannot be sent on WhatsApp.</summary>
    public sealed record Refused(string Reason) : WhatsAppRoute;
}

/// <summary>
/// WhatsApp lets a business write freely only within 24 hours of the person's last message to it
/// (the customer service window); outside it, only templates Meta approved may be sent, and the
/// Cloud API accepts a free-form message there but fails it later, out of sight. So each message
/// is routed at send time (the window may close while a message waits for a retry): free text in
/// the window; otherwise the pack's template for that message (<c>whatsapp.csv</c>), else the
/// configured catch-all template with the whole text as its one parameter, else refused with the
/// reason for the admins.
/// </summary>
public sealed partial class WhatsAppConversations(IServiceScopeFactory scopes, IOptions<MessagingOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public async Task<WhatsAppRoute> RouteAsync(OutboxMessage message, CancellationToken ct)
    {
        var phone = PhoneNumbers.Format(message.Recipient, PhoneFormat.Digits);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var contact = await db.WhatsAppContacts.AsNoTracking().SingleOrDefaultAsync(c => c.Phone == phone, ct);
        if (contact is not null && clock.GetUtcNow() - contact.LastInboundAt < Window)
            return new WhatsAppRoute.FreeText();
        if (await db.WhatsAppTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == message.Purpose, ct) is { } template)
        {
            var fields = ReadFields(message.Fields);
            return new WhatsAppRoute.Template(template.Name, template.Language,
                [.. template.ParameterFields.Select(f => Parameter(fields.GetValueOrDefault(f) ?? "-"))]);
        }
        var settings = options.Value.WhatsApp;
        if (!string.IsNullOrWhiteSpace(settings.FallbackTemplate))
            return new WhatsAppRoute.Template(settings.FallbackTemplate, settings.FallbackLanguage, [Parameter(message.Body)]);
        return new WhatsAppRoute.Refused(
            $"outside WhatsApp's 24-hour window (the person has not written to us since {(contact is null ? "ever" : contact.LastInboundAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture))}) " +
            $"and there is no approved template for '{message.Purpose}' in the pack's whatsapp.csv nor Aduan:Messaging:WhatsApp:FallbackTemplate");
    }

    /// <summary>A message from this number arrived (the WhatsApp intake calls this): the window opens for 24 hours.</summary>
    public static async Task RecordInboundAsync(AduanDbContext db, string phone, DateTimeOffset at, CancellationToken ct)
    {
        var digits = PhoneNumbers.Format(phone, PhoneFormat.Digits);
        var contact = await db.WhatsAppContacts.SingleOrDefaultAsync(c => c.Phone == digits, ct);
        if (contact is null)
            db.WhatsAppContacts.Add(new WhatsAppContact { Phone = digits, LastInboundAt = at });
        else if (at > contact.LastInboundAt)
            contact.LastInboundAt = at;
    }

    /// <summary>The fields a message was rendered from, as <see cref="Notifications"/> keeps them for WhatsApp.</summary>
    public static string WriteFields(IReadOnlyDictionary<string, string> fields) => JsonSerializer.Serialize(fields);

    private static Dictionary<string, string> ReadFields(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Meta refuses parameters with new lines, tabs or more than four spaces in a row.</summary>
    public static string Parameter(string value) => Spaces().Replace(value.Replace('\t', ' ').Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' '), "    ").Trim();

    [GeneratedRegex(" {5,}")]
    private static partial Regex Spaces();
}
