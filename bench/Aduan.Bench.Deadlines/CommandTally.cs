using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Aduan.Bench.Deadlines;

/// <summary>
/// Counts the SQL commands EF Core runs while it is on, and the time each kind takes (from EF's
/// own diagnostic events), so the sweep's time can be split into database round trips and the rest.
/// </summary>
internal sealed class CommandTally : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> _byCommand = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private volatile bool _on;

    public CommandTally() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public void Start()
    {
        _byCommand.Clear();
        _on = true;
    }

    public void Stop() => _on = false;

    public void Print(int reports)
    {
        var total = _byCommand.Values.Sum(v => v.Count);
        var ms = _byCommand.Values.Sum(v => v.Ms);
        Console.WriteLine($"Firing sweep: {total:N0} SQL commands ({(double)total / Math.Max(reports, 1):0.0} per report), {ms / 1000:0.00} s inside them (EF's command durations). By statement:");
        foreach (var (text, (count, time)) in _byCommand.OrderByDescending(p => p.Value.Ms).Take(10))
            Console.WriteLine($"  {count,7:N0} x {time / Math.Max(count, 1),6:0.00} ms = {time / 1000,6:0.00} s  {text}");
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
            _subscriptions.Add(value.Subscribe(this));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (!_on || value.Value is not CommandExecutedEventData executed)
            return;
        var text = string.Join(' ', executed.Command.CommandText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var key = text.Length > 110 ? text[..110] + "…" : text;
        _byCommand.AddOrUpdate(key, (1, executed.Duration.TotalMilliseconds), (_, v) => (v.Count + 1, v.Ms + executed.Duration.TotalMilliseconds));
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
            subscription.Dispose();
    }
}
