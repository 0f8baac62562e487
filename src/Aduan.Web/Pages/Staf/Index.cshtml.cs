using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Staf;

/// <summary>
/// The staff inbox: the reports this person may see (all of them for the media centre, their
/// agency's for agency staff), newest first, with simple filters. Triage and deadlines come later.
/// </summary>
public sealed class IndexModel(
    AduanDbContext db, ReportAccess access, CurrentPack pack, CategoryDirectory categories, AgencyTree agencies, AreaLocator areas,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(string Code, ReportStatus Status, string Category, string? Kelurahan, string? Agency, ReportVisibility Visibility, DateTimeOffset ReceivedAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public string? Status { get; private set; }
    public string? Category { get; private set; }
    public IReadOnlyList<Category> CategoryOptions { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public string? AgencyName { get; private set; }
    public bool SeesEverything { get; private set; }

    public async Task OnGetAsync(string? status, string? kategori, int halaman = 1, CancellationToken ct = default)
    {
        (Status, Category, PageNumber) = (status, kategori, Math.Max(1, halaman));
        var actor = User.ToStaffActor()!;
        var scope = await access.ScopeForAsync(actor, ct);
        SeesEverything = scope.All || scope.NonConfidential;
        AgencyName = actor.AgencyCode is null ? null : (await agencies.FindAsync(actor.AgencyCode, ct))?.Name;
        CategoryOptions = (await categories.AllAsync(ct)).Where(c => c.IsActive).OrderBy(c => c.Name).ToList();

        var (filter, errors) = await ReportFilter.ParseAsync(pack, status, kategori, null, null, null, null, ct);
        if (errors.Count > 0)
        {
            Errors.AddRange(errors.Select(e => Problems.Message(e, text)));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var query = filter.Apply(scope.Filter(db.Reports.AsNoTracking()));
        Total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new { r.Code, r.Status, r.CategoryCode, r.AreaCode, r.AgencyCode, r.Visibility, r.ReceivedAt })
            .ToListAsync(ct);
        var rows = new List<Row>(page.Count);
        foreach (var r in page)
        {
            var category = await categories.FindAsync(r.CategoryCode, ct);
            var lineage = await areas.LineageAsync(r.AreaCode, ct);
            var agency = r.AgencyCode is null ? null : await agencies.FindAsync(r.AgencyCode, ct);
            rows.Add(new Row(TrackingCode.Format(r.Code), r.Status, category?.Name ?? text["Category_Unknown"],
                PublicReportQuery.AreaOf(lineage)?.Kelurahan, agency?.Name, r.Visibility, r.ReceivedAt));
        }
        Rows = rows;
    }
}
