using System.Diagnostics;
using System.Globalization;
using Aduan;
using Aduan.Areas;
using Aduan.Bench.Duplicates;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Reports;
using Aduan.Triage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries.Prepared;
using Npgsql;

// Duplicate-check benchmark: fill a database with many open reports, then time the duplicate
// search for new ones. See README.md next to this file.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var settings = Settings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine("usage: Aduan.Bench.Duplicates --database sqlite|postgres [--connection CS] [--data DIR] [--reports 1000000] [--probes 1000] [--packs DIR]");
    return 2;
}
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var ct = stop.Token;

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Aduan:DataFolder"] = settings.Data,
    ["Aduan:Database"] = settings.Postgres ? "Postgres" : "Sqlite",
    ["Aduan:ConnectionString"] = settings.Connection,
    ["Aduan:PacksFolder"] = settings.Packs,
    ["Aduan:Pack"] = "dki-jakarta",
}).Build();
await using var services = new ServiceCollection().AddLogging().AddAduan(configuration).BuildServiceProvider();
var label = settings.Postgres ? "PostgreSQL" : "SQLite";
const int Warmup = 50;

var clock = Stopwatch.StartNew();
List<(string Code, IPreparedGeometry Shape, NetTopologySuite.Geometries.Envelope Box)> kelurahan;
List<Category> categories;
await using (var scope = services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<PrepareDatabase>().RunAsync(ct);
    var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
    var shapes = await db.Areas.AsNoTracking()
        .Where(a => a.Level == AreaLevel.Village && a.BoundaryGeoJson != null && !a.Code.StartsWith("31.01"))
        .Select(a => new { a.Code, a.BoundaryGeoJson }).ToListAsync(ct);
    kelurahan = [.. shapes.Select(s => Boundaries.Read(s.BoundaryGeoJson!)).Zip(shapes, (g, s) => (s.Code, PreparedGeometryFactory.Prepare(g), g.EnvelopeInternal))];
    categories = [.. (await scope.ServiceProvider.GetRequiredService<CategoryDirectory>().AllAsync(ct)).Where(c => c.IsActive).OrderBy(c => c.Code, StringComparer.Ordinal)];
}
Console.WriteLine($"{label}: schema and pack ready in {clock.Elapsed.TotalSeconds:0.0} s; {kelurahan.Count} kelurahan, {categories.Count} categories.");

// Fill: reports received over the last 30 days, oldest first.
var now = DateTimeOffset.UtcNow;
var generator = new SyntheticReports(kelurahan, categories, seed: 1123);
var samples = new List<ReportRow>();
var codes = new HashSet<string>(StringComparer.Ordinal);
IEnumerable<ReportRow> Rows()
{
    var start = now.AddDays(-30);
    for (var i = 0; i < settings.Reports; i++)
    {
        var row = generator.Next(start + (TimeSpan.FromDays(30) * ((i + 0.5) / settings.Reports)), NewCode());
        // Sources for planted duplicates: reports of the last 20 hours, inside every category's window.
        if (row.ReceivedAt >= now.AddHours(-20) && i % 7 == 0)
            samples.Add(row);
        yield return row;
    }
}
clock.Restart();
var options = services.GetRequiredService<IOptions<AduanOptions>>().Value;
if (settings.Postgres)
{
    await using var connection = new NpgsqlConnection(settings.Connection);
    await connection.OpenAsync(ct);
    await BulkLoad.PostgresAsync(connection, Rows(), ct);
}
else
{
    await using var connection = new SqliteConnection(options.SqliteConnectionString);
    await connection.OpenAsync(ct);
    await BulkLoad.SqliteAsync(connection, Rows(), ct);
}
Console.WriteLine($"{label}: loaded {settings.Reports:N0} open reports in {clock.Elapsed.TotalSeconds:0.0} s (indexes rebuilt{(settings.Postgres ? ", VACUUM ANALYZE" : "")}).");

// Probes: half told again near a report of the last 20 hours (a planted duplicate), half anywhere.
var probes = Enumerable.Range(0, settings.Probes + Warmup).Select(i =>
{
    var at = now.AddMilliseconds(i);
    var source = i % 2 == 0 && samples.Count > 0 ? samples[i / 2 % samples.Count] : null;
    var row = source is null ? generator.Next(at, NewCode()) : generator.Near(source, at, NewCode());
    var report = Report.Submit(new NewReport(row.Code, row.CategoryCode, row.Description, row.Latitude, row.Longitude, null, row.AreaCode,
        Channel.Web, ReportVisibility.Public, null, null, "bench", []), at);
    return (Report: report, Planted: source?.Code);
}).ToList();

