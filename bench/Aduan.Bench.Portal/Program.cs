using System.Diagnostics;
using System.Globalization;
using Aduan.Areas;
using Aduan.Bench.Shared;
using Aduan.Data;
using Aduan.Portal;
using Aduan.Reports;
using Aduan.Web;
using Microsoft.Extensions.DependencyInjection;

// The public portal's queries on a database of synthetic reports (see README.md):
//   dotnet run -c Release --project bench/Aduan.Bench.Portal -- [reports=1000000] [sqlite|postgres] [years=3]
// PostgreSQL reads its connection string from ADUAN_BENCH_POSTGRES (a fresh, empty database).
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var database = args.Length > 1 ? args[1] : "sqlite";
var years = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var repo = FindRepo();
var data = Path.Combine(Path.GetTempPath(), "aduan-bench-portal", Guid.NewGuid().ToString("N"));
string[] settings =
[
    "--urls=http://127.0.0.1:0", "--environment=Production", $"--Aduan:DataFolder={data}", $"--Aduan:PacksFolder={Path.Combine(repo, "packs")}",
    "--Aduan:Pack=dki-jakarta", "--Logging:LogLevel:Default=Warning", "--Aduan:TrainOnFirstStart=false", "--Aduan:BackgroundTriage=false",
    "--Aduan:BackgroundFollowUp=false", "--Aduan:BackgroundEscalation=false", "--Aduan:BackgroundDelivery=false", "--Aduan:BackgroundAlerts=false",
    "--Aduan:BackgroundEmailIntake=false", "--Aduan:ClassifierRetrainHours=0",
];
if (database == "postgres")
    settings = [.. settings, "--Aduan:Database=Postgres", $"--Aduan:ConnectionString={Environment.GetEnvironmentVariable("ADUAN_BENCH_POSTGRES")}"];
var app = AduanWebApp.Build(settings, Path.Combine(repo, "src", "Aduan.Web"));
try
{
    await app.PrepareDatabaseAsync();
    await app.StartAsync();
    var now = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    await GenerateAsync(app.Services, count, years, now);
    Console.WriteLine($"generated {count:N0} reports over {years} years into {database} in {clock.Elapsed.TotalSeconds:0.0} s");
    using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromMinutes(5) };
    var year = $"from={now.AddDays(-365):yyyy-MM-dd}&to={now:yyyy-MM-dd}";
    var monas = "106.8172,-6.1854,106.8372,-6.1654";
    (string Name, string Url)[] queries =
    [
        ("boundaries kelurahan", "/api/public/boundaries/kelurahan"),
        ("map zoom 9 (kota), 30 days", "/api/public/map?zoom=9"),
        ("map zoom 11 (kecamatan), 30 days", "/api/public/map?zoom=11"),
        ("map zoom 11 (kecamatan), 365 days", $"/api/public/map?zoom=11&{year}"),
        ("map zoom 13 (kelurahan), 365 days, one category", $"/api/public/map?zoom=13&{year}&category=jalan-rusak"),
        ("map zoom 15 points, 30 days", $"/api/public/map?zoom=15&bbox={monas}"),
        ("map zoom 15 box, 365 days (cells past the cap)", $"/api/public/map?zoom=15&bbox={monas}&{year}"),
        ("list, 30 days", "/api/public/reports"),
        ("list, 365 days, one kecamatan and status", $"/api/public/reports?{year}&area=31.71.01&status=Verified"),
        ("area page /wilayah/31.71, 30 days", "/wilayah/31.71"),
        ("agency page, 365 days", $"/instansi/sudin-bina-marga-31-71?dari={now.AddDays(-365):yyyy-MM-dd}"),
        ("map page /peta", "/peta"),
        ("CSV download, 30 days", "/data-terbuka/laporan.csv"),
        ("GeoJSON download, 30 days", "/data-terbuka/laporan.geojson"),
        ("CSV download, 365 days", $"/data-terbuka/laporan.csv?{year}"),
    ];
    Timings.Header("bytes");
    foreach (var (name, url) in queries)
        await Timings.MeasureAsync(name, url.Contains("laporan.csv?from", StringComparison.Ordinal) ? 2 : 7, () => Timings.GetAsync(http, url));
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    if (Directory.Exists(data))
        Directory.Delete(data, recursive: true);
}

static async Task GenerateAsync(IServiceProvider services, int count, int years, DateTimeOffset now)
{
    using var setup = services.CreateScope();
    var places = (await setup.ServiceProvider.GetRequiredService<BoundaryLayer>().PlacesAsync(CancellationToken.None)).Values
        .Where(p => p.Level == AreaLevel.Village && !double.IsNaN(p.Latitude)).ToArray();
    // Categories weighted like Jakarta's mix: parking and dumping lead, a long tail after them.
    string[] categories = ["parkir-liar", "parkir-liar", "parkir-liar", "sampah-liar", "sampah-liar", "jalan-rusak", "jalan-rusak", "lampu-jalan-mati",
        "saluran-tersumbat", "banjir-genangan", "pohon-tumbang", "pkl-liar", "trotoar-rusak", "kabel-semrawut", "gangguan-ketertiban-umum"];
    var random = new Random(2026);
    var span = TimeSpan.FromDays(365 * years).Ticks;
    const int batch = 20_000;
    for (var done = 0; done < count; done += batch)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = done; i < Math.Min(count, done + batch); i++)
        {
            var place = places[random.Next(places.Length)];
            var at = now.AddTicks(-(long)(random.NextDouble() * span));
            var visibility = random.Next(100) switch { < 2 => ReportVisibility.Confidential, < 10 => ReportVisibility.Anonymous, _ => ReportVisibility.Public };
            var hasPoint = random.Next(100) < 85;
            var report = Report.Submit(new NewReport(TrackingCode.New(), categories[random.Next(categories.Length)], $"Laporan uji nomor {i}",
                hasPoint ? place.Latitude + ((random.NextDouble() - 0.5) * 0.004) : null, hasPoint ? place.Longitude + ((random.NextDouble() - 0.5) * 0.004) : null,
                null, place.Code, Channel.Web, visibility, null, null, "bench", []), at);
            switch (random.Next(100))
            {
                case < 5:
                    report.Reject(at.AddHours(2), "bench", "spam");
                    break;
                case < 80:
                    report.Verify(at.AddHours(1), "bench");
                    break;
            }
            db.Reports.Add(report);
        }
        await db.SaveChangesAsync();
    }
}

static string FindRepo()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Aduan.slnx")))
            return dir.FullName;
    }
    throw new DirectoryNotFoundException("Aduan.slnx not found above the benchmark.");
}
