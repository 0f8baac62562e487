using Aduan.Bench.Shared;
using Aduan.Scorecards;

namespace Aduan.Bench.Scorecards;

internal static class Bench
{
    /// <summary>The dki-jakarta places the dashboard's queries look at: the province's kota, Jakarta Selatan's kecamatan, Tebet's kelurahan.</summary>
    public static DashboardPlaces Jakarta { get; } = new(
        [("the province", "31"), ("Jakarta Selatan", "31.74"), ("kec. Tebet", "31.74.01")],
        ("Jakarta Pusat", "31.71"),
        ("Sudin Bina Marga Jakarta Selatan", "sudin-bina-marga-31-74"));

    /// <summary>What the public portal's pages read (<see cref="PublicScorecards"/>) for their default period, the last 30 days.</summary>
    public static IEnumerable<(string Name, Func<PublicScorecards, Task> Query)> PortalQueries(DateOnly today)
    {
        var last30 = new ScorecardPeriod(today.AddDays(-29), today);
        yield return ("portal: kota page (Jakarta Pusat among kota + its kecamatan), 30 days", p => AreaPageAsync(p, "31.71", last30));
        yield return ("portal: kecamatan page (Tebet + its kelurahan), 30 days", p => AreaPageAsync(p, "31.74.01", last30));
        yield return ("portal: kelurahan page (among kec. Tebet's), 30 days", p => p.AreaAsync("31.74.01.1001", last30, default));
        yield return ("portal: agency page (among all agencies), 30 days", p => p.AgencyAsync("sudin-bina-marga-31-74", last30, default));
    }

    /// <summary>An area page's reads: the area among its siblings, then its children ranked.</summary>
    private static async Task AreaPageAsync(PublicScorecards scorecards, string code, ScorecardPeriod period)
    {
        await scorecards.AreaAsync(code, period, default);
        await scorecards.ChildAreasAsync(code, period, default);
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
