using System.Diagnostics;
using System.Net.Http.Headers;

namespace Aduan.Bench;

/// <summary>One completed request: when it started (ms after the level began), how long it took, and its status.</summary>
internal readonly record struct Timing(double StartMs, double LatencyMs, string Status);

/// <summary>What one concurrency level measured.</summary>
internal sealed record LevelResult(
    int Concurrency,
    int Requests,
    int Successes,
    SortedDictionary<string, int> Errors,
    Dictionary<string, string> ErrorSamples,
    TimeSpan Wall,
    double[] LatenciesMs,
    IReadOnlyList<Timing> Timings,
    bool StoppedByTime)
{
    public int Failures => Requests - Successes;
    public double ReportsPerSecond => Wall.TotalSeconds > 0 ? Successes / Wall.TotalSeconds : 0;

    /// <summary>Nearest-rank percentile over the sorted latencies of every completed request.</summary>
    public double Percentile(double p) =>
        LatenciesMs.Length == 0 ? 0 : LatenciesMs[Math.Clamp((int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];

    public double Max => LatenciesMs.Length == 0 ? 0 : LatenciesMs[^1];

    public string ErrorSummary => Errors.Count == 0 ? "0" : string.Join(", ", Errors.Select(e => $"{e.Key}: {e.Value}"));
}

/// <summary>
/// Runs one concurrency level: <c>concurrency</c> workers share the client and POST reports until
/// <c>requests</c> have completed or the time limit is reached, whichever comes first.
/// </summary>
internal sealed class IntakeLevel(HttpClient client, Uri endpoint, ReportBodies bodies)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public async Task<LevelResult> RunAsync(int concurrency, int requests, TimeSpan limit, CancellationToken ct)
    {
        var starts = new long[requests];
        var latencies = new long[requests];
        var statuses = new string?[requests];
        var samples = new Dictionary<string, string>();
        var claimed = -1;
        using var timeUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeUp.CancelAfter(limit);

        var wall = Stopwatch.StartNew();
        var levelStart = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(worker, Environment.TickCount64));
            while (!timeUp.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref claimed);
                if (i >= requests)
                    return;
                var body = ReportBodies.Serialize(bodies.Next(random));
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = JsonType;
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                var started = Stopwatch.GetTimestamp();
                string status;
                string? detail = null;
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeUp.Token);
                    status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (response.StatusCode != System.Net.HttpStatusCode.Created)
                        detail = await response.Content.ReadAsStringAsync(CancellationToken.None);
                }
                catch (OperationCanceledException) when (timeUp.IsCancellationRequested)
                {
                    return; // the level's time is up; this request does not count
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    status = ex is TaskCanceledException ? "timeout" : ex.GetType().Name;
                    detail = ex.Message;
                }
                starts[i] = started - levelStart;
                latencies[i] = Stopwatch.GetTimestamp() - started;
                statuses[i] = status;
                if (detail is not null)
                {
                    lock (samples)
                        samples.TryAdd(status, detail.Length > 400 ? detail[..400] + "..." : detail);
                }
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers);
        wall.Stop();

        var done = Enumerable.Range(0, requests).Where(i => statuses[i] is not null).ToArray();
        var errors = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in done.Where(i => statuses[i] != "201"))
            errors[statuses[i]!] = errors.GetValueOrDefault(statuses[i]!) + 1;
        var timings = done.Select(i => new Timing(Ms(starts[i]), Ms(latencies[i]), statuses[i]!)).ToArray();
        var sorted = timings.Select(t => t.LatencyMs).ToArray();
        Array.Sort(sorted);
        return new LevelResult(concurrency, done.Length, done.Length - errors.Values.Sum(), errors, samples, wall.Elapsed, sorted, timings,
            StoppedByTime: done.Length < requests && !ct.IsCancellationRequested);
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
