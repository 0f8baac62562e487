using Aduan.Bench.Shared;

namespace Aduan.Bench.Scorecards;

internal static class Bench
{
    /// <summary>The dki-jakarta places the dashboard's queries look at: the province's kota, Jakarta Selatan's kecamatan, Tebet's kelurahan.</summary>
    public static DashboardPlaces Jakarta { get; } = new(
        [("the province", "31"), ("Jakarta Selatan", "31.74"), ("kec. Tebet", "31.74.01")],
        ("Jakarta Pusat", "31.71"),
        ("Sudin Bina Marga Jakarta Selatan", "sudin-bina-marga-31-74"));

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
