using Aduan.Alerts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Web.Pages.Peringatan;

/// <summary>
/// The confirmation link. Opening it only shows a button: mail scanners open links, and a click
/// on the button (a POST) is what confirms.
/// </summary>
public sealed class KonfirmasiModel(AlertSubscriptions alerts, AlertMail mail) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public bool Valid { get; private set; }
    public bool Done { get; private set; }
    public string? Topic { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        var subscription = Guid.TryParseExact(id, "N", out var key) ? await alerts.FindAsync(key, ct) : null;
        Valid = subscription is not null && subscription.HasSecret(Token);
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Done = subscription!.IsConfirmed;
        Topic = await mail.TopicAsync(subscription, Language, ct);
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        Valid = Guid.TryParseExact(id, "N", out var key) && await alerts.ConfirmAsync(key, Token, ct);
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Done = true;
        Topic = await mail.TopicAsync((await alerts.FindAsync(key, ct))!, Language, ct);
        return Page();
    }

    private static string Language => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "id";
}
