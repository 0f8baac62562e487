using Aduan.Data;
using Aduan.Packs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Triage.Classification;

/// <summary>
/// Retrains the category and agency models every <see cref="AduanOptions.ClassifierRetrainHours"/>
/// hours (0 = never), but only when operators have labelled or dispatched reports since the
/// category model file was written. The first model comes from <c>aduan train</c>. Training a model twice on two nodes is harmless:
/// the result is the same file, moved into place atomically.
/// </summary>
public sealed class ClassifierRetrainJob(IServiceScopeFactory scopes, IOptions<AduanOptions> options, TimeProvider time, ILogger<ClassifierRetrainJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ClassifierRetrainHours <= 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.Value.ClassifierRetrainHours), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Retraining the category classifier failed; the previous model stays in use");
            }
        }
    }

    /// <summary>Retrains when there are operator examples newer than the model; null when nothing was new.</summary>
    public async Task<TrainResult?> RunAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var packName = (await services.GetRequiredService<CurrentPack>().GetAsync(ct)).Info.Name;
        var path = CategoryClassifier.ModelPath(options.Value.DataFolder, packName);
        var since = File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : DateTimeOffset.MinValue;
        if (!await services.GetRequiredService<AduanDbContext>().ClassifierExamples.AnyAsync(e => e.CreatedAt > since, ct))
            return null;
        var result = await services.GetRequiredService<TrainClassifier>().HandleAsync(null, ct);
        log.LogInformation("Category classifier retrained: {Operator} operator and {Pack} pack examples, held-out accuracy {Accuracy:P1}; agency classifier: {Dispatches} dispatched reports, held-out accuracy {AgencyAccuracy:P1}",
            result.OperatorExamples, result.PackExamples, result.HeldOutAccuracy, result.Agency?.DispatchExamples, result.Agency?.HeldOutAccuracy);
        return result;
    }
}
