using Aduan.Surveys;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Web.Pages.Skm;

/// <summary>The printable "Laporan Hasil SKM" of an agency and period.</summary>
public sealed class CetakModel(SkmQuery query, SurveyAccess access, TimeProvider clock) : PageModel
{
    public SkmView View { get; private set; } = null!;
    public DateTimeOffset PrintedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? instansi, string? dari, string? sampai, CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        if (!await access.CanSeeAnyResultsAsync(actor, ct))
            return Forbid();
        View = await query.RunAsync(actor, instansi ?? "", dari ?? "", sampai ?? "", ct);
        if (View.Forbidden)
            return Forbid();
        if (View.Report is null)
            return Redirect("/staf/skm" + Request.QueryString);
        PrintedAt = View.Pack.ToLocal(clock.GetUtcNow());
        return Page();
    }
}
