using System.Diagnostics;
using Aduan.Bench.Shared;
using Aduan.Reports;
using Aduan.Scorecards;
using Aduan.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Bench.Record;

/// <summary>Where the timed queries look: the busiest kecamatan, agency and category of the generated record, and one public report.</summary>
internal sealed record RecordPlaces(string Root, string Kecamatan, string KecamatanName, string Agency, string Category, string PublicCode);

/// <summary>
/// The second half of the record benchmark: the app itself, on the loaded database, rebuilds its
/// scorecard rollups, then the dashboard's queries (ScorecardQuery, as the dashboard page and its
/// API call it) and the public portal's pages, APIs and downloads (over real HTTP) are timed.
/// </summary>
internal static class RecordQueries
{
    public static async Task RunAsync(RecordSettings settings, RecordPlaces places, CancellationToken ct)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0", "--environment=Production", $"--Aduan:DataFolder={settings.Data}", $"--Aduan:PacksFolder={settings.Packs}",
            "--Aduan:Pack=surabaya", "--Logging:LogLevel:Default=Warning", "--Aduan:TrainOnFirstStart=false", "--Aduan:ClassifierRetrainHours=0",
            "--Aduan:BackgroundTriage=false", "--Aduan:BackgroundFollowUp=false", "--Aduan:BackgroundEscalation=false", "--Aduan:BackgroundDelivery=false",
            "--Aduan:BackgroundAlerts=false", "--Aduan:BackgroundEmailIntake=false", "--Aduan:BackgroundRollups=false",
            "--Aduan:RateLimits:LookupPerMinute=1000000",
            $"--Aduan:Database={(settings.Postgres ? "Postgres" : "Sqlite")}",
            .. settings.Postgres ? [$"--Aduan:ConnectionString={settings.Connection}"] : Array.Empty<string>(),
        ];
        var app = AduanWebApp.Build(args, Path.Combine(Path.GetDirectoryName(settings.Packs)!, "src", "Aduan.Web"));
        try
        {
            var clock = Stopwatch.StartNew();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var days = await scope.ServiceProvider.GetRequiredService<ScorecardRollups>()
                    .RebuildAsync(month => Console.Error.WriteLine($"  rollups {month} ({clock.Elapsed.TotalSeconds:0} s)"), ct);
                Console.WriteLine($"`aduan rollups rebuild`: {days:N0} days rolled up in {clock.Elapsed.TotalSeconds:0.0} s.");
            }

            var now = DateTimeOffset.UtcNow;
            var today = ScorecardRollups.LocalDay(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta"));
            var dashboard = new DashboardPlaces(
                [("Kota Surabaya", places.Root), ($"kec. {places.KecamatanName}", places.Kecamatan)],
                ($"kec. {places.KecamatanName}", places.Kecamatan),
                (places.Agency, places.Agency));
            Console.WriteLine();
            Console.WriteLine("Dashboard queries (ScorecardQuery, a fresh unit of work each; 10 runs after 2 warm-ups):");
            Timings.Header();
            foreach (var (name, query) in DashboardQueries.For(dashboard, today, now))
            {
                await Timings.MeasureAsync(name, 10, async () =>
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    await query(scope.ServiceProvider.GetRequiredService<ScorecardQuery>());
                    return null;
                }, warmUp: 2);
            }

            await app.StartAsync(ct);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromMinutes(10) };
            Console.WriteLine();
            Console.WriteLine("Public portal over HTTP on loopback (5 runs after 1 warm-up; the year's CSV once):");
            Timings.Header("bytes");
            foreach (var (name, url, runs) in PublicQueries(places, today))
                await Timings.MeasureAsync(name, runs, () => Timings.GetAsync(http, url));
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    /// <summary>The public requests timed, with their periods counted back from today in the pack's zone (as the portal counts them: after 17:00 UTC it is already tomorrow in WIB).</summary>
    private static IEnumerable<(string Name, string Url, int Runs)> PublicQueries(RecordPlaces places, DateOnly today)
    {
        var year = $"from={today.AddDays(-365):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var days90 = $"from={today.AddDays(-89):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var centre = "112.73,-7.28,112.75,-7.26"; // about 2 km around the city centre
        yield return ("boundaries kelurahan", "/api/public/boundaries/kelurahan", 5);
        yield return ("map zoom 11 (kecamatan), 30 days", "/api/public/map?zoom=11", 5);
        yield return ("map zoom 11 (kecamatan), 365 days", $"/api/public/map?zoom=11&{year}", 5);
        yield return ("map zoom 13 (kelurahan), 365 days, one category", $"/api/public/map?zoom=13&{year}&category={places.Category}", 5);
        yield return ("map zoom 15 points, 30 days", $"/api/public/map?zoom=15&bbox={centre}", 5);
        yield return ("map zoom 15 box, 365 days", $"/api/public/map?zoom=15&bbox={centre}&{year}", 5);
        yield return ("list, 30 days", "/api/public/reports", 5);
        yield return ("list, 365 days, one kecamatan, closed", $"/api/public/reports?{year}&area={places.Kecamatan}&status=Closed", 5);
        yield return ("track page", $"/lacak/{TrackingCode.Format(places.PublicCode)}", 5);
        yield return ("map page /peta", "/peta", 5);
        yield return ($"area page /wilayah/{places.Root}, 30 days", $"/wilayah/{places.Root}", 5);
        yield return ("area page of the kecamatan, 365 days", $"/wilayah/{places.Kecamatan}?dari={today.AddDays(-365):yyyy-MM-dd}", 5);
        yield return ("agency page, 365 days", $"/instansi/{places.Agency}?dari={today.AddDays(-365):yyyy-MM-dd}", 5);
        yield return ("scorecard API, the kecamatan, 90 days", $"/api/scorecards/areas/{places.Kecamatan}?{days90}", 5);
        yield return ("scorecard API, the agency, 365 days", $"/api/scorecards/agencies/{places.Agency}?{year}", 5);
        yield return ("ranking API, agencies, 365 days", $"/api/scorecards/ranking?kind=agencies&{year}", 5);
        yield return ("ranking API, kecamatan, 90 days", $"/api/scorecards/ranking?kind=areas&{days90}", 5);
        yield return ("CSV download, 30 days", "/data-terbuka/laporan.csv", 3);
        yield return ("GeoJSON download, 30 days", "/data-terbuka/laporan.geojson", 3);
        yield return ("CSV download, 365 days", $"/data-terbuka/laporan.csv?{year}", 1);
    }
}
