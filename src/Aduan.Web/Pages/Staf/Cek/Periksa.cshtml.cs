using System.Globalization;
using Aduan.Data;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Triage;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Staf.Cek;

/// <summary>
/// One check on the ground, on a phone: what was reported and where, then the verifier's
/// finding with a photo taken there and the phone's location.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 20 * 1024 * 1024)]
public sealed class PeriksaModel(AduanDbContext db, TriageActions actions, IStringLocalizer<SharedResource> text) : PageModel
{
    public GroundCheck? Check { get; private set; }
    public Report? Report { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, string? temuan, string? hasil, string? latitude, string? longitude, IFormFile? foto, CancellationToken ct)
    {
        var photo = foto is null ? null : (await ReportForm.ReadPhotosAsync([foto], ct)).SingleOrDefault();
        var result = await actions.RecordGroundCheckAsync(User.ToStaffActor()!, id, hasil == "ada", temuan, photo,
            Number(latitude), Number(longitude), ct);
        switch (result.Outcome)
        {
            case TriageOutcome.Done:
                TempData["message"] = text["Check_Saved"].Value;
                return Redirect("/staf/cek");
            case TriageOutcome.NotFound:
                return NotFound();
            case TriageOutcome.Forbidden:
                return Forbid();
            default:
                Errors.AddRange((result.Errors ?? []).Select(e => Problems.Message(e, text)));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return await LoadAsync(id, ct) ?? Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        if (!actor.Has(StaffRole.Verifier | StaffRole.Operator))
            return Forbid();
        Check = await db.GroundChecks.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        Report = Check is null ? null : await db.Reports.AsNoTracking().Include(r => r.Photos).SingleOrDefaultAsync(r => r.Id == Check.ReportId, ct);
        if (Report is null || (Report.Visibility == ReportVisibility.Confidential && !actor.Has(StaffRole.Operator)))
            return NotFound();
        return null;
    }

    private static double? Number(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
