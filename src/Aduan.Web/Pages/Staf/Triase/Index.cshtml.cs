using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Triage;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Web.Pages.Staf.Triase;

/// <summary>
/// The operator's queue: every report still waiting for triage (Received), longest-waiting first,
/// with what automatic triage found. Operators only.
/// </summary>
public sealed class IndexModel(AduanDbContext db, ReportAccess access, CategoryDirectory categories, AreaLocator areas, Aduan.Deadlines.PackCalendar calendars, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    /// <summary>Waiting reports considered for one screen; the most urgent of them are shown.</summary>
    public const int Considered = 1000;

    /// <summary>Response target for a report whose category is not known yet.</summary>
    public static readonly TimeSpan UnknownCategoryTarget = TimeSpan.FromHours(24);

    public sealed record Row(string Code, string? Category, string? Kelurahan, TriageFlags Flags, bool Triaged, TimeSpan Waiting, TimeSpan Left, string Excerpt, ReportPriority Priority);

    /// <summary>A verified report with no agency: no routing rule applied, or the agency handed it back.</summary>
    public sealed record DispatchRow(string Code, string? Category, string? Kelurahan, string? LastNote, TimeSpan Waiting);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<DispatchRow> ToDispatch { get; private set; } = [];
    public int Total { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = await access.ScopeForAsync(User.ToStaffActor()!, ct);
        if (!scope.WriteAll)
            return Forbid();
        var waiting = db.Reports.AsNoTracking().Where(r => r.Status == ReportStatus.Received);
        Total = await waiting.CountAsync(ct);
        var page = await waiting.OrderBy(r => r.ReceivedAt).Take(Considered)
            .Select(r => new { r.Code, r.CategoryCode, r.AreaCode, r.Flags, r.TriagedAt, r.ReceivedAt, r.Description, r.Priority })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var deadlines = await calendars.GetAsync(ct);
        var calendar = deadlines.Calendar;
        var rows = new List<Row>(page.Count);
        foreach (var r in page)
        {
            var category = await categories.FindAsync(r.CategoryCode, ct);
            // Most urgent first: the time left before the response target of the category at the
            // report's priority, counted as the pack counts it (office hours, working days or calendar
            // hours); unknown category: 24 calendar hours.
            var targets = category is null ? null : deadlines.Targets(category, r.Priority);
            var due = targets is null ? r.ReceivedAt + UnknownCategoryTarget
                : calendar.Add(r.ReceivedAt, TimeSpan.FromHours(targets.ResponseHours), targets.Basis, Aduan.Deadlines.OfficeHours.Government);
            var left = due - now;
            var place = PublicReportQuery.AreaOf(await areas.LineageAsync(r.AreaCode, ct));
            var excerpt = r.Description.Length > 90 ? r.Description[..90] + "…" : r.Description;
            rows.Add(new Row(TrackingCode.Format(r.Code), category?.Name, place?.Kelurahan, r.Flags, r.TriagedAt is not null, now - r.ReceivedAt, left, excerpt, r.Priority));
        }
        Rows = rows.OrderBy(r => r.Left).ThenByDescending(r => r.Waiting).Take(PageSize).ToList();
        var verified = await db.Reports.AsNoTracking().Where(r => r.Status == ReportStatus.Verified)
            .OrderBy(r => r.LastChangedAt).Take(PageSize)
            .Select(r => new { r.Code, r.CategoryCode, r.AreaCode, r.LastChangedAt, Note = r.Updates.OrderByDescending(u => u.Sequence).Select(u => u.Text).FirstOrDefault() })
            .ToListAsync(ct);
        var toDispatch = new List<DispatchRow>(verified.Count);
        foreach (var r in verified)
        {
            var place = PublicReportQuery.AreaOf(await areas.LineageAsync(r.AreaCode, ct));
            toDispatch.Add(new DispatchRow(TrackingCode.Format(r.Code), (await categories.FindAsync(r.CategoryCode, ct))?.Name, place?.Kelurahan, r.Note, now - r.LastChangedAt));
        }
        ToDispatch = toDispatch;
        Message = TempData["message"] as string;
        return Page();
    }

    /// <summary>"3 j 20 m" style, short enough for a phone.</summary>
    public static string Age(TimeSpan span) => span.TotalDays >= 1
        ? $"{(int)span.TotalDays} h {span.Hours} j"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours} j {span.Minutes} m" : $"{Math.Max(0, span.Minutes)} m";
}
