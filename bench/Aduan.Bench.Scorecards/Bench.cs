using Aduan.Scorecards;

namespace Aduan.Bench.Scorecards;

internal static class Bench
{
    /// <summary>What the dashboard asks for: ranking tables at each level, trends, totals and the overdue list.</summary>
    public static IEnumerable<(string Name, Func<ScorecardQuery, Task> Query)> Queries(DateOnly today)
    {
        var last90 = new ScorecardPeriod(today.AddDays(-89), today);
        // The most daily rows a period reads: 30 days before its first whole month and 30 after its last.
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var edges = new ScorecardPeriod(firstOfMonth.AddMonths(-5).AddDays(1), firstOfMonth.AddMonths(-1).AddDays(-2));
        var year = new ScorecardPeriod(today.AddDays(-364), today);
        var now = DateTimeOffset.UtcNow;
        foreach (var (label, period) in new[] { ("90 days", last90), ("edges: 58 days + 2 months", edges), ("365 days", year) })
        {
            yield return ($"kota ranking (province), {label}", q => q.UnitsAsync(period, UnitKind.Areas, new ScorecardFilter("31"), default));
            yield return ($"kecamatan ranking (Jakarta Selatan), {label}", q => q.UnitsAsync(period, UnitKind.Areas, new ScorecardFilter("31.74"), default));
            yield return ($"kelurahan ranking (kec. Tebet), {label}", q => q.UnitsAsync(period, UnitKind.Areas, new ScorecardFilter("31.74.01"), default));
            yield return ($"agency ranking (province), {label}", q => q.UnitsAsync(period, UnitKind.Agencies, new ScorecardFilter(), default));
            yield return ($"agency ranking (one kota), {label}", q => q.UnitsAsync(period, UnitKind.Agencies, new ScorecardFilter("31.71"), default));
            yield return ($"total (province), {label}", q => q.TotalAsync(period, new ScorecardFilter(), false, default));
            yield return ($"trend (province), {label}", q => q.TrendAsync(period, new ScorecardFilter(), false, default));
        }
        yield return ("worst overdue, top 20 (province)", q => q.OverdueAsync(new ScorecardFilter(), now, 20, default));
        yield return ("worst overdue, top 20 (one kota)", q => q.OverdueAsync(new ScorecardFilter("31.71"), now, 20, default));
        yield return ("worst overdue, top 20 (one agency)", q => q.OverdueAsync(new ScorecardFilter(null, ["sudin-bina-marga-31-74"]), now, 20, default));
    }

    public static string FindPacks()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "packs", "dki-jakarta")))
                return Path.Combine(dir.FullName, "packs");
        }
        throw new DirectoryNotFoundException("packs/dki-jakarta not found above the benchmark");
    }
}
