using Aduan.Agencies;
using Aduan.Data;
using Aduan.Dispatch;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Triage;
using Aduan.Triage.Classification;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Staf;

/// <summary>
/// One report for staff: details, photos, the whole timeline with internal notes, a note and photo
/// form, and — only on request, logged — who reported it.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
public sealed class LaporanModel(
    ReportAccess access, StaffUpdates updates, StaffReportQuery views, ReporterIdentity identities, AgencyWork work, Dispatcher dispatcher,
    AgencyTree agencies, SuggestAgencies suggestAgencies, AduanDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public StaffReportView? Report { get; private set; }

    /// <summary>The agency this person acts for on this report (their part), if any.</summary>
    public PartView? MyPart { get; private set; }
    public bool IsOperator { get; private set; }
    public bool IsHead { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Officers { get; private set; } = [];
    public IReadOnlyList<Agency> OutsideBodies { get; private set; } = [];
    public IReadOnlyList<Agency> DispatchOptions { get; private set; } = [];
    public string? SuggestedAgency { get; private set; }

    /// <summary>The rules' agency for the report's category first, then the agency model's next guesses (see <see cref="SuggestAgencies"/>).</summary>
    public IReadOnlyList<AgencyGuess> SuggestedAgencies { get; private set; } = [];
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

    public Task<IActionResult> OnPostAcceptAsync(string code, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => work.AcceptAsync(a, s, code, versi, ct), "Work_Accepted", ct);

    public Task<IActionResult> OnPostAssignAsync(string code, Guid? petugas, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => work.AssignAsync(a, s, code, petugas, versi, ct), "Work_Assigned", ct);

    public Task<IActionResult> OnPostAskAsync(string code, string? pertanyaan, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => work.AskCitizenAsync(a, s, code, pertanyaan, versi, ct), "Work_Asked", ct);

    public Task<IActionResult> OnPostCitizenAnswerAsync(string code, string? jawaban, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => work.RecordCitizenAnswerAsync(a, s, code, jawaban, versi, ct), "Work_AnswerRecorded", ct);

    public Task<IActionResult> OnPostHandBackAsync(string code, string? alasan, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => work.HandBackAsync(a, s, code, alasan, versi, ct), "Work_HandedBack", ct);

    public Task<IActionResult> OnPostFinishPartAsync(string code, string? ringkasan, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => work.FinishPartAsync(a, s, code, ringkasan, versi, ct), "Work_PartFinished", ct);

    public Task<IActionResult> OnPostForwardAsync(string code, string? badan, string? catatan, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => work.ForwardAsync(a, s, code, badan, catatan, versi, ct), "Work_Forwarded", ct);

    public Task<IActionResult> OnPostAcknowledgeAsync(string code, long koordinasi, string? nomor, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => work.CoordinationStepAsync(a, s, code, koordinasi, CoordinationStatus.Acknowledged, nomor, versi, ct), "Work_CoordinationRecorded", ct);

    public Task<IActionResult> OnPostBodyAnswerAsync(string code, long koordinasi, string? jawaban, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => work.CoordinationStepAsync(a, s, code, koordinasi, CoordinationStatus.Answered, jawaban, versi, ct), "Work_CoordinationRecorded", ct);

    public Task<IActionResult> OnPostDispatchAsync(string code, string? instansi, string[]? pendukung, string? alasan, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => dispatcher.DispatchAsync(a, s, code, instansi, pendukung ?? [], alasan, versi, ct), "Work_Dispatched", ct);

    public Task<IActionResult> OnPostPriorityAsync(string code, string? prioritas, string? alasan, int? versi, CancellationToken ct) =>
        StepAsync(code, (a, s) => dispatcher.SetPriorityAsync(a, s, code, prioritas, alasan, versi, ct), "Priority_Saved", ct);

    public async Task<IActionResult> OnPostResolveAsync(string code, int? versi, CancellationToken ct)
    {
        var evidence = await DispatchApi.ReadEvidenceAsync(Request.Form, ct);
        return await StepAsync(code, (a, s) => work.ResolveAsync(a, s, code, evidence, versi, ct), "Work_Resolved", ct);
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

    /// <summary>One agency or dispatch step: post/redirect/get on success; the page again with the reason otherwise.</summary>
    private async Task<IActionResult> StepAsync(string code, Func<StaffActor, ReportScope, Task<WorkResult>> step, string done, CancellationToken ct)
    {
        var (actor, scope) = await CallerAsync(ct);
        var result = await step(actor, scope);
        switch (result.Outcome)
        {
            case WorkOutcome.Done:
                TempData["message"] = text[done].Value;
                return Redirect($"/staf/laporan/{TrackingCode.Format(result.Report!.Code)}");
            case WorkOutcome.NotFound:
                return NotFoundPage();
            case WorkOutcome.Forbidden:
                return Forbid();
            case WorkOutcome.Conflict:
                Errors["work"] = text[result.ConflictKey!, result.ConflictArgs ?? []] + " " + text["Work_CurrentState", text[$"Status_{result.Report!.Status}"]];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                foreach (var error in result.Errors ?? [])
                    Errors.TryAdd(error.Field, Problems.Message(error, text));
                Response.StatusCode = result.Outcome == WorkOutcome.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
                break;
        }
        return await LoadAsync(code, ct) ? Page() : NotFoundPage();
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
        var actor = User.ToStaffActor()!;
        IsOperator = scope.WriteAll;
        IsHead = actor.Has(StaffRole.AgencyHead);
        var acting = scope.CanUpdate(report) ? scope.ActingAgency(report, actor.AgencyCode) : null;
        MyPart = acting is null ? null : Report.Parts.LastOrDefault(p => p.Agency == acting && p.Status is "Dispatched" or "Accepted");
        var all = await agencies.AllAsync(ct);
        OutsideBodies = all.Where(a => a.Kind == AgencyKind.OutsideBody).OrderBy(a => a.Name).ToList();
        if (IsOperator)
        {
            DispatchOptions = all.OrderBy(a => a.Kind == AgencyKind.OutsideBody).ThenBy(a => a.Name).ToList();
            // A verified report's category has been seen by an operator: its routing leads, the agency model fills in (and leads where no rule applies).
            SuggestedAgencies = report.CategoryCode is null ? []
                : await suggestAgencies.HandleAsync(report.Description, [new CategoryGuess(report.CategoryCode, 1)], categoryChosen: true, report.AreaCode, 3, ct);
            SuggestedAgency = SuggestedAgencies.Select(g => g.AgencyCode).FirstOrDefault(c => DispatchOptions.Any(a => a.Code == c))
                ?? (await dispatcher.RouteAsync(report.CategoryCode, report.AreaCode, ct))?.Code;
        }
        if (acting is not null && IsHead)
        {
            Officers = (await db.Users.AsNoTracking()
                .Where(u => u.AgencyCode == acting && !u.IsDisabled && (u.Roles & (StaffRole.AgencyOfficer | StaffRole.AgencyHead)) != 0)
                .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                .Select(u => (u.Id, u.DisplayName)).ToList();
        }
        return true;
    }

    private async Task<(StaffActor, ReportScope)> CallerAsync(CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        return (actor, await access.ScopeForAsync(actor, ct));
    }

    private NotFoundObjectResult NotFoundPage() => NotFound(text["Problem_NotFound"].Value);
}
