using Aduan.Agencies;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Packs;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Dispatch;

/// <summary>
/// Every few minutes: closes resolved reports whose citizen did not answer within the pack's
/// window, and reminds whoever forwarded a report to an outside body that has not answered.
/// Safe with several servers: each report's version guards the write, and a reminder's next time
/// moves forward in the same save.
/// </summary>
public sealed class FollowUpJob(IServiceScopeFactory scopes, IOptions<AduanOptions> options, TimeProvider clock, ILogger<FollowUpJob> log) : PeriodicJob(clock, log)
{
    private static readonly System.Globalization.CultureInfo Indonesian = System.Globalization.CultureInfo.GetCultureInfo("id-ID");

    protected override bool Enabled => options.Value.BackgroundFollowUp;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override Task RunRoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One round; returns how many reports were closed and how many reminders queued.</summary>
    /// <remarks>Each report is handled in a unit of work of its own, so a conflict on one never loses the others' changes.</remarks>
    public async Task<(int Closed, int Reminded)> RunOnceAsync(CancellationToken ct)
    {
        PackSnapshot pack;
        List<Guid> unconfirmed;
        List<long> reminders;
        var now = Clock.GetUtcNow();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            pack = await scope.ServiceProvider.GetRequiredService<CurrentPack>().GetAsync(ct);
            var resolvedBefore = now.AddDays(-pack.Info.ConfirmationDays);
            unconfirmed = await db.Reports.Where(r => r.Status == ReportStatus.Resolved && r.ResolvedAt <= resolvedBefore)
                .OrderBy(r => r.ResolvedAt).Select(r => r.Id).Take(500).ToListAsync(ct);
            reminders = await db.Coordinations.Where(c => c.Status != CoordinationStatus.Answered && c.NextReminderAt <= now)
                .OrderBy(c => c.NextReminderAt).Select(c => c.Id).Take(500).ToListAsync(ct);
        }
        var closed = 0;
        foreach (var id in unconfirmed)
            closed += await InScopeAsync((services, db) => CloseUnconfirmedAsync(services, db, id, pack.Info.ConfirmationDays, now, ct)) ? 1 : 0;
        var reminded = 0;
        foreach (var id in reminders)
            reminded += await InScopeAsync((services, db) => RemindAsync(services, db, id, pack, now, ct)) ? 1 : 0;
        return (closed, reminded);
    }

    private async Task<bool> InScopeAsync(Func<IServiceProvider, AduanDbContext, Task<bool>> work)
    {
        using var scope = scopes.CreateScope();
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<AduanDbContext>());
    }

    private static async Task<bool> CloseUnconfirmedAsync(IServiceProvider services, AduanDbContext db, Guid id, int days, DateTimeOffset now, CancellationToken ct)
    {
        var saver = services.GetRequiredService<ReportSaver>();
        var report = await db.Reports.Include(r => r.Assignments).SingleAsync(r => r.Id == id, ct);
        if (report.Status != ReportStatus.Resolved)
            return false; // the citizen answered meanwhile
        report.Close(now, "sistem", $"ditutup otomatis: pelapor tidak menanggapi dalam {days} hari");
        await services.GetRequiredService<Notifications>().TellCitizenStatusAsync(report, ct);
        return (await saver.SaveAsync(report, ct)).Outcome == WorkOutcome.Done;
    }

    private static async Task<bool> RemindAsync(IServiceProvider services, AduanDbContext db, long id, PackSnapshot pack, DateTimeOffset now, CancellationToken ct)
    {
        var coordination = await db.Coordinations.SingleAsync(c => c.Id == id, ct);
        if (coordination.Status == CoordinationStatus.Answered || coordination.NextReminderAt > now)
            return false;
        var report = await db.Reports.SingleAsync(r => r.Id == coordination.ReportId, ct);
        if (!report.IsOpen)
        {
            coordination.NextReminderAt = null;
            await TrySaveAsync(db, ct);
            return false;
        }
        var body = await services.GetRequiredService<AgencyTree>().FindAsync(coordination.BodyCode, ct);
        coordination.Reminders++;
        coordination.NextReminderAt = now.AddHours(pack.Info.CoordinationReminderHours);
        report.RecordCoordination(now, "sistem", $"pengingat ke-{coordination.Reminders}: {body?.Name ?? coordination.BodyCode} belum menjawab", isPublic: false);
        await services.GetRequiredService<Notifications>().TellStaffAsync(coordination.ForwardedByAgency, report, "koordinasi-pengingat", new Dictionary<string, string>
        {
            ["instansi"] = body?.Name ?? coordination.BodyCode,
            ["sejak"] = pack.ToLocal(coordination.SentAt).ToString("d MMMM yyyy HH:mm", Indonesian) + " " + pack.ZoneAbbreviation,
        }, ct);
        return await TrySaveAsync(db, ct);
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
            return false;
        }
    }
}
