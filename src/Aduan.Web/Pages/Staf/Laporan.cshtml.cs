using Aduan.Reports;
using Aduan.Staff;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Staf;

/// <summary>
/// One report for staff: details, photos, the whole timeline with internal notes, a note and photo
/// form, and — only on request, logged — who reported it.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
public sealed class LaporanModel(ReportAccess access, StaffUpdates updates, StaffReportQuery views, ReporterIdentity identities, IStringLocalizer<SharedResource> text) : PageModel
{
    public StaffReportView? Report { get; private set; }
    public ReporterView? Reporter { get; private set; }
    public string? ReporterMessage { get; private set; }
    public string? Message { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostNoteAsync(string code, string? teks, bool publik, CancellationToken ct)
    {
        var (actor, scope) = await CallerAsync(ct);
        var result = await updates.AddNoteAsync(actor, scope, code, teks, publik, ct);
        return await AfterUpdateAsync(code, result, text["Staff_NoteAdded"], ct);
    }

    public async Task<IActionResult> OnPostPhotosAsync(string code, string? teks, bool publik, CancellationToken ct)
    {
        var (actor, scope) = await CallerAsync(ct);
        var uploads = await ReportForm.ReadPhotosAsync(Request.Form.Files, ct);
        var result = await updates.AttachPhotosAsync(actor, scope, code, uploads, teks, publik, ct);
        return await AfterUpdateAsync(code, result, text["Staff_PhotosAdded"], ct);
    }

    public async Task<IActionResult> OnPostReporterAsync(string code, string? tujuan, CancellationToken ct)
    {
        var (actor, scope) = await CallerAsync(ct);
        var report = await updates.FindVisibleAsync(scope, code, track: false, ct);
        if (report is null)
            return NotFoundPage();
        var read = await identities.ReadAsync(actor, scope, report, string.IsNullOrWhiteSpace(tujuan) ? "halaman laporan" : tujuan, ct);
        switch (read.Outcome)
        {
            case ReporterReadOutcome.Shown:
                Reporter = new ReporterView(read.Citizen!.Name, read.Citizen.Phone, read.Citizen.Email);
                break;
            case ReporterReadOutcome.None:
                ReporterMessage = text["Staff_NoReporter"];
                break;
            default:
                ReporterMessage = text["Problem_ReporterHidden"];
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
        }
        await LoadAsync(code, ct);
        return Page();
    }

    private async Task<IActionResult> AfterUpdateAsync(string code, StaffUpdateResult result, string done, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case StaffUpdateOutcome.Added:
                // Post/redirect/get: a reload does not post the note twice.
                TempData["message"] = done;
                return Redirect($"/staf/laporan/{TrackingCode.Format(result.Report!.Code)}");
            case StaffUpdateOutcome.NotFound:
                return NotFoundPage();
            case StaffUpdateOutcome.Forbidden:
                return Forbid();
            default:
                foreach (var error in result.Errors ?? [])
                    Errors.TryAdd(error.Field.StartsWith("photos", StringComparison.Ordinal) ? "photos" : error.Field, Problems.Message(error, text));
                Response.StatusCode = result.Outcome == StaffUpdateOutcome.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
                await LoadAsync(code, ct);
                return Page();
        }
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var (_, scope) = await CallerAsync(ct);
        var report = await updates.FindVisibleAsync(scope, code, track: false, ct);
        if (report is null)
            return false;
        Report = await views.ToViewAsync(report, scope, ct);
        Message ??= TempData["message"] as string;
        return true;
    }

    private async Task<(StaffActor, ReportScope)> CallerAsync(CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        return (actor, await access.ScopeForAsync(actor, ct));
    }

    private NotFoundObjectResult NotFoundPage() => NotFound(text["Problem_NotFound"].Value);
}
