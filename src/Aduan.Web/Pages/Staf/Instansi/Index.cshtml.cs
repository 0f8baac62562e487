using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Dispatch;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Web.Pages.Staf.Instansi;

/// <summary>
/// The agency's work list, phone-sized: the open reports in which the agency (or one under a head's)
/// holds a part, most urgent first — by time left until the category's response target while not
/// accepted, then until its resolution target, as the deadline clock set them (working time
/// where the category says so). Reports whose clock waits (for the citizen or an outside body) come last.
/// </summary>
public sealed class IndexModel(AduanDbContext db, ReportAccess access, CategoryDirectory categories, AgencyTree agencies, AreaLocator areas, TimeProvider clock) : PageModel
{
    private const int Limit = 300;

    public sealed record Row(string Code, ReportStatus Status, string Agency, AssignmentRole Role, AssignmentStatus PartStatus, string? Officer,
        string? Category, string? Kelurahan, string Excerpt, bool ResponseDue, bool Waiting, TimeSpan? Left, ReportPriority Priority);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? AgencyName { get; private set; }
    public bool Truncated { get; private set; }

    /// <summary>The agency's lead parts dispatched in the last <see cref="LateWindowDays"/> days that missed their response or resolution target.</summary>
    public (int Response, int Resolution) Late { get; private set; }

    public const int LateWindowDays = 30;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        var scope = await access.ScopeForAsync(actor, ct);
        AgencyName = actor.AgencyCode is null ? null : (await agencies.FindAsync(actor.AgencyCode, ct))?.Name;
        if (scope.Agencies.Count == 0)
            return;
        var mine = scope.Agencies.ToList();
        var since = clock.GetUtcNow().AddDays(-LateWindowDays);
        var lead = db.Assignments.AsNoTracking().Where(a => a.Role == AssignmentRole.Lead && a.DispatchedAt >= since && mine.Contains(a.AgencyCode));
        Late = (await lead.CountAsync(a => a.ResponseLate, ct), await lead.CountAsync(a => a.ResolutionLate, ct));
        var parts = await db.Assignments.AsNoTracking()
            .Where(a => (a.Status == AssignmentStatus.Dispatched || a.Status == AssignmentStatus.Accepted) && mine.Contains(a.AgencyCode))
            .OrderBy(a => a.DispatchedAt).Take(Limit + 1)
            .Join(db.Reports.AsNoTracking(), a => a.ReportId, r => r.Id, (a, r) => new
            {
                Part = a,
                r.Code,
                r.Status,
                r.CategoryCode,
                r.AreaCode,
                r.Description,
                r.ResponseDueAt,
                r.ResolutionDueAt,
                r.ClockPausedAt,
                r.Priority,
            })
            .ToListAsync(ct);
        Truncated = parts.Count > Limit;
        var now = clock.GetUtcNow();
        var rows = new List<Row>();
        foreach (var p in parts.Take(Limit))
        {
            var category = await categories.FindAsync(p.CategoryCode, ct);
            var responseDue = p.Part.Status == AssignmentStatus.Dispatched;
            // The report's own due times (working time, pauses included); a supporting part follows the lead's.
            var due = responseDue ? p.ResponseDueAt : p.ResolutionDueAt;
            var waiting = p.ClockPausedAt is not null;
            TimeSpan? left = waiting || due is null ? null : due.Value - now;
            rows.Add(new Row(
                TrackingCode.Format(p.Code), p.Status, (await agencies.FindAsync(p.Part.AgencyCode, ct))?.Name ?? p.Part.AgencyCode,
                p.Part.Role, p.Part.Status, p.Part.OfficerName, category?.Name,
                PublicReportQuery.AreaOf(await areas.LineageAsync(p.AreaCode, ct))?.Kelurahan,
                p.Description.Length > 90 ? p.Description[..90] + "…" : p.Description, responseDue, waiting, left, p.Priority));
        }
        Rows = rows.OrderBy(r => r.Left is null).ThenBy(r => r.Waiting).ThenBy(r => r.Left).ToList();
    }
}
