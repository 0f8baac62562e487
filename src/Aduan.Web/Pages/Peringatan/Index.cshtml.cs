using Aduan.Alerts;
using Aduan.Reports;
using Aduan.Web.Api;
using Aduan.Web.Pages.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Peringatan;

/// <summary>Subscribe to e-mail alerts about a report, an area or a category: no account, a confirmation mail first.</summary>
public sealed class IndexModel(AlertSubscriptions alerts, AlertMail mail, PortalView portal, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Laporan { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Wilayah { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kategori { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public Dictionary<string, string> Errors { get; } = [];
    public bool Sent { get; private set; }

    /// <summary>What the alert will follow, in words, when the link named it.</summary>
    public string? Topic { get; private set; }
    public IReadOnlyList<Choice> Areas { get; private set; } = [];
    public IReadOnlyList<Choice> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await FillAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (topic, target) = Chosen();
        if (target is null)
        {
            Errors["target"] = text["Alerts_ChooseTarget"];
        }
        else
        {
            var result = await alerts.SubscribeAsync(Email, topic, target, ct);
            foreach (var error in result.Errors)
                Errors[error.Field] = Problems.Message(error, text);
            Sent = result.Succeeded;
        }
        if (!Sent)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        await FillAsync(ct);
        return Page();
    }

    private (AlertTopic Topic, string? Target) Chosen() =>
        !string.IsNullOrWhiteSpace(Laporan) ? (AlertTopic.Report, Laporan)
        : !string.IsNullOrWhiteSpace(Wilayah) ? (AlertTopic.Area, Wilayah)
        : !string.IsNullOrWhiteSpace(Kategori) ? (AlertTopic.Category, Kategori)
        : (AlertTopic.Report, null);

    private async Task FillAsync(CancellationToken ct)
    {
        var (topic, target) = Chosen();
        if (target is not null)
        {
            var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "id";
            var key = topic == AlertTopic.Report ? TrackingCode.Parse(target) ?? target : target.Trim();
            Topic = await mail.TopicAsync(new AlertSubscription { Email = "", Topic = topic, Target = key, TokenHash = "" }, language, ct);
        }
        else
        {
            Areas = await portal.AreasAsync(ct);
            Categories = await portal.CategoriesAsync(ct);
        }
    }
}
