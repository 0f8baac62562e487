using System.Collections.Concurrent;
using System.Diagnostics;

namespace Aduan.Bench.Deadlines;

/// <summary>
/// Sums the durations of the activities an <see cref="ActivitySource"/> reports while it is on
/// (the escalation sweep's phases of each batch), so the sweep's wall time can be split by phase.
/// </summary>
internal sealed class PhaseTally : IDisposable
{
    private readonly ConcurrentDictionary<string, (int Count, double Ms, double CpuMs)> _byPhase = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly ActivityListener _listener;
    private const string CpuKey = "cpu";
    private volatile bool _on;

    public PhaseTally(string sourceName)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity => activity.SetCustomProperty(CpuKey, Cpu()),
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Start()
    {
        _byPhase.Clear();
        _on = true;
    }

    public void Stop() => _on = false;

    public void Print(double wallMs, TimeSpan cpu)
    {
        var timed = _byPhase.Values.Sum(v => v.Ms);
        Console.WriteLine($"Firing sweep by phase ({wallMs / 1000:0.00} s wall, {cpu.TotalSeconds:0.00} s CPU of this process on all its threads, JIT and GC included):");
        lock (_order)
        {
            foreach (var phase in _order)
            {
                var (count, ms, cpuMs) = _byPhase[phase];
                Console.WriteLine($"  {phase,-9} {count,4} x {ms / Math.Max(count, 1),8:0.0} ms = {ms / 1000,6:0.00} s ({ms / wallMs,4:P0}), CPU {cpuMs / 1000,6:0.00} s");
            }
        }
        Console.WriteLine($"  {"rest",-9} {"",4}   {"",8}      {(wallMs - timed) / 1000,6:0.00} s (scopes, services, between batches)");
    }

    private void Stopped(Activity activity)
    {
        if (!_on)
            return;
        var name = activity.OperationName;
        lock (_order)
        {
            if (!_order.Contains(name))
                _order.Add(name);
        }
        var cpuMs = (Cpu() - (TimeSpan)activity.GetCustomProperty(CpuKey)!).TotalMilliseconds;
        _byPhase.AddOrUpdate(name, (1, activity.Duration.TotalMilliseconds, cpuMs), (_, v) => (v.Count + 1, v.Ms + activity.Duration.TotalMilliseconds, v.CpuMs + cpuMs));
    }

    /// <summary>The process's CPU time: the sweep runs one phase at a time, so the difference over a phase is that phase's (with whatever JIT and GC ran meanwhile).</summary>
    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    public void Dispose() => _listener.Dispose();
}
