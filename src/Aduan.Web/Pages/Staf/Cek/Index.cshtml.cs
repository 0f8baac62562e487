using Aduan.Areas;
using Aduan.Data;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Triage;
using Aduan.Web.Api;
using Aduan.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Web.Pages.Staf.Cek;

/// <summary>The verifier's list of checks on the ground still to do, filtered to one kecamatan on the phone.</summary>
public sealed class IndexModel(AduanDbContext db, AreaLocator areas) : PageModel
{
    public sealed record Row(Guid Id, string Code, string? Kelurahan, string? Kecamatan, string? Instructions, DateTimeOffset RequestedAt, string Excerpt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Kecamatan { get; private set; } = [];
    public string? Selected { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? kecamatan, CancellationToken ct)
    {
        var actor = User.ToStaffActor()!;
        if (!actor.Has(StaffRole.Verifier | StaffRole.Operator))
            return Forbid();
        Selected = string.IsNullOrWhiteSpace(kecamatan) ? null : kecamatan;
        var pending = await (
            from check in db.GroundChecks.AsNoTracking()
            join report in db.Reports.AsNoTracking() on check.ReportId equals report.Id
            where check.Outcome == GroundCheckOutcome.Pending && report.Status == ReportStatus.Received
                && (report.Visibility != ReportVisibility.Confidential || actor.Roles.HasFlag(StaffRole.Operator))
            orderby check.RequestedAt
            select new { check.Id, report.Code, check.AreaCode, check.Instructions, check.RequestedAt, report.Description })
            .Take(500).ToListAsync(ct);
        var rows = new List<Row>();
        var districts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in pending)
        {
            var lineage = await areas.LineageAsync(item.AreaCode, ct);
            var district = lineage.FirstOrDefault(a => a.Level == AreaLevel.District);
            if (district is not null)
                districts[district.Code] = district.Name;
            if (Selected is not null && district?.Code != Selected)
                continue;
            var place = PublicReportQuery.AreaOf(lineage);
            rows.Add(new Row(item.Id, TrackingCode.Format(item.Code), place?.Kelurahan, place?.Kecamatan, item.Instructions, item.RequestedAt,
                item.Description.Length > 120 ? item.Description[..120] + "…" : item.Description));
        }
        Rows = rows;
        Kecamatan = districts.OrderBy(k => k.Value).Select(k => (k.Key, k.Value)).ToList();
        return Page();
    }
}
