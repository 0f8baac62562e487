using Aduan.Data;
using Aduan.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Web.Pages;

public sealed class IndexModel(AduanDbContext db, TimeProvider clock) : PageModel
{
    public int Total { get; private set; }
    public int Open { get; private set; }
    public int ResolvedLast30Days { get; private set; }
    public IReadOnlyList<RecentReport> Recent { get; private set; } = [];

    public sealed record RecentReport(string Code, ReportStatus Status, string? Category, string? Kelurahan, DateTimeOffset ReceivedAt);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-30);
        var closed = new[] { ReportStatus.Rejected, ReportStatus.Merged, ReportStatus.Closed, ReportStatus.Resolved };
        Total = await db.Reports.CountAsync(ct);
        Open = await db.Reports.CountAsync(r => !closed.Contains(r.Status), ct);
        ResolvedLast30Days = await db.Updates.CountAsync(u => u.ToStatus == ReportStatus.Resolved && u.At >= since, ct);
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        Recent = await (
            from r in db.Reports.AsNoTracking()
            where r.Visibility != ReportVisibility.Confidential && r.Status != ReportStatus.Rejected
            orderby r.ReceivedAt descending
            join c in db.Categories on r.CategoryCode equals c.Code into category
            from c in category.DefaultIfEmpty()
            join a in db.Areas on r.AreaCode equals a.Code into area
            from a in area.DefaultIfEmpty()
            select new RecentReport(r.Code, r.Status, c == null ? null : english ? c.NameEn : c.Name, a == null ? null : a.Name, r.ReceivedAt))
            .Take(12).ToListAsync(ct);
    }
}
