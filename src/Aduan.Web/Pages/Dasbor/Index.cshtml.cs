using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Scorecards;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Aduan.Web.Dashboard;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Dasbor;

/// <summary>
/// The leaders' dashboard (/staf/dasbor): for a period and a place in the drill-down (province,
/// kota, kecamatan, kelurahan), the totals, the trend (chart and table), the ranking of the areas
/// one level down and of the agencies working there, with the formula, the worst overdue reports,
/// and at a kelurahan the reports themselves. Every table exports as CSV and XLSX.
/// </summary>
public sealed class IndexModel(DashboardTables tables, CategoryDirectory categories, AgencyTree agencies, IStringLocalizer<SharedResource> text) : PageModel
{
    public DashboardView? View { get; private set; }
    public List<string> Errors { get; } = [];
    public ScorecardFigures? Total { get; private set; }
    public IReadOnlyList<UnitScorecard> Areas { get; private set; } = [];
    public IReadOnlyList<UnitScorecard> AgencyRanking { get; private set; } = [];
    public IReadOnlyList<TrendPoint> Trend { get; private set; } = [];
    public IReadOnlyList<(OverdueReport Report, string? Category, string? Agency)> Overdue { get; private set; } = [];
    public IReadOnlyList<(DashboardReport Report, string? Category, string? Agency)> Reports { get; private set; } = [];
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? AgencyCode { get; private set; }
    public string? AreaCode { get; private set; }

    public async Task OnGetAsync(string? from, string? to, string? area, string? agency, CancellationToken ct)
    {
        (From, To, AreaCode, AgencyCode) = (from, to, area, agency);
        var actor = User.ToStaffActor()!;
        var (view, errors) = await tables.ReadAsync(actor, from, to, area, agency, ct);
        if (view is null)
        {
            Errors.AddRange(errors.Select(e => Problems.Message(e, text)));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        View = view;
        (From, To) = (view.Period.From.ToString("yyyy-MM-dd"), view.Period.To.ToString("yyyy-MM-dd"));
        Total = await tables.TotalAsync(view, ct);
        Trend = await tables.TrendAsync(view, ct);
        Areas = await tables.AreaRankingAsync(view, ct);
        AgencyRanking = await tables.AgencyRankingAsync(view, ct);
        var overdue = new List<(OverdueReport, string?, string?)>();
        foreach (var report in await tables.OverdueAsync(view, DashboardTables.OverdueRows, ct))
            overdue.Add((report, await CategoryNameAsync(report.CategoryCode, ct), await AgencyNameAsync(report.AgencyCode, ct)));
        Overdue = overdue;
        if (view.AtKelurahan)
        {
            var rows = new List<(DashboardReport, string?, string?)>();
            foreach (var report in await (await tables.ReportsAsync(actor, view, ct)).Take(DashboardTables.ReportRows).ToListAsync(ct))
                rows.Add((report, await CategoryNameAsync(report.CategoryCode, ct), await AgencyNameAsync(report.AgencyCode, ct)));
            Reports = rows;
        }
    }

    /// <summary>This view's address with some of its parameters changed (null drops one).</summary>
    public string Link(string? area = "", string? agency = "", string path = "/staf/dasbor", string? extra = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("from", From);
        Add("to", To);
        Add("area", area == "" ? View?.Area.Code ?? AreaCode : area);
        Add("agency", agency == "" ? View?.Agency?.Code : agency);
        if (extra is not null)
            parts.Add(extra);
        return path + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }

    public string Export(string table, string format) => Link(path: "/api/staff/dashboard/export", extra: $"table={table}&format={format}");

    private async Task<string?> CategoryNameAsync(string? code, CancellationToken ct) => (await categories.FindAsync(code, ct))?.Name ?? code;

    private async Task<string?> AgencyNameAsync(string? code, CancellationToken ct) => code is null ? null : (await agencies.FindAsync(code, ct))?.Name ?? code;
}
