using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Scorecards;
using Aduan.Web.Auth;
using Aduan.Web.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

/// <summary>A scorecard anyone may read: one area's or agency's figures for a period, with its score among its peers. Aggregates only.</summary>
public sealed record PublicScorecard(string Kind, string Code, string Name, DateOnly From, DateOnly To, PublicFigures Figures, double Score, int? Rank, int RankedOf, string Formula);

/// <summary>The figures as JSON: durations in working minutes, shares from 0 to 1; null where there is nothing to measure.</summary>
public sealed record PublicFigures(
    long Received, long Dispatched, long Responded, double? ResponseMedianMinutes, double? ResponseP90Minutes, double? ResponseOnTimeShare,
    long Resolved, double? ResolutionMedianMinutes, double? ResolutionP90Minutes, double? ResolutionOnTimeShare, double? ConfirmedWithEvidenceShare,
    long Reopened, double? ReopenRate, long HandedBack, double? HandBackRate, double? RatingMean, long RatingCount)
{
    public static PublicFigures Of(ScorecardFigures f) => new(
        f.Received, f.Dispatched, f.Responded, TableExport.Minutes(f.ResponseMedian), TableExport.Minutes(f.ResponseP90), Round(f.ResponseOnTimeShare),
        f.Resolved, TableExport.Minutes(f.ResolutionMedian), TableExport.Minutes(f.ResolutionP90), Round(f.ResolutionOnTimeShare), Round(f.ConfirmedWithEvidenceShare),
        f.Reopened, Round(f.ReopenRate), f.HandedBack, Round(f.HandBackRate), f.RatingMean is { } m ? Math.Round(m, 2) : null, f.RatingCount);

    private static double? Round(double? share) => share is { } s ? Math.Round(s, 4) : null;
}

public sealed record RankingRow(int? Rank, string Code, string Name, double Score, long Finished, long Good, long Reopened, long HandedBack, PublicFigures Figures);

public sealed record PublicRanking(string Kind, string? Within, DateOnly From, DateOnly To, string Formula, int MinimumFinished, IReadOnlyList<RankingRow> Units);

public sealed record DashboardJson(
    DateOnly From, DateOnly To, string Area, string? Agency, PublicFigures Total, PublicRanking? Areas, PublicRanking Agencies,
    IReadOnlyList<TrendPoint> Trend, IReadOnlyList<OverdueJson> Overdue);

public sealed record OverdueJson(string Code, string? Category, string? Area, string? Agency, string Status, DateTimeOffset DueAt);

/// <summary>
/// Scorecards as JSON. The public ones (no sign-in) carry aggregates only — counts, times, shares,
/// scores — for the public portal's area and agency pages; the dashboard's (leaders, admins,
/// agency heads) add the overdue list and the CSV/XLSX exports of every table.
/// </summary>
public static class ScorecardsApi
{
    public static void MapScorecardsApi(this WebApplication app)
    {
        var open = app.MapGroup("/api/scorecards").WithTags("Scorecards");
        open.MapGet("/areas/{code}", (string code, string? from, string? to, HttpContext http) => OneAsync(UnitKind.Areas, code, from, to, http))
            .WithSummary("One area's scorecard for a period (from, to: yyyy-MM-dd; default the last 90 days), ranked among its sibling areas");
        open.MapGet("/agencies/{code}", (string code, string? from, string? to, HttpContext http) => OneAsync(UnitKind.Agencies, code, from, to, http))
            .WithSummary("One agency's scorecard for a period, ranked among all agencies");
        open.MapGet("/ranking", RankingAsync)
            .WithSummary("A ranking table: kind=areas (the areas under 'area') or kind=agencies (agencies working in 'area'), with the formula");

        var staff = app.MapGroup("/api/staff/dashboard").WithTags("Dashboard").RequireAuthorization(StaffPolicies.Dashboard);
        staff.MapGet("", DashboardAsync).WithSummary("Everything the leaders' dashboard shows, for the caller's view");
        staff.MapGet("/export", ExportAsync).WithSummary("One dashboard table as CSV or XLSX: table=areas|agencies|trend|overdue|reports, format=csv|xlsx");
    }

