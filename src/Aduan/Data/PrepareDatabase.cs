using Aduan.Demo;
using Aduan.Packs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Data;

/// <summary>
/// What a fresh installation needs before it can serve: the schema migrated, the configured
/// pack loaded into an empty database, and demo reports when asked for.
/// </summary>
public sealed class PrepareDatabase(AduanDbContext db, SeedPack seed, GenerateDemoReports demo, DemoStaff demoStaff, IServiceProvider services, IOptions<AduanOptions> options, ILogger<PrepareDatabase> log)
{
    /// <summary>Returns the demo sign-ins when demo data is on, so the caller can print them.</summary>
    public async Task<IReadOnlyList<DemoAccount>> RunAsync(CancellationToken ct)
    {
        await MigrateAsync(ct);
        if (!await db.PackInfo.AnyAsync(ct))
        {
            var result = await seed.HandleAsync(options.Value.Pack, ct);
            log.LogInformation("Loaded pack {Pack}: {Areas} areas, {Agencies} agencies, {Categories} categories", result.Pack, result.Areas, result.Agencies, result.Categories);
        }
        if (options.Value.Demo && !await db.Reports.AnyAsync(ct))
        {
            var count = await demo.RunAsync(options.Value.DemoReports, ct);
            log.LogInformation("Generated {Count} demo reports", count);
        }
        await TrainFirstModelAsync(ct);
        return options.Value.Demo ? await demoStaff.EnsureAsync(ct) : [];
    }

    /// <summary>
    /// A new installation gets a category model from the pack's examples on its first start, so
    /// text-only reports are categorised from day one; later models come from operators' decisions.
    /// A failure only means no automatic categories yet: the operator chooses.
    /// </summary>
    private async Task TrainFirstModelAsync(CancellationToken ct)
    {
        if (!options.Value.TrainOnFirstStart)
            return;
        var pack = await db.PackInfo.AsNoTracking().SingleAsync(ct);
        if (File.Exists(Triage.Classification.CategoryClassifier.ModelPath(options.Value.DataFolder, pack.Name))
            || !File.Exists(Path.Combine(options.Value.ResolvePacksFolder(), pack.Name, "examples.csv")))
        {
            return;
        }
        try
        {
            var result = await services.GetRequiredService<Triage.Classification.TrainClassifier>().HandleAsync(null, ct);
            log.LogInformation("Trained the first category model from the pack's examples: {Result}", result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Could not train the first category model; operators choose categories until 'aduan train' succeeds");
        }
    }

    /// <summary>
    /// Timelines written before the history chain (see <see cref="Reports.HistoryChain"/>) get their
    /// hashes once, in batches, right after the migration that added it.
    /// </summary>
    private async Task SealLegacyHistoriesAsync(CancellationToken ct)
    {
        var sealedCount = 0;
        while (true)
        {
            // Version counts a report's updates: a report without any has nothing to seal and is skipped,
            // so it cannot stop the others.
            var batch = await db.Reports.Where(r => r.HistoryHead == null && r.Version > 0).OrderBy(r => r.Id).Take(500)
                .Include(r => r.Updates).AsSplitQuery().ToListAsync(ct);
            var changed = batch.Count(r => r.SealLegacyHistory());
            if (changed == 0)
                break;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            sealedCount += changed;
        }
        if (sealedCount > 0)
            log.LogInformation("Sealed the history chain of {Count} reports written before it existed", sealedCount);
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (pending.Any(m => m.EndsWith("_Dispatch", StringComparison.Ordinal)))
            await SealLegacyHistoriesAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer commits; it stays with the file. The
            // per-connection settings are in SqliteConnectionSetup.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
