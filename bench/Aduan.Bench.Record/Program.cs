using System.Globalization;
using Aduan.Bench.Record;

// The record benchmark: generates millions of realistic report lives (bench/README.md, "Record
// benchmark") into SQLite or PostgreSQL, then times the dashboard and public queries on them.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var settings = RecordSettings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine("usage: Aduan.Bench.Record --database sqlite|postgres [--connection CS] [--data DIR] [--reports 10000000] [--days N] [--seed 2026] [--packs DIR]");
    return 2;
}
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await RecordBench.RunAsync(settings, stop.Token);

internal sealed record RecordSettings(bool Postgres, string? Connection, string Data, string Packs, int Reports, int? Days, int Seed)
{
    public static RecordSettings? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            values[args[i]] = args[i + 1];
        var database = values.GetValueOrDefault("--database", "sqlite");
        if (!int.TryParse(values.GetValueOrDefault("--reports", "10000000"), CultureInfo.InvariantCulture, out var reports)
            || !int.TryParse(values.GetValueOrDefault("--seed", "2026"), CultureInfo.InvariantCulture, out var seed))
        {
            return null;
        }
        int? days = values.TryGetValue("--days", out var d) && int.TryParse(d, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var packs = values.GetValueOrDefault("--packs") ?? FindPacks();
        if (database is not ("sqlite" or "postgres") || reports < 1 || days < 30 || packs is null
            || (database == "postgres" && !values.ContainsKey("--connection")))
        {
            return null;
        }
        var data = values.GetValueOrDefault("--data") ?? Path.Combine(Path.GetTempPath(), "aduan-bench-record-" + Guid.NewGuid().ToString("N")[..8]);
        return new RecordSettings(database == "postgres", values.GetValueOrDefault("--connection"), data, packs, reports, days, seed);
    }

    private static string? FindPacks()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "packs", "surabaya")))
                return Path.Combine(dir.FullName, "packs");
        }
        return null;
    }
}
