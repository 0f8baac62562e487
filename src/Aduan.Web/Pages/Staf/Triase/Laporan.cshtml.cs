using Aduan.Categories;
using Aduan.Data;
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

namespace Aduan.Web.Pages.Staf.Triase;

/// <summary>
/// One report on one screen for the operator: what it says, where, photos, what triage suggests
/// (categories with confidence, areas from the words, likely duplicates with distance and
/// similarity), and every triage action, each one keystroke away (see wwwroot/js/triage.js).
/// </summary>
public sealed class LaporanModel(
    AduanDbContext db, ReportAccess access, StaffUpdates reports, StaffReportQuery views, TriageActions actions,
    CategoryDirectory categories, Aduan.Agencies.AgencyTree agencies, Aduan.Dispatch.Dispatcher dispatcher, MiniMap map, SuggestAgencies suggestAgencies,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public StaffReportView? Report { get; private set; }
    public ReportStatus Status { get; private set; }
    public TriageFlags ReportFlags { get; private set; }
    public string? CategoryCode { get; private set; }
    public ReportPriority Priority { get; private set; }
    public TriageSuggestions? Suggestions { get; private set; }
    public Dictionary<string, string> CategoryNames { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<Category> CategoryOptions { get; private set; } = [];
    public Dictionary<string, string> DuplicateSummaries { get; } = new(StringComparer.Ordinal);

    /// <summary>Who should act, as things stand (the category the operator set, or triage's guesses; the area now).</summary>
    public IReadOnlyList<AgencyGuess> AgencyGuesses { get; private set; } = [];
    public Dictionary<string, string> AgencyNames { get; } = new(StringComparer.Ordinal);
    public string? NextCode { get; private set; }

    /// <summary>Inline SVG of the kelurahan and a pin; null without coordinates.</summary>
    public string? MapSvg { get; private set; }
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct);

    public Task<IActionResult> OnPostVerifyAsync(string code, string? catatan, CancellationToken ct) =>
        ActAsync(code, (actor, scope) => actions.VerifyAsync(actor, scope, code, catatan, ct), goNext: true, ct);

    public Task<IActionResult> OnPostRejectAsync(string code, string? alasan, CancellationToken ct) =>
        ActAsync(code, (actor, scope) => actions.RejectAsync(actor, scope, code, alasan, ct), goNext: true, ct);

    public Task<IActionResult> OnPostMergeAsync(string code, string? ke, CancellationToken ct) =>
        ActAsync(code, (actor, scope) => actions.MergeAsync(actor, scope, code, ke, ct), goNext: true, ct);

    public Task<IActionResult> OnPostCategoryAsync(string code, string? kategori, CancellationToken ct) =>
        ActAsync(code, (actor, scope) => actions.RecategorizeAsync(actor, scope, code, kategori, ct), goNext: false, ct);

    public Task<IActionResult> OnPostAreaAsync(string code, string? wilayah, CancellationToken ct) =>
        ActAsync(code, (actor, scope) => actions.RelocateAsync(actor, scope, code, wilayah, ct), goNext: false, ct);

    public Task<IActionResult> OnPostVisibilityAsync(string code, ReportVisibility sifat, CancellationToken ct) =>
        ActAsync(code, (actor, scope) => actions.SetVisibilityAsync(actor, scope, code, sifat, ct), goNext: false, ct);

    public Task<IActionResult> OnPostCheckAsync(string code, string? petunjuk, CancellationToken ct) =>
        ActAsync(code, (actor, scope) => actions.RequestGroundCheckAsync(actor, scope, code, petunjuk, ct), goNext: true, ct);

    /// <summary>Priority before verification: the queue puts urgent reports first, and the clock starts with the right targets.</summary>
    public async Task<IActionResult> OnPostPriorityAsync(string code, string? prioritas, string? alasan, CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        var result = await dispatcher.SetPriorityAsync(actor, await access.ScopeForAsync(actor, ct), code, prioritas, alasan, null, ct);
        switch (result.Outcome)
        {
            case Aduan.Dispatch.WorkOutcome.Done:
                TempData["message"] = text["Priority_Saved"].Value;
                return Redirect($"/staf/triase/{TrackingCode.Format(result.Report!.Code)}");
            case Aduan.Dispatch.WorkOutcome.NotFound:
                return NotFound();
            case Aduan.Dispatch.WorkOutcome.Forbidden:
                return Forbid();
            case Aduan.Dispatch.WorkOutcome.Conflict:
                Errors.Add(text[result.ConflictKey!, result.ConflictArgs ?? []].Value);
                return await LoadAsync(code, ct, StatusCodes.Status409Conflict);
            default:
                Errors.AddRange((result.Errors ?? []).Select(e => Problems.Message(e, text)));
                return await LoadAsync(code, ct, StatusCodes.Status400BadRequest);
        }
    }

    public async Task<IActionResult> OnPostBlockAsync(string code, string? alasan, CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        var scope = await access.ScopeForAsync(actor, ct);
        var report = await reports.FindVisibleAsync(scope, code, track: false, ct);
        if (report is null)
            return NotFound();
        if (!scope.WriteAll)
            return Forbid();
        var citizen = report.CitizenId is { } id ? await db.Citizens.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) : null;
        var errors = await actions.BlockContactAsync(actor, citizen?.Phone ?? citizen?.Email, alasan, ct);
        if (errors.Count == 0)
            TempData["message"] = text["Triage_Blocked"].Value;
        Errors.AddRange(errors.Select(e => Problems.Message(e, text)));
        return errors.Count == 0 ? Redirect($"/staf/triase/{TrackingCode.Format(report.Code)}") : await LoadAsync(code, ct, StatusCodes.Status400BadRequest);
    }

    private async Task<IActionResult> ActAsync(string code, Func<StaffActor, ReportScope, Task<TriageActionResult>> act, bool goNext, CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        var scope = await access.ScopeForAsync(actor, ct);
        var next = goNext ? await NextInQueueAsync(code, ct) : null;
        var result = await act(actor, scope);
        switch (result.Outcome)
        {
            case TriageOutcome.Done:
                var done = text["Triage_Done"].Value + " " + TrackingCode.Format(result.Report!.Code);
                // Verification dispatches by the routing table: say where it went, or that it waits for a dispatch.
                if (result.Report.Status is ReportStatus.Dispatched or ReportStatus.ForwardedToOutsideBody && result.Report.AgencyCode is { } sentTo)
                    done += " " + text["Triage_SentTo", (await agencies.FindAsync(sentTo, ct))?.Name ?? sentTo].Value;
                else if (result.Report.Status == ReportStatus.Verified)
                    done += " " + text["Triage_NoRoute"].Value;
                TempData["message"] = done;
                return Redirect(goNext ? (next is null ? "/staf/triase" : $"/staf/triase/{next}") : $"/staf/triase/{TrackingCode.Format(result.Report.Code)}");
            case TriageOutcome.NotFound:
                return NotFound();
            case TriageOutcome.Forbidden:
                return Forbid();
            default:
                Errors.AddRange((result.Errors ?? []).Select(e => Problems.Message(e, text)));
                return await LoadAsync(code, ct, StatusCodes.Status400BadRequest);
        }
    }

    private async Task<IActionResult> LoadAsync(string code, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var scope = await access.ScopeForAsync(User.ToStaffActor()!, ct);
        if (!scope.WriteAll)
            return Forbid();
        var report = await reports.FindVisibleAsync(scope, code, track: false, ct);
        if (report is null)
            return NotFound();
        Report = await views.ToViewAsync(report, scope, ct);
        (Status, ReportFlags, CategoryCode, Priority) = (report.Status, report.Flags, report.CategoryCode, report.Priority);
        Suggestions = TriageSuggestions.FromJson(report.TriageJson);
        var chosen = report.CategorySource is CategorySource.Citizen or CategorySource.Operator && report.CategoryCode is not null;
        IReadOnlyList<CategoryGuess> basis = chosen ? [new CategoryGuess(report.CategoryCode!, 1)] : Suggestions?.Categories ?? [];
        AgencyGuesses = await suggestAgencies.HandleAsync(report.Description, basis, chosen, report.AreaCode, 3, ct);
        foreach (var guess in AgencyGuesses)
            AgencyNames[guess.AgencyCode] = (await agencies.FindAsync(guess.AgencyCode, ct))?.Name ?? guess.AgencyCode;
        MapSvg = await map.DrawAsync(report.Latitude, report.Longitude, report.AreaCode, ct);
        CategoryOptions = (await categories.AllAsync(ct)).Where(c => c.IsActive).OrderBy(c => c.Group).ThenBy(c => c.Name).ToList();
        foreach (var category in CategoryOptions)
            CategoryNames[category.Code] = category.Name;
        var duplicateIds = (Suggestions?.Duplicates ?? []).Select(d => d.ReportId).ToList();
        var descriptions = await db.Reports.AsNoTracking().Where(r => duplicateIds.Contains(r.Id))
            .Select(r => new { r.Code, r.Description }).ToListAsync(ct);
        foreach (var duplicate in descriptions)
            DuplicateSummaries[duplicate.Code] = duplicate.Description.Length > 140 ? duplicate.Description[..140] + "…" : duplicate.Description;
        NextCode = await NextInQueueAsync(code, ct);
        Message = TempData["message"] as string;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>The next report waiting after this one, oldest first.</summary>
    private async Task<string?> NextInQueueAsync(string code, CancellationToken ct)
    {
        var current = TrackingCode.Parse(code);
        var receivedAt = await db.Reports.AsNoTracking().Where(r => r.Code == current).Select(r => (DateTimeOffset?)r.ReceivedAt).SingleOrDefaultAsync(ct);
        var next = await db.Reports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Received && r.Code != current && (receivedAt == null || r.ReceivedAt >= receivedAt))
            .OrderBy(r => r.ReceivedAt).Select(r => r.Code).FirstOrDefaultAsync(ct)
            ?? await db.Reports.AsNoTracking().Where(r => r.Status == ReportStatus.Received && r.Code != current)
                .OrderBy(r => r.ReceivedAt).Select(r => r.Code).FirstOrDefaultAsync(ct);
        return next is null ? null : TrackingCode.Format(next);
    }
}
