using System.Globalization;
using Aduan.Bench.Deadlines;

// Deadline benchmarks: "replay" puts Surabaya's real answer times through the working calendar;
// "sweep" times the escalation sweep over a million open dispatched reports. See README.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var settings = Settings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine("usage: Aduan.Bench.Deadlines replay [--packs DIR]");
    Console.Error.WriteLine("       Aduan.Bench.Deadlines sweep --database sqlite|postgres [--connection CS] [--data DIR] [--reports 1000000] [--due 10000] [--idle-runs 20] [--packs DIR]");
    return 2;
}
if (!settings.Sweep)
    return AnswerTimes.Run(settings.Packs);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await SweepBench.RunAsync(settings, stop.Token);

internal sealed record Settings(bool Sweep, bool Postgres, string? Connection, string Data, string Packs, int Reports, int Due, int IdleRuns)
{
    public static Settings? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("replay" or "sweep"))
            return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
            values[args[i]] = args[i + 1];
        var database = values.GetValueOrDefault("--database", "sqlite");
        var reports = int.Parse(values.GetValueOrDefault("--reports", "1000000"), CultureInfo.InvariantCulture);
        var due = int.Parse(values.GetValueOrDefault("--due", "10000"), CultureInfo.InvariantCulture);
        var idleRuns = int.Parse(values.GetValueOrDefault("--idle-runs", "20"), CultureInfo.InvariantCulture);
        var packs = values.GetValueOrDefault("--packs") ?? FindPacks();
        if (database is not ("sqlite" or "postgres") || reports < 1 || due < 0 || due > reports || idleRuns < 1 || packs is null
            || (database == "postgres" && !values.ContainsKey("--connection")))
        {
            return null;
        }
        var data = values.GetValueOrDefault("--data") ?? Path.Combine(Path.GetTempPath(), "aduan-bench-deadlines-" + Guid.NewGuid().ToString("N")[..8]);
        return new Settings(args[0] == "sweep", database == "postgres", values.GetValueOrDefault("--connection"), data, packs, reports, due, idleRuns);
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
