using Aduan.Data;
using Aduan.People;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Staff;

public enum ReporterReadOutcome
{
    /// <summary>The identity, read and logged.</summary>
    Shown,

    /// <summary>The report has no reporter contact (sent without name, phone or e-mail).</summary>
    None,

    /// <summary>The actor may see the report but not who sent it (anonymous, confidential or not their role).</summary>
    Forbidden,
}

public sealed record ReporterRead(ReporterReadOutcome Outcome, Citizen? Citizen);

/// <summary>
/// The only way staff code reads a reporter's identity: checks the rules in
/// <see cref="ReportScope.CanSeeReporter"/> and writes an <see cref="IdentityRead"/> row in the same
/// save, so no read goes unlogged.
/// </summary>
public sealed class ReporterIdentity(AduanDbContext db, TimeProvider clock)
{
    public async Task<ReporterRead> ReadAsync(StaffActor actor, ReportScope scope, Report report, string purpose, CancellationToken ct)
    {
        if (!scope.CanSeeReporter(report))
            return new ReporterRead(ReporterReadOutcome.Forbidden, null);
        if (report.CitizenId is not { } citizenId)
            return new ReporterRead(ReporterReadOutcome.None, null);
        db.IdentityReads.Add(new IdentityRead
        {
            At = clock.GetUtcNow(),
            Actor = actor.Name,
            StaffUserId = actor.UserId,
            ApiKeyId = actor.ApiKeyId,
            ReportCode = report.Code,
            Purpose = string.IsNullOrWhiteSpace(purpose) ? "-" : purpose.Trim()[..Math.Min(purpose.Trim().Length, 200)],
        });
        await db.SaveChangesAsync(ct);
        var citizen = await db.Citizens.AsNoTracking().SingleAsync(c => c.Id == citizenId, ct);
        return new ReporterRead(ReporterReadOutcome.Shown, citizen);
    }

    /// <summary>The log, newest first, for admins.</summary>
    public Task<List<IdentityRead>> LogAsync(string? reportCode, int take, CancellationToken ct)
    {
        var query = db.IdentityReads.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(reportCode))
            query = query.Where(r => r.ReportCode == reportCode);
        return query.OrderByDescending(r => r.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }
}