await ExplainAsync(probes.First(p => p.Planted is not null).Report);

var latencies = new List<double>();
var (rowsRead, found, planted, plantedFound) = (0L, 0L, 0, 0);
for (var i = 0; i < probes.Count; i++)
{
    await using var scope = services.CreateAsyncScope();
    var finder = (DuplicateFinder)scope.ServiceProvider.GetRequiredService<IDuplicateFinder>();
    var started = Stopwatch.GetTimestamp();
    var search = await finder.SearchAsync(probes[i].Report, ct);
    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    if (i < Warmup)
        continue;
    latencies.Add(elapsed);
    (rowsRead, found) = (rowsRead + search.RowsRead, found + search.Candidates.Count);
    if (probes[i].Planted is { } code)
        (planted, plantedFound) = (planted + 1, plantedFound + (search.Candidates.Any(c => c.Code == code) ? 1 : 0));
}
latencies.Sort();
Console.WriteLine();
Console.WriteLine("| Database | Open reports | Checks | p50 ms | p95 ms | p99 ms | max ms | Rows read (mean) | Candidates (mean) | Planted duplicates found |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
Console.WriteLine($"| {label} | {settings.Reports:N0} | {latencies.Count} | {Percentile(50):0.00} | {Percentile(95):0.00} | {Percentile(99):0.00} | {latencies[^1]:0.00} | " +
    $"{(double)rowsRead / latencies.Count:0.0} | {(double)found / latencies.Count:0.00} | {plantedFound}/{planted} |");
return 0;

double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Count) - 1, 0, latencies.Count - 1)];

string NewCode()
{
    string code;
    do
        code = TrackingCode.New();
    while (!codes.Add(code));
    return code;
}

// The finder's own query for one probe, with the database's plan for it.
async Task ExplainAsync(Report probe)
{
    await using var scope = services.CreateAsyncScope();
    var finder = (DuplicateFinder)scope.ServiceProvider.GetRequiredService<IDuplicateFinder>();
    var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
    var category = categories.Single(c => c.Code == probe.CategoryCode);
    var radius = categories.Where(c => c.Group == category.Group).Max(c => c.DuplicateRadiusMeters);
    var query = finder.Nearby(probe.Latitude!.Value, probe.Longitude!.Value, radius, probe.ReceivedAt.AddHours(-category.DuplicateWindowHours), probe.ReceivedAt, probe.Id);
    await db.Database.OpenConnectionAsync(ct);
    await using var command = query.CreateDbCommand();
    Console.WriteLine($"Query for a {category.Code} report ({radius} m in its group, {category.DuplicateWindowHours} h window, {GeoCell.Around(probe.Latitude.Value, probe.Longitude.Value, radius).Count} cells):");
    Console.WriteLine("  " + command.CommandText.ReplaceLineEndings("\n  "));
    command.CommandText = (settings.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
    await using var reader = await command.ExecuteReaderAsync(ct);
    Console.WriteLine($"{label} plan:");
    while (await reader.ReadAsync(ct))
        Console.WriteLine("  " + reader.GetString(settings.Postgres ? 0 : 3));
    Console.WriteLine();
}

internal sealed record Settings(bool Postgres, string? Connection, string Data, string Packs, int Reports, int Probes)
{
    public static Settings? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            values[args[i]] = args[i + 1];
        var database = values.GetValueOrDefault("--database", "sqlite");
        var reports = int.Parse(values.GetValueOrDefault("--reports", "1000000"), CultureInfo.InvariantCulture);
        var probes = int.Parse(values.GetValueOrDefault("--probes", "1000"), CultureInfo.InvariantCulture);
        var packs = values.GetValueOrDefault("--packs") ?? FindPacks();
        if (database is not ("sqlite" or "postgres") || reports < 1 || probes < 1 || packs is null || (database == "postgres" && !values.ContainsKey("--connection")))
            return null;
        var data = values.GetValueOrDefault("--data") ?? Path.Combine(Path.GetTempPath(), "aduan-bench-duplicates-" + Guid.NewGuid().ToString("N")[..8]);
        return new Settings(database == "postgres", values.GetValueOrDefault("--connection"), data, packs, reports, probes);
    }

    private static string? FindPacks()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "packs", "dki-jakarta")))
                return Path.Combine(dir.FullName, "packs");
        }
        return null;
    }
}
