using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Data;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Scorecards;
using Aduan.Staff;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Web.Dashboard;

/// <summary>
/// What one view of the leaders' dashboard shows: the period, where in the drill-down it stands
/// (province, kota, kecamatan or kelurahan), an agency if one is picked, and what the viewer may
/// see (leaders and admins everything; an agency head their agency and those under it, and no
/// area tables, which would show other agencies' work).
/// </summary>
public sealed record DashboardView(ScorecardPeriod Period, Area Area, IReadOnlyList<Area> Lineage, Agency? Agency, IReadOnlySet<string>? AgencyScope)
{
    public bool SeesAreas => AgencyScope is null;

    /// <summary>The view's filter; at the province (the pack's root) no area filter, so reports without an area count too.</summary>
    public ScorecardFilter Filter => new(Area.ParentCode is null ? null : Area.Code, Agency is { } one ? [one.Code] : AgencyScope);

    /// <summary>The kelurahan level: below it come the reports themselves.</summary>
    public bool AtKelurahan => Area.Level == AreaLevel.Village;
}

/// <summary>A report in the drill-down's last step; no personal data.</summary>
public sealed record DashboardReport(string Code, ReportStatus Status, string? CategoryCode, string? AgencyCode, DateTimeOffset ReceivedAt, DateTimeOffset? ResolutionDueAt);

/// <summary>Reads the dashboard's request (period, area, agency) against the viewer's rights, and its tables.</summary>
public sealed class DashboardTables(AduanDbContext db, ScorecardQuery query, CurrentPack pack, AreaLocator areas, AgencyTree agencies, ReportAccess access, TimeProvider clock)
{
    public const int OverdueRows = 20;
    public const int ReportRows = 200;

    /// <summary>The most rows an export writes; a larger one is refused with a request to narrow it.</summary>
    public const int MaxExportRows = 50_000;

    public static bool MayView(StaffActor actor) =>
        !actor.IsApiKey && (actor.Has(StaffRole.Leader | StaffRole.Admin) || (actor.Has(StaffRole.AgencyHead) && actor.AgencyCode is not null));

    public async Task<(DashboardView? View, List<FieldError> Errors)> ReadAsync(StaffActor actor, string? from, string? to, string? area, string? agency, CancellationToken ct)
    {
        var snapshot = await pack.GetAsync(ct);
        var today = ScorecardRollups.LocalDay(clock.GetUtcNow(), snapshot.TimeZone);
        var (period, errors) = ScorecardPeriod.Parse(from, to, today);
        var scope = actor.Has(StaffRole.Leader | StaffRole.Admin) ? null : await agencies.SubtreeAsync(actor.AgencyCode!, ct);

        var lineage = await areas.LineageAsync(string.IsNullOrWhiteSpace(area) ? snapshot.Info.RootAreaCode : area.Trim(), ct);
        if (lineage.Count == 0)
            errors.Add(new FieldError("area", "Scorecard_UnknownArea", area ?? ""));
        Agency? picked = null;
        if (!string.IsNullOrWhiteSpace(agency))
        {
            picked = await agencies.FindAsync(agency.Trim(), ct);
            if (picked is null)
                errors.Add(new FieldError("agency", "Scorecard_UnknownAgency", agency));
            else if (scope is not null && !scope.Contains(picked.Code))
                errors.Add(new FieldError("agency", "Scorecard_AgencyNotYours", picked.Name));
        }
        if (errors.Count > 0)
            return (null, errors);
        return (new DashboardView(period!, lineage[0], [.. lineage.Reverse()], picked, scope), errors);
    }

    public async Task<IReadOnlyList<UnitScorecard>> AreaRankingAsync(DashboardView view, CancellationToken ct) =>
        view.SeesAreas && !view.AtKelurahan ? await query.UnitsAsync(view.Period, UnitKind.Areas, view.Filter with { AreaCode = view.Area.Code }, ct) : [];

    public Task<IReadOnlyList<UnitScorecard>> AgencyRankingAsync(DashboardView view, CancellationToken ct) =>
        query.UnitsAsync(view.Period, UnitKind.Agencies, view.Filter with { Agencies = view.AgencyScope }, ct);

    public Task<IReadOnlyList<TrendPoint>> TrendAsync(DashboardView view, CancellationToken ct) =>
        query.TrendAsync(view.Period, view.Filter, byAgency: !view.SeesAreas || view.Agency is not null, ct);

    public async Task<ScorecardFigures> TotalAsync(DashboardView view, CancellationToken ct)
    {
        var byAgency = !view.SeesAreas || view.Agency is not null;
        return ScorecardFigures.From(await query.TotalAsync(view.Period, view.Filter, byAgency, ct), byArea: !byAgency);
    }

    public Task<IReadOnlyList<OverdueReport>> OverdueAsync(DashboardView view, int limit, CancellationToken ct) =>
        query.OverdueAsync(view.Filter, clock.GetUtcNow(), limit, ct);

    /// <summary>The reports received in the kelurahan in the period that the viewer may read, newest first.</summary>
    public async Task<IQueryable<DashboardReport>> ReportsAsync(StaffActor actor, DashboardView view, CancellationToken ct)
    {
        var scope = await access.ScopeForAsync(actor, ct);
        var zone = (await pack.GetAsync(ct)).TimeZone;
        var (start, end) = (ScorecardRollups.Instant(view.Period.From, zone), ScorecardRollups.Instant(view.Period.To.AddDays(1), zone));
        var code = view.Area.Code;
        var reports = scope.Filter(db.Reports.AsNoTracking()).Where(r => r.AreaCode == code && r.ReceivedAt >= start && r.ReceivedAt < end);
        if (view.Filter.Agencies is { } allowed)
            reports = reports.Where(r => allowed.Contains(r.AgencyCode!));
        return reports.OrderByDescending(r => r.ReceivedAt)
            .Select(r => new DashboardReport(r.Code, r.Status, r.CategoryCode, r.AgencyCode, r.ReceivedAt, r.ResolutionDueAt));
    }
}
