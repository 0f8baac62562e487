using System.Diagnostics;
using System.Globalization;
using Aduan;
using Aduan.Bench.Scorecards;
using Aduan.Bench.Shared;
using Aduan.Data;
using Aduan.Packs;
using Aduan.Scorecards;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Times the leaders' dashboard's queries (ScorecardQuery) on rollups the size a history of
// --reports reports makes, and the worst-overdue list over --open open reports. See README.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var values = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
    values[args[i]] = args[i + 1];
var database = values.GetValueOrDefault("--database", "sqlite");
if (database is not ("sqlite" or "postgres") || (database == "postgres" && !values.ContainsKey("--connection")))
{
    Console.Error.WriteLine("usage: Aduan.Bench.Scorecards --database sqlite|postgres [--connection CS] [--data DIR] [--reports 10000000] [--years 3] [--open 300000] [--runs 20]");
    return 2;
}
var reports = long.Parse(values.GetValueOrDefault("--reports", "10000000"), CultureInfo.InvariantCulture);
var years = int.Parse(values.GetValueOrDefault("--years", "3"), CultureInfo.InvariantCulture);
var open = int.Parse(values.GetValueOrDefault("--open", "300000"), CultureInfo.InvariantCulture);
var runs = int.Parse(values.GetValueOrDefault("--runs", "20"), CultureInfo.InvariantCulture);
var data = values.GetValueOrDefault("--data") ?? Path.Combine(Path.GetTempPath(), "aduan-bench-scorecards-" + Guid.NewGuid().ToString("N")[..8]);

var services = new ServiceCollection().AddLogging().AddAduan(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Aduan:DataFolder"] = data,
    ["Aduan:Database"] = database == "postgres" ? "Postgres" : "Sqlite",
    ["Aduan:ConnectionString"] = values.GetValueOrDefault("--connection"),
    ["Aduan:PacksFolder"] = Bench.FindPacks(),
}).Build()).BuildServiceProvider();

var clock = Stopwatch.StartNew();
using (var scope = services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<PrepareDatabase>().MigrateAsync(CancellationToken.None);
    await scope.ServiceProvider.GetRequiredService<SeedPack>().HandleAsync("dki-jakarta", CancellationToken.None);
}
Console.WriteLine($"schema and pack: {clock.Elapsed.TotalSeconds:0.0} s");

var today = DateOnly.FromDateTime(DateTime.UtcNow);
using (var scope = services.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
    clock.Restart();
    var (days, rows) = await SyntheticRollups.WriteAsync(db, reports, years, today, CancellationToken.None);
    Console.WriteLine($"rollups for {reports:N0} reports over {days} days: {rows:N0} daily rows and their months in {clock.Elapsed.TotalSeconds:0.0} s");
    clock.Restart();
    await SyntheticRollups.WriteOpenReportsAsync(db, open, CancellationToken.None);
    Console.WriteLine($"{open:N0} open reports (half of them overdue) in {clock.Elapsed.TotalSeconds:0.0} s");
}

Console.WriteLine();
Timings.Header();
foreach (var (name, query) in DashboardQueries.For(Bench.Jakarta, today, DateTimeOffset.UtcNow))
{
    await Timings.MeasureAsync(name, runs, async () =>
    {
        using var scope = services.CreateScope(); // a fresh unit of work, as a request has
        await query(scope.ServiceProvider.GetRequiredService<ScorecardQuery>());
        return null;
    }, warmUp: 2);
}
foreach (var (name, query) in Bench.PortalQueries(today))
{
    await Timings.MeasureAsync(name, runs, async () =>
    {
        using var scope = services.CreateScope();
        await query(scope.ServiceProvider.GetRequiredService<PublicScorecards>());
        return null;
    }, warmUp: 2);
}
await services.DisposeAsync();
if (database == "sqlite" && !values.ContainsKey("--data"))
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(data, recursive: true);
}
return 0;
