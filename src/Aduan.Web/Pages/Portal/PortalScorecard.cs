using Aduan.Scorecards;
using Aduan.Web.Api;

namespace Aduan.Web.Pages.Portal;

/// <summary>
/// The "Rapor kinerja" section of an area or agency page: the unit's scorecard for the page's
/// period (as whole local days) and its place among its peers. Aggregates only.
/// </summary>
public sealed record PortalScorecard(ScorecardPeriod Period, UnitStanding Standing)
{
    /// <summary>How many ranked agencies the agency page lists around the agency itself, on each side.</summary>
    public const int Neighbours = 2;

    /// <summary>The section for the page's filter, or null when its period has no day up to today (nothing to measure yet).</summary>
    public static async Task<PortalScorecard?> ReadAsync(PublicScorecards scorecards, ReportFilter filter, UnitKind kind, string code, CancellationToken ct)
    {
        if (filter.From is not { } from || await scorecards.PeriodAsync(from, filter.To, ct) is not { } period)
            return null;
        var standing = kind == UnitKind.Areas ? await scorecards.AreaAsync(code, period, ct) : await scorecards.AgencyAsync(code, period, ct);
        return standing is null ? null : new PortalScorecard(period, standing);
    }

    /// <summary>A unit page's address keeping the period typed on this page (so a ranking's links compare like with like).</summary>
    public static string Link(string path, PublicFilterInput input)
    {
        var period = string.Join("&", new (string Name, string? Value)[] { ("dari", input.From), ("sampai", input.To) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}"));
        return period.Length == 0 ? path : $"{path}?{period}";
    }
}
