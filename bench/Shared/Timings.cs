using System.Diagnostics;
using System.Globalization;

namespace Aduan.Bench.Shared;

/// <summary>
/// Runs a query a few times and prints one Markdown table row: median, 95th percentile and the
/// slowest, in milliseconds. Warm-up runs are not counted. Shared by the benchmarks that time the
/// dashboard and the public portal, so they measure and print alike.
/// </summary>
public static class Timings
{
    public static void Header(string extra = "")
    {
        Console.WriteLine($"| query | median ms | p95 ms | max ms |{(extra.Length > 0 ? $" {extra} |" : "")}");
        Console.WriteLine($"|---|---:|---:|---:|{(extra.Length > 0 ? "---:|" : "")}");
    }

    /// <summary>Times <paramref name="query"/> <paramref name="runs"/> times after <paramref name="warmUp"/> uncounted runs; prints and returns the median.</summary>
    public static async Task<double> MeasureAsync(string name, int runs, Func<Task<string?>> query, int warmUp = 1)
    {
        var times = new List<double>(runs);
        string? extra = null;
        for (var run = 0; run < runs + warmUp; run++)
        {
            var watch = Stopwatch.StartNew();
            extra = await query();
            watch.Stop();
            if (run >= warmUp)
                times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var median = times[times.Count / 2];
        var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Format(median)} | {Format(p95)} | {Format(times[^1])} |{(extra is null ? "" : $" {extra} |")}"));
        return median;
    }

    /// <summary>GETs <paramref name="url"/> and reads the whole body (a download is timed to its last byte); returns the size, or throws on an error status.</summary>
    public static async Task<string?> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long read = 0;
        for (int n; (n = await body.ReadAsync(buffer)) > 0;)
            read += n;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        return read.ToString("N0", CultureInfo.InvariantCulture);
    }

    private static string Format(double ms) => ms < 10 ? ms.ToString("0.0", CultureInfo.InvariantCulture) : ms.ToString("0", CultureInfo.InvariantCulture);
}
