using Aduan.Agencies;
using Aduan.Data;
using Aduan.Surveys;
using Aduan.Web.Surveys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages;

/// <summary>
/// The public SKM questionnaire of one agency (<c>/survei/{agency}</c>, optionally with a
/// one-time link's <c>t</c>), and without an agency the list to choose one from. Phone-sized,
/// no name asked; every element must be answered and a missing one is named next to it.
/// </summary>
public sealed class SurveiModel(AgencyTree agencies, RecordSurveyResponse handler, SurveyLinks links, AduanDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public Agency? Agency { get; private set; }
    public IReadOnlyList<Agency> Choices { get; private set; } = [];
    public string? Token { get; private set; }
    public bool Sent { get; private set; }

    /// <summary>A message that replaces the form: the link was used or is not valid, or the agency is unknown.</summary>
    public string? Refusal { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string Value(string field) => Request.HasFormContentType ? Request.Form[field].ToString() : "";

    public async Task<IActionResult> OnGetAsync(string? agency, string? instansi, string? t, bool terkirim, CancellationToken ct)
    {
        if (agency is null && !string.IsNullOrWhiteSpace(instansi))
            return Redirect("/survei/" + Uri.EscapeDataString(instansi.Trim()));
        if (!await LoadAsync(agency, ct))
            return Page();
        Sent = terkirim;
        if (!string.IsNullOrEmpty(t) && !Sent)
        {
            Token = t;
            var hash = links.TicketHashOf(Agency!.Code, t);
            if (hash is null)
                Refuse(StatusCodes.Status400BadRequest, "Skm_LinkInvalid");
            else if (await db.UsedSurveyTickets.AnyAsync(u => u.TicketHash == hash, ct))
                Refuse(StatusCodes.Status409Conflict, "Skm_LinkUsed");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? agency, CancellationToken ct)
    {
        if (!await LoadAsync(agency, ct))
            return Page();
        var input = SurveyForm.Read(Request.Form, Agency!.Code) with { Date = null };
        var token = Request.Form["t"].ToString();
        if (token.Length > 0)
        {
            Token = token;
            if (links.TicketHashOf(Agency.Code, token) is not { } hash)
            {
                Refuse(StatusCodes.Status400BadRequest, "Skm_LinkInvalid");
                return Page();
            }
            input = input with { TicketHash = hash };
        }
        var result = await handler.HandleAsync(input, enteredBy: null, ct);
        switch (result.Outcome)
        {
            case SurveyOutcome.Saved:
                return Redirect($"/survei/{Uri.EscapeDataString(Agency.Code)}?terkirim=true");
            case SurveyOutcome.LinkUsed:
                Refuse(StatusCodes.Status409Conflict, "Skm_LinkUsed");
                return Page();
            default:
                foreach (var error in result.Errors)
                    Errors.TryAdd(error.Field, text.Message(error));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    private async Task<bool> LoadAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            Choices = [.. (await agencies.AllAsync(ct)).Where(a => a.Kind != AgencyKind.OutsideBody).OrderBy(a => a.Name, StringComparer.CurrentCulture)];
            return false;
        }
        Agency = await agencies.FindAsync(code, ct) is { Kind: not AgencyKind.OutsideBody } found ? found : null;
        if (Agency is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Refusal = text["Skm_NoAgency", code.Length > 64 ? code[..64] : code];
            return false;
        }
        return true;
    }

    private void Refuse(int status, string key)
    {
        Response.StatusCode = status;
        Refusal = text[key];
    }
}
