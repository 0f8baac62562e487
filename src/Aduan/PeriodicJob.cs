using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aduan;

/// <summary>
/// A background job that runs one round now and then one every <see cref="Interval"/> (on the
/// app's <see cref="TimeProvider"/>); a failing round is logged and the next one runs as usual.
/// Tests switch the loop off and call the job's own round method.
/// </summary>
public abstract class PeriodicJob(TimeProvider clock, ILogger log) : BackgroundService
{
    /// <summary>The app's clock, for the rounds too.</summary>
    protected TimeProvider Clock { get; } = clock;

    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunRoundAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "{Job} round failed; the next one runs in {Interval}", GetType().Name, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
