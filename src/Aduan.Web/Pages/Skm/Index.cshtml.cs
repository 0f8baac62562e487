using Aduan.Surveys;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Web.Pages.Skm;

/// <summary>An agency's SKM results for a period (staff): NRR per element, IKM, band, respondents and their profile, with links to print, export and enter.</summary>
public sealed class IndexModel(SkmQuery query, SurveyAccess access) : PageModel
{
    public SkmView View { get; private set; } = null!;
    public bool CanEnter { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? instansi, string? dari, string? sampai, CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        if (!await access.CanSeeAnyResultsAsync(actor, ct))
            return Forbid();
        View = await query.RunAsync(actor, instansi, dari, sampai, ct);
        if (View.Forbidden)
            return Forbid();
        if (View.Errors.Count > 0)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        CanEnter = await access.CanEnterAnyAsync(actor, ct);
        return Page();
    }
}
