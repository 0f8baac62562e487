using Aduan.Agencies;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Packs;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Dispatch;

/// <summary>
/// Every few minutes: closes resolved reports whose citizen did not answer within the pack's
/// window, and reminds whoever forwarded a report to an outside body that has not answered.
/// Safe with several servers: each report's version guards the write, and a reminder's next time
/// moves forward in the same save.
/// </summary>
public sealed class FollowUpJob(IServiceScopeFactory scopes, IOptions<AduanOptions> options, TimeProvider clock, ILogger<FollowUpJob> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(5);
    private static readonly System.Globalization.CultureInfo Indonesian = System.Globalization.CultureInfo.GetCultureInfo("id-ID");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundFollowUp)
            return;
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Follow-up round failed; it runs again in {Minutes} minutes", Every.TotalMinutes);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round; returns how many reports were closed and how many reminders queued.</summary>
    public async Task<(int Closed, int Reminded)> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var pack = await scope.ServiceProvider.GetRequiredService<CurrentPack>().GetAsync(ct);
        var now = clock.GetUtcNow();
        var closed = await CloseUnconfirmedAsync(db, now.AddDays(-pack.Info.ConfirmationDays), pack.Info.ConfirmationDays, now, ct);
        var reminded = await RemindAsync(scope.ServiceProvider, db, pack, now, ct);
        return (closed, reminded);
    }

    private static async Task<int> CloseUnconfirmedAsync(AduanDbContext db, DateTimeOffset resolvedBefore, int days, DateTimeOffset now, CancellationToken ct)
    {
        var closed = 0;
        var due = await db.Reports.Where(r => r.Status == ReportStatus.Resolved && r.ResolvedAt <= resolvedBefore)
            .OrderBy(r => r.ResolvedAt).Take(500).ToListAsync(ct);
        foreach (var report in due)
        {
            report.Close(now, "sistem", $"ditutup otomatis: pelapor tidak menanggapi dalam {days} hari");
            closed += await TrySaveAsync(db, ct) ? 1 : 0;
        }
        return closed;
    }

    private static async Task<int> RemindAsync(IServiceProvider services, AduanDbContext db, PackSnapshot pack, DateTimeOffset now, CancellationToken ct)
    {
        var notifications = services.GetRequiredService<Notifications>();
        var agencies = services.GetRequiredService<AgencyTree>();
        var reminded = 0;
        var due = await db.Coordinations.Where(c => c.Status != CoordinationStatus.Answered && c.NextReminderAt <= now)
            .OrderBy(c => c.NextReminderAt).Take(500).ToListAsync(ct);
        foreach (var coordination in due)
        {
            var report = await db.Reports.SingleAsync(r => r.Id == coordination.ReportId, ct);
            if (!report.IsOpen)
            {
                coordination.NextReminderAt = null;
                await TrySaveAsync(db, ct);
                continue;
            }
            var body = await agencies.FindAsync(coordination.BodyCode, ct);
            coordination.Reminders++;
            coordination.NextReminderAt = now.AddHours(pack.Info.CoordinationReminderHours);
            report.RecordCoordination(now, "sistem", $"pengingat ke-{coordination.Reminders}: {body?.Name ?? coordination.BodyCode} belum menjawab", isPublic: false);
            await notifications.TellStaffAsync(coordination.ForwardedByAgency, report, "koordinasi-pengingat", new Dictionary<string, string>
            {
                ["instansi"] = body?.Name ?? coordination.BodyCode,
                ["sejak"] = pack.ToLocal(coordination.SentAt).ToString("d MMMM yyyy HH:mm", Indonesian) + " " + pack.ZoneAbbreviation,
            }, ct);
            reminded += await TrySaveAsync(db, ct) ? 1 : 0;
        }
        return reminded;
    }

    /// <summary>Another server (or a person) changed the report meanwhile: skip it this round.</summary>
    private static async Task<bool> TrySaveAsync(AduanDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
