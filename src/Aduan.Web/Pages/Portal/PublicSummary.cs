using Aduan.Categories;
using Aduan.Data;
using Aduan.Portal;
using Aduan.Reports;
using Aduan.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Web.Pages.Portal;

/// <summary>What an area or agency page shows for a period: counts by status and category, and the newest public reports.</summary>
public sealed record PublicSummary(
    int Total, IReadOnlyList<(Choice Status, int Count)> ByStatus, IReadOnlyList<(Choice Category, int Count)> ByCategory, IReadOnlyList<PublicListItem> Recent)
{
    public const int RecentItems = 20;

    public static async Task<PublicSummary> BuildAsync(AduanDbContext db, ReportFilter filter, PortalView portal, PublicReportList list, CategoryDirectory categories, CancellationToken ct)
    {
        var listed = filter.Apply(db.Reports.AsNoTracking().Listed());
        var (byStatus, byCategory) = await PublicReportList.CountsAsync(listed, ct);
        var statuses = portal.Statuses().Select(s => (s, byStatus.GetValueOrDefault(Enum.Parse<ReportStatus>(s.Value)))).Where(s => s.Item2 > 0).ToList();
        var named = new List<(Choice, int)>();
        foreach (var (code, count) in byCategory.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            var category = await categories.FindAsync(code.Length == 0 ? null : code, ct);
            named.Add((new Choice(code, category is null ? "" : PublicReportQuery.LocalizedName(category.Name, category.NameEn)), count));
        }
        return new PublicSummary(byStatus.Values.Sum(), statuses, named, await list.NewestAsync(listed, RecentItems, ct));
    }
}
