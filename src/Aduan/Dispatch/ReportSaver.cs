using Aduan.Data;
using Aduan.Deadlines;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Dispatch;

/// <summary>
/// The one way a dispatch, agency or citizen step saves a report: the deadline clock is brought
/// up to date first, and a lost optimistic-concurrency race comes back as a conflict with the
/// report's current state instead of an exception.
/// </summary>
public sealed class ReportSaver(AduanDbContext db, DeadlineClock clock, TimeProvider time)
{
    public async Task<WorkResult> SaveAsync(Report report, CancellationToken ct)
    {
        await clock.UpdateAsync(report, time.GetUtcNow(), ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return WorkResult.Done(report);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == report.Id, ct);
            return WorkResult.Conflict(current, "Work_Stale");
        }
    }
}
