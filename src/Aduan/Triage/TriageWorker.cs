using Aduan.Data;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Triage;

/// <summary>Wakes the triage worker when a report arrives, so it does not wait for the next poll.</summary>
public sealed class TriageSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up covers every report that arrived meanwhile.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Triages new reports in the background, oldest first, so intake stays fast and a slow or failing
/// classifier never holds a citizen up. Several servers may run it against one database: a report
/// triaged by another node meanwhile is skipped (the report's version guards the write).
/// </summary>
public sealed class TriageWorker(IServiceScopeFactory scopes, TriageSignal signal, IOptions<AduanOptions> options, ILogger<TriageWorker> log) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundTriage)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var done = await RunOnceAsync(50, stoppingToken);
                if (done > 0)
                    continue; // more may be waiting
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be migrating or briefly away; try again shortly.
                log.LogError(ex, "Triage round failed");
                await Task.Delay(Poll, stoppingToken);
            }
        }
    }

    /// <summary>Triages up to <paramref name="batch"/> waiting reports; returns how many it triaged.</summary>
    public async Task<int> RunOnceAsync(int batch, CancellationToken ct)
    {
        List<Guid> waiting;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            waiting = await db.Reports.AsNoTracking()
                .Where(r => r.Status == ReportStatus.Received && r.TriagedAt == null)
                .OrderBy(r => r.ReceivedAt).Take(batch).Select(r => r.Id).ToListAsync(ct);
        }
        var done = 0;
        foreach (var id in waiting)
        {
            using var scope = scopes.CreateScope();
            try
            {
                if (await scope.ServiceProvider.GetRequiredService<TriageReport>().RunAsync(id, ct))
                    done++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node or an operator changed it first; nothing lost.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Triage of report {Id} failed; it waits for an operator", id);
                await MarkFailedAsync(scope.ServiceProvider, id, ct);
            }
        }
        return done;
    }

    private static async Task MarkFailedAsync(IServiceProvider services, Guid id, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var report = await db.Reports.Include(r => r.Updates).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null || report.TriagedAt is not null)
            return;
        report.CompleteTriage(TriageFlags.TriageFailed, null, "triase otomatis gagal: menunggu operator", services.GetRequiredService<TimeProvider>().GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