    private static async Task<IResult> OneAsync(UnitKind kind, string code, string? from, string? to, HttpContext http)
    {
        var services = http.RequestServices;
        var (text, ct) = (services.GetRequiredService<IStringLocalizer<SharedResource>>(), http.RequestAborted);
        var (period, errors) = await PeriodAsync(services, from, to, ct);
        string? parent = null;
        if (kind == UnitKind.Areas)
        {
            var lineage = await services.GetRequiredService<AreaLocator>().LineageAsync(code, ct);
            if (lineage.Count == 0)
                errors.Add(new FieldError("code", "Scorecard_UnknownArea", code));
            else
                parent = lineage.Count > 1 ? lineage[1].Code : null;
        }
        else if (await services.GetRequiredService<AgencyTree>().FindAsync(code, ct) is null)
        {
            errors.Add(new FieldError("code", "Scorecard_UnknownAgency", code));
        }
        if (errors.Count > 0)
            return Problems.Validation(errors, text);
        var query = services.GetRequiredService<ScorecardQuery>();
        IReadOnlyList<UnitScorecard> peers;
        if (kind == UnitKind.Areas && parent is null)
        {
            // The province itself has no peers: its own total, unranked.
            var total = await query.TotalAsync(period!, new ScorecardFilter(code), agenciesOnly: false, ct);
            var name = (await services.GetRequiredService<AreaLocator>().LineageAsync(code, ct))[0].Name;
            peers = [new UnitScorecard(code, name, ScorecardFigures.From(total, byArea: true), RankingScore.Rank([total])[0] with { Rank = null }, total)];
        }
        else
        {
            peers = await query.UnitsAsync(period!, kind, new ScorecardFilter(parent), ct);
        }
        var unit = peers.SingleOrDefault(u => u.Code == code);
        if (unit is null)
        {
            // An agency with no work in the period: all zeros, unranked.
            var none = new ScorecardCounts();
            var name = (await services.GetRequiredService<AgencyTree>().FindAsync(code, ct))!.Name;
            unit = new UnitScorecard(code, name, ScorecardFigures.From(none, byArea: false), new Ranked(0, null, 0, 0), none);
        }
        return TypedResults.Ok(new PublicScorecard(kind == UnitKind.Areas ? "area" : "agency", unit.Code, unit.Name, period!.From, period.To,
            PublicFigures.Of(unit.Figures), unit.Ranking.Score, unit.Ranking.Rank, peers.Count(p => p.Ranking.Rank is not null), RankingScore.Formula));
    }

    private static async Task<IResult> RankingAsync(string? kind, string? area, string? from, string? to, HttpContext http)
    {
        var services = http.RequestServices;
        var (text, ct) = (services.GetRequiredService<IStringLocalizer<SharedResource>>(), http.RequestAborted);
        var (period, errors) = await PeriodAsync(services, from, to, ct);
        UnitKind? unitKind = kind?.Trim().ToLowerInvariant() switch { "areas" or "wilayah" => UnitKind.Areas, "agencies" or "instansi" => UnitKind.Agencies, _ => null };
        if (unitKind is null)
            errors.Add(new FieldError("kind", "Scorecard_UnknownKind"));
        var pack = await services.GetRequiredService<CurrentPack>().GetAsync(ct);
        var within = string.IsNullOrWhiteSpace(area) ? pack.Info.RootAreaCode : area.Trim();
        if ((await services.GetRequiredService<AreaLocator>().LineageAsync(within, ct)).Count == 0)
            errors.Add(new FieldError("area", "Scorecard_UnknownArea", within));
        if (errors.Count > 0)
            return Problems.Validation(errors, text);
        var filter = new ScorecardFilter(unitKind == UnitKind.Agencies && within == pack.Info.RootAreaCode ? null : within);
        var units = await services.GetRequiredService<ScorecardQuery>().UnitsAsync(period!, unitKind!.Value, filter, ct);
        return TypedResults.Ok(Ranking(unitKind.Value, within, period!, units));
    }

    internal static PublicRanking Ranking(UnitKind kind, string? within, ScorecardPeriod period, IReadOnlyList<UnitScorecard> units) =>
        new(kind == UnitKind.Areas ? "areas" : "agencies", within, period.From, period.To, RankingScore.Formula, RankingScore.MinimumFinished,
            units.Select(u => new RankingRow(u.Ranking.Rank, u.Code, u.Name, u.Ranking.Score, u.Ranking.Finished, u.Counts.Good, u.Counts.Reopened, u.Counts.HandedBack,
                PublicFigures.Of(u.Figures))).ToList());

