using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Aduan.Bench;

// Intake benchmark: how many reports per second POST /api/reports takes in, and how long each
// takes, at a few concurrency levels. See bench/README.md.
// Numbers print with a dot whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var url = new Option<string>("--url") { Description = "Base address of a running Aduan server", DefaultValueFactory = _ => "http://127.0.0.1:5090" };
var concurrency = new Option<string>("--concurrency") { Description = "Comma-separated concurrency levels", DefaultValueFactory = _ => "1,8,32" };
var requests = new Option<int>("--requests") { Description = "Measured requests per level", DefaultValueFactory = _ => 2000 };
var warmup = new Option<int>("--warmup") { Description = "Unmeasured requests before each level, at that level's concurrency", DefaultValueFactory = _ => 200 };
var maxSeconds = new Option<int>("--max-seconds") { Description = "Time limit per level (the warm-up gets a quarter of it)", DefaultValueFactory = _ => 60 };
var categories = new Option<string>("--categories") { Description = "Comma-separated category codes from the pack", DefaultValueFactory = _ => "jalan-rusak,sampah-liar,parkir-liar,banjir-genangan,lampu-jalan-mati" };
var label = new Option<string?>("--label") { Description = "Name printed above the results (e.g. SQLite)" };
var csv = new Option<string?>("--csv") { Description = "Also write every measured request (level, start ms, latency ms, status) to this CSV file" };
var maxFailure = new Option<double>("--max-failure-percent") { Description = "Exit 1 when more than this share of requests failed", DefaultValueFactory = _ => 1.0 };

var root = new RootCommand("Aduan intake benchmark: POST /api/reports at several concurrency levels.")
{
    url, concurrency, requests, warmup, maxSeconds, categories, label, csv, maxFailure,
};
root.SetAction(async (parse, _) =>
{
    // Ctrl+C or SIGTERM (e.g. from `timeout`) ends the current level early and still prints the table.
    using var stop = new CancellationTokenSource();
    using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    var ct = stop.Token;
    var levels = Numbers(parse.GetValue(concurrency)!);
    var count = parse.GetValue(requests);
    var limit = TimeSpan.FromSeconds(parse.GetValue(maxSeconds));
    var codes = parse.GetValue(categories)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    if (levels.Length == 0 || levels.Any(l => l < 1) || count < 1 || limit <= TimeSpan.Zero || codes.Length == 0
        || !Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
    {
        Console.Error.WriteLine("--url must be an http(s) address, --concurrency needs levels >= 1, --requests and --max-seconds must be positive, --categories must not be empty.");
        return 2;
    }

    using var handler = new SocketsHttpHandler
    {
        MaxConnectionsPerServer = levels.Max(),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    };
    using var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    try
    {
        using var probe = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), ct);
        if (probe.StatusCode != HttpStatusCode.OK || !(await probe.Content.ReadAsStringAsync(ct)).Contains("Aduan API", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"GET {baseUrl}openapi/v1.json answered {(int)probe.StatusCode}; is this an Aduan server?");
            return 3;
        }
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        Console.Error.WriteLine($"Cannot reach {baseUrl}: {ex.Message}");
        return 3;
    }

    var title = parse.GetValue(label) is { Length: > 0 } name ? $" ({name})" : "";
    Console.WriteLine($"Intake benchmark{title}: POST {new Uri(baseUrl, "/api/reports")}, {count} requests per level (+{parse.GetValue(warmup)} warm-up), " +
        $"at most {limit.TotalSeconds:0} s per level, categories {string.Join(",", codes)}, client on {Environment.ProcessorCount} cores");
    var level = new IntakeLevel(client, new Uri(baseUrl, "/api/reports"), new ReportBodies(codes));
    var results = new List<LevelResult>();
    foreach (var workers in levels)
    {
        if (parse.GetValue(warmup) is > 0 and var warm)
        {
            var w = await level.RunAsync(workers, warm, limit / 4, ct);
            Console.WriteLine($"  warm-up c={workers}: {w.Successes}/{w.Requests} ok in {w.Wall.TotalSeconds:0.0} s");
        }
        if (ct.IsCancellationRequested)
            break;
        var result = await level.RunAsync(workers, count, limit, ct);
        results.Add(result);
        Console.WriteLine(
            $"c={result.Concurrency,-3} requests={result.Requests} ok={result.Successes} errors={result.ErrorSummary} " +
            $"wall={result.Wall.TotalSeconds:0.00}s reports/s={result.ReportsPerSecond:0.0} " +
            $"p50={result.Percentile(50):0.0} p90={result.Percentile(90):0.0} p99={result.Percentile(99):0.0} max={result.Max:0.0} ms" +
            (result.StoppedByTime ? $"  (stopped by the {limit.TotalSeconds:0} s limit)" : ""));
        foreach (var (status, sample) in result.ErrorSamples.OrderBy(s => s.Key, StringComparer.Ordinal))
            Console.WriteLine($"    first {status}: {sample.ReplaceLineEndings(" ")}");
        if (ct.IsCancellationRequested)
            break;
    }

    Console.WriteLine();
    if (ct.IsCancellationRequested)
        Console.WriteLine("Interrupted: the last level is partial and later levels did not run.");
    Console.WriteLine($"| concurrency | requests | successes | errors | reports/s | p50 ms | p90 ms | p99 ms | max ms |");
    Console.WriteLine($"|---:|---:|---:|---|---:|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        Console.WriteLine(
            $"| {r.Concurrency} | {r.Requests}{(r.StoppedByTime ? " (time limit)" : "")} | {r.Successes} | {r.ErrorSummary} | {r.ReportsPerSecond:0.0} | " +
            $"{r.Percentile(50):0.0} | {r.Percentile(90):0.0} | {r.Percentile(99):0.0} | {r.Max:0.0} |");
    }

    if (parse.GetValue(csv) is { Length: > 0 } file)
    {
        await File.WriteAllLinesAsync(file, results.SelectMany(r => r.Timings.Select(t => $"{r.Concurrency},{t.StartMs:0.000},{t.LatencyMs:0.000},{t.Status}"))
            .Prepend("concurrency,start_ms,latency_ms,status"), CancellationToken.None);
        Console.WriteLine($"Every request written to {Path.GetFullPath(file)}.");
    }

    var total = results.Sum(r => r.Requests);
    var failed = results.Sum(r => r.Failures);
    var share = total == 0 ? 100 : 100.0 * failed / total;
    Console.WriteLine();
    Console.WriteLine($"{failed} of {total} requests failed ({share:0.00}%).");
    return share > parse.GetValue(maxFailure) || ct.IsCancellationRequested ? 1 : 0;

    void Stop(PosixSignalContext signal)
    {
        signal.Cancel = true;
        Console.Error.WriteLine($"{signal.Signal}: stopping; requests still in flight are not counted.");
        stop.Cancel();
    }
});
return await root.Parse(args).InvokeAsync();

static int[] Numbers(string list) =>
    [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)];
