using Aduan.Categories;
using Aduan.Portal;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

/// <summary>
/// Lists of public reports (the map's side list, area and agency pages): code, status, category,
/// kelurahan and when it came in, nothing else. The query passed in must already be
/// <see cref="PublicListing.Listed"/>.
/// </summary>
public sealed class PublicReportList(CategoryDirectory categories, BoundaryLayer layer, IStringLocalizer<SharedResource> text)
{
    public async Task<IReadOnlyList<PublicListItem>> NewestAsync(IQueryable<Report> listed, int take, CancellationToken ct)
    {
        var rows = await listed.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id).Take(take)
            .Select(r => new { r.Code, r.Status, r.CategoryCode, r.AreaCode, r.ReceivedAt }).ToListAsync(ct);
        var items = new List<PublicListItem>(rows.Count);
        foreach (var r in rows)
        {
            var category = await categories.FindAsync(r.CategoryCode, ct);
            var area = await layer.FindAsync(r.AreaCode, ct);
            var code = TrackingCode.Format(r.Code);
            items.Add(new PublicListItem(code, r.Status.ToString(), text[$"Status_{r.Status}"],
                category is null ? null : PublicReportQuery.LocalizedName(category.Name, category.NameEn), area?.Name, r.ReceivedAt, $"/lacak/{code}"));
        }
        return items;
    }

    /// <summary>How many matching public reports there are per status and per category (codes), for a summary table.</summary>
    public static async Task<(IReadOnlyDictionary<ReportStatus, int> ByStatus, IReadOnlyDictionary<string, int> ByCategory)> CountsAsync(IQueryable<Report> listed, CancellationToken ct)
    {
        var byStatus = await listed.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byCategory = await listed.GroupBy(r => r.CategoryCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return (byStatus, byCategory.ToDictionary(g => g.Key ?? "", g => g.Count, StringComparer.Ordinal));
    }
}
