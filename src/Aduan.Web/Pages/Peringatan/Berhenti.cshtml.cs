using Aduan.Alerts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Web.Pages.Peringatan;

/// <summary>The unsubscribe link of every alert mail: a button (mail scanners open links), then the subscription is deleted.</summary>
public sealed class BerhentiModel(AlertSubscriptions alerts, AlertMail mail) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public bool Valid { get; private set; }
    public bool Done { get; private set; }
    public string? Topic { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        var subscription = Guid.TryParseExact(id, "N", out var key) ? await alerts.FindAsync(key, ct) : null;
        Valid = subscription is not null && subscription.HasUnsubscribeToken(Token);
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Topic = await mail.TopicAsync(subscription!, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "id", ct);
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        Valid = Guid.TryParseExact(id, "N", out var key) && await alerts.UnsubscribeAsync(key, Token, ct);
        Done = Valid;
        if (!Valid)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
