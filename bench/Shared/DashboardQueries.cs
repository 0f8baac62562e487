using Aduan.Scorecards;

namespace Aduan.Bench.Shared;

/// <summary>
/// Where in a pack the dashboard's queries look: the areas whose children are ranked (top level
/// first), the area in which agencies are ranked and overdue reports listed, and one agency.
/// </summary>
public sealed record DashboardPlaces(IReadOnlyList<(string Label, string Code)> Rankings, (string Label, string Code) Within, (string Label, string Code) Agency);

public static class DashboardQueries
{
    /// <summary>What the leaders' dashboard asks for: ranking tables at each level, totals, trends and the worst overdue reports.</summary>
    public static IEnumerable<(string Name, Func<ScorecardQuery, Task> Query)> For(DashboardPlaces places, DateOnly today, DateTimeOffset now)
    {
        var last90 = new ScorecardPeriod(today.AddDays(-89), today);
        // The most daily rows a period reads: 30 days before its first whole month and 30 after its last.
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var edges = new ScorecardPeriod(firstOfMonth.AddMonths(-5).AddDays(1), firstOfMonth.AddMonths(-1).AddDays(-2));
        var year = new ScorecardPeriod(today.AddDays(-364), today);
        var root = places.Rankings[0];
        foreach (var (label, period) in new[] { ("90 days", last90), ("edges: 58 days + 2 months", edges), ("365 days", year) })
        {
            foreach (var (name, code) in places.Rankings)
                yield return ($"areas ranked in {name}, {label}", q => q.UnitsAsync(period, UnitKind.Areas, new ScorecardFilter(code), default));
            yield return ($"agency ranking ({root.Label}), {label}", q => q.UnitsAsync(period, UnitKind.Agencies, new ScorecardFilter(), default));
            yield return ($"agency ranking ({places.Within.Label}), {label}", q => q.UnitsAsync(period, UnitKind.Agencies, new ScorecardFilter(places.Within.Code), default));
            yield return ($"total ({root.Label}), {label}", q => q.TotalAsync(period, new ScorecardFilter(), false, default));
            yield return ($"trend ({root.Label}), {label}", q => q.TrendAsync(period, new ScorecardFilter(), false, default));
        }
        yield return ($"worst overdue, top 20 ({root.Label})", q => q.OverdueAsync(new ScorecardFilter(), now, 20, default));
        yield return ($"worst overdue, top 20 ({places.Within.Label})", q => q.OverdueAsync(new ScorecardFilter(places.Within.Code), now, 20, default));
        yield return ($"worst overdue, top 20 ({places.Agency.Label})", q => q.OverdueAsync(new ScorecardFilter(null, [places.Agency.Code]), now, 20, default));
    }
}
