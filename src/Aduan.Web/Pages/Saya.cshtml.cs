using Aduan.Data;
using Aduan.People;
using Aduan.Reports;
using Aduan.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages;

/// <summary>
/// "Laporan saya": a citizen asks for a one-time code (step 1), enters it (step 2), then sees
/// their own reports and changes their contact details (step 3). Same handlers as /api/warga.
/// </summary>
public sealed class SayaModel(CitizenCodes codes, ChangeCitizenContact contacts, AduanDbContext db, PublicReportQuery views, IStringLocalizer<SharedResource> text) : PageModel
{
    public int Step { get; private set; } = 1;

    /// <summary>The contact being signed in with (steps 1 and 2).</summary>
    public string? Contact { get; private set; }
    public string? SignedInAs { get; private set; }
    public string? Notice { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<PublicReport> Reports { get; private set; } = [];
    public CitizenContact? Details { get; private set; }

    public string? Error(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    /// <summary>What was posted for a field, so a refused form keeps what the citizen typed.</summary>
    public string? Posted(string field) => Request.HasFormContentType && Request.Form.ContainsKey(field) ? Request.Form[field].ToString() : null;

    public async Task OnGetAsync(string? tersimpan, CancellationToken ct)
    {
        if (await LoadSignedInAsync(ct) && tersimpan == "1")
            Notice = text["Citizen_Saved"];
    }

    public async Task<IActionResult> OnPostKodeAsync(string? contact, CancellationToken ct)
    {
        var result = await codes.RequestAsync(contact, ct);
        Contact = result.Contact ?? contact;
        switch (result.Status)
        {
            case CodeRequestStatus.Sent:
                Step = 2;
                Notice = text["Citizen_CodeSent", result.Contact!, (int)CitizenCodes.Lifetime.TotalMinutes];
                break;
            case CodeRequestStatus.TooManyRequests:
                Step = 2; // they may well hold a code already
                Errors["code"] = Problems.Message(result.Errors[0], text);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            default:
                Errors["contact"] = Problems.Message(result.Errors[0], text);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostMasukAsync(string? contact, string? code, CancellationToken ct)
    {
        var check = await codes.VerifyAsync(contact, code, ct);
        if (check.Verified)
        {
            await CitizenAccess.SignInAsync(HttpContext, check.Contact!);
            return Redirect("/saya");
        }
        Contact = check.Contact ?? contact;
        Step = check.Outcome == CodeCheck.InvalidContact ? 1 : 2;
        var field = Step == 1 ? "contact" : "code";
        Errors[field] = Problems.Message(new FieldError(field, CitizenCodes.MessageKey(check.Outcome), check.AttemptsLeft), text);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostKodeBaruAsync(string? newContact, CancellationToken ct)
    {
        if (!await LoadSignedInAsync(ct))
            return Redirect("/saya");
        var result = await codes.RequestAsync(newContact, ct);
        if (result.Sent)
        {
            Notice = text["Citizen_NewCodeSent", result.Contact!];
            return Page();
        }
        Errors["newContact"] = Problems.Message(result.Errors[0], text);
        Response.StatusCode = result.Status == CodeRequestStatus.TooManyRequests ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostKontakAsync(string? name, string? phone, string? email, string? code, CancellationToken ct)
    {
        if (!await LoadSignedInAsync(ct))
            return Redirect("/saya");
        var result = await contacts.HandleAsync(SignedInAs!, new ChangeContactInput(name ?? "", phone, email, code), ct);
        if (result.Succeeded)
        {
            if (result.SignedInAs != SignedInAs)
                await CitizenAccess.SignInAsync(HttpContext, result.SignedInAs!);
            return Redirect("/saya?tersimpan=1");
        }
        foreach (var error in result.Errors)
            Errors.TryAdd(error.Field, Problems.Message(error, text));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostKeluarAsync()
    {
        await HttpContext.SignOutAsync(CitizenAccess.Scheme);
        return Redirect("/saya");
    }

    private async Task<bool> LoadSignedInAsync(CancellationToken ct)
    {
        var session = await HttpContext.AuthenticateAsync(CitizenAccess.Scheme);
        SignedInAs = CitizenAccess.ContactOf(session.Principal);
        if (SignedInAs is null)
            return false;
        Step = 3;
        Reports = await CitizenAccess.OwnReportsAsync(db, views, SignedInAs, ct);
        Details = await contacts.CurrentAsync(SignedInAs, ct);
        return true;
    }
}
