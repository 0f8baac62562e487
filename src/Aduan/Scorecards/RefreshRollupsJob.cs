using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Scorecards;

/// <summary>
/// Every five minutes: rebuilds the scorecard rollups of the last days from the base tables (see
/// <see cref="ScorecardRollups.RefreshAsync"/>), so the dashboard is at most one round behind.
/// Idempotent, and safe with several servers (one writer at a time holds the rollup lock).
/// </summary>
public sealed class RefreshRollupsJob(IServiceScopeFactory scopes, IOptions<AduanOptions> options, TimeProvider clock, ILogger<RefreshRollupsJob> log) : PeriodicJob(clock, log)
{
    protected override bool Enabled => options.Value.BackgroundRollups;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override Task RunRoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One round; returns how many days were rebuilt.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ScorecardRollups>().RefreshAsync(ct);
    }
}