    private static async Task<IResult> DashboardAsync(string? from, string? to, string? area, string? agency, HttpContext http, DashboardTables tables, IStringLocalizer<SharedResource> text)
    {
        var ct = http.RequestAborted;
        var (view, errors) = await tables.ReadAsync(http.User.ToStaffActor()!, from, to, area, agency, ct);
        if (view is null)
            return Problems.Validation(errors, text);
        var areas = view.SeesAreas && !view.AtKelurahan ? Ranking(UnitKind.Areas, view.Area.Code, view.Period, await tables.AreaRankingAsync(view, ct)) : null;
        var agencies = Ranking(UnitKind.Agencies, view.Area.Code, view.Period, await tables.AgencyRankingAsync(view, ct));
        var overdue = (await tables.OverdueAsync(view, DashboardTables.OverdueRows, ct))
            .Select(o => new OverdueJson(TrackingCode.Format(o.Code), o.CategoryCode, o.AreaCode, o.AgencyCode, o.Status.ToString(), o.DueAt)).ToList();
        return TypedResults.Ok(new DashboardJson(view.Period.From, view.Period.To, view.Area.Code, view.Agency?.Code,
            PublicFigures.Of(await tables.TotalAsync(view, ct)), areas, agencies, await tables.TrendAsync(view, ct), overdue));
    }

    private static async Task<IResult> ExportAsync(
        string? table, string? format, string? from, string? to, string? area, string? agency, HttpContext http, DashboardTables tables,
        CurrentPack packs, CategoryDirectory categories, AgencyTree agencyTree, TimeProvider clock, IStringLocalizer<SharedResource> text)
    {
        var ct = http.RequestAborted;
        var actor = http.User.ToStaffActor()!;
        var (view, errors) = await tables.ReadAsync(actor, from, to, area, agency, ct);
        var wanted = table?.Trim().ToLowerInvariant();
        var kind = format?.Trim().ToLowerInvariant();
        if (!TableExport.Tables.Contains(wanted))
            errors.Add(new FieldError("table", "Export_UnknownTable", string.Join(", ", TableExport.Tables)));
        if (!TableExport.Formats.Contains(kind))
            errors.Add(new FieldError("format", "Export_UnknownFormat"));
        if (view is not null && wanted == "areas" && !view.SeesAreas)
            errors.Add(new FieldError("table", "Export_AreasNotYours"));
        if (view is not null && wanted == "reports" && !view.AtKelurahan)
            errors.Add(new FieldError("area", "Export_ReportsNeedKelurahan"));
        if (view is null || errors.Count > 0)
            return Problems.Validation(errors, text);

        var pack = await packs.GetAsync(ct);
        ExportTable export;
        switch (wanted)
        {
            case "areas":
                export = TableExport.Ranking("areas", await tables.AreaRankingAsync(view, ct), text);
                break;
            case "agencies":
                export = TableExport.Ranking("agencies", await tables.AgencyRankingAsync(view, ct), text);
                break;
            case "trend":
                export = TableExport.Trend(await tables.TrendAsync(view, ct), text);
                break;
            case "overdue":
                var overdue = await tables.OverdueAsync(view, DashboardTables.MaxExportRows + 1, ct);
                if (overdue.Count > DashboardTables.MaxExportRows)
                    return TooLarge(text);
                export = await TableExport.OverdueAsync(overdue, pack, categories, agencyTree, clock.GetUtcNow(), text);
                break;
            default:
                var reports = await tables.ReportsAsync(actor, view, ct);
                if (await reports.Take(DashboardTables.MaxExportRows + 1).CountAsync(ct) > DashboardTables.MaxExportRows)
                    return TooLarge(text);
                export = TableExport.Reports(reports.AsAsyncEnumerable(), pack, text);
                break;
        }
        var name = $"aduan-{pack.Info.Name}-{export.Name}-{view.Period.From:yyyyMMdd}-{view.Period.To:yyyyMMdd}";
        if (kind == "xlsx")
            return TypedResults.File(await TableExport.XlsxAsync(export, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
        await TableExport.WriteCsvAsync(export, http.Response.Body, ct);
        return Results.Empty;
    }

    private static IResult TooLarge(IStringLocalizer<SharedResource> text) =>
        Problems.TooLarge([new FieldError("from", "Export_TooLarge", DashboardTables.MaxExportRows)], text);

    private static async Task<(ScorecardPeriod? Period, List<FieldError> Errors)> PeriodAsync(IServiceProvider services, string? from, string? to, CancellationToken ct)
    {
        var pack = await services.GetRequiredService<CurrentPack>().GetAsync(ct);
        var today = ScorecardRollups.LocalDay(services.GetRequiredService<TimeProvider>().GetUtcNow(), pack.TimeZone);
        return ScorecardPeriod.Parse(from, to, today);
    }
}
