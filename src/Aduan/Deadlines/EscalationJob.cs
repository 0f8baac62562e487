using System.Globalization;
using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Deadlines;

/// <summary>
/// The escalation sweep, every minute: reports whose <see cref="Report.NextEscalationAt"/> has come
/// (an index range, so an idle sweep over a million open reports is one cheap query) get their due
/// ladder steps fired — a timeline line, the messages, and a <see cref="EscalationRecord"/> — and
/// missed targets marked late. Exactly once, also with several servers on one PostgreSQL: due
/// reports are claimed with <c>FOR UPDATE SKIP LOCKED</c> inside the transaction that fires them,
/// and the record's unique key (report, step, round) plus the report's version make a second
/// firing fail as a whole rather than send twice.
/// </summary>
public sealed class EscalationJob(IServiceScopeFactory scopes, IOptions<AduanOptions> options, TimeProvider clock, ILogger<EscalationJob> log) : PeriodicJob(clock, log)
{
    private const int Batch = 200;
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    protected override bool Enabled => options.Value.BackgroundEscalation;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override Task RunRoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One sweep: how many reports were looked at and how many steps fired.</summary>
    public async Task<(int Reports, int Fired)> RunOnceAsync(CancellationToken ct)
    {
        var (reports, fired) = (0, 0);
        var skip = new HashSet<Guid>();
        while (true)
        {
            var (seen, stepFired, done) = await SweepBatchAsync(skip, ct);
            (reports, fired) = (reports + seen, fired + stepFired);
            if (done)
                return (reports, fired);
        }
    }

    private async Task<(int Seen, int Fired, bool Done)> SweepBatchAsync(HashSet<Guid> skip, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AduanDbContext>();
        var now = Clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        List<Guid> due;
        if (db.Database.IsNpgsql())
        {
            // Claim: another server's sweep skips the rows this one holds until it commits.
            due = await db.Database.SqlQuery<Guid>(
                $"""SELECT "Id" AS "Value" FROM reports WHERE "NextEscalationAt" <= {now} ORDER BY "NextEscalationAt" LIMIT {Batch + skip.Count} FOR UPDATE SKIP LOCKED""")
                .ToListAsync(ct);
        }
        else
        {
            due = await db.Reports.Where(r => r.NextEscalationAt <= now).OrderBy(r => r.NextEscalationAt).Select(r => r.Id).Take(Batch + skip.Count).ToListAsync(ct);
        }
        due = due.Where(id => !skip.Contains(id)).Take(Batch).ToList();
        if (due.Count == 0)
            return (0, 0, true);

        var fired = 0;
        foreach (var id in due)
        {
            skip.Add(id); // looked at in this sweep, whatever happens
            var report = await db.Reports.Include(r => r.Assignments).SingleAsync(r => r.Id == id, ct);
            fired += await EscalateAsync(services, db, report, now, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Another sweep fired some of these meanwhile (unique key or version): none of this batch's
            // steps is kept, so nothing is sent twice; the reports come round again in the next sweep.
            log.LogInformation(ex, "Escalation batch of {Count} reports lost a race with another sweep; they are looked at again next time", due.Count);
            await transaction.RollbackAsync(ct);
            return (due.Count, 0, false);
        }
        return (due.Count, fired, due.Count < Batch);
    }

    private static async Task<int> EscalateAsync(IServiceProvider services, AduanDbContext db, Report report, DateTimeOffset now, CancellationToken ct)
    {
        var deadlines = services.GetRequiredService<DeadlineClock>();
        var (calendar, ladder) = await services.GetRequiredService<PackCalendar>().GetAsync(ct);
        var agencies = services.GetRequiredService<AgencyTree>();
        var category = await services.GetRequiredService<CategoryDirectory>().FindAsync(report.CategoryCode, ct);
        var lead = report.AgencyCode is { } code ? await agencies.FindAsync(code, ct) : null;
        var state = report.Clock;
        if (category is null || lead is null || state.StartedAt is null || state.PausedAt is not null || !report.IsOpen)
        {
            await deadlines.UpdateAsync(report, now, ct); // nothing to escalate any more: the next time is cleared
            return 0;
        }

        // Missed targets are marked (and counted against the agency) when they pass, not only when the work is done.
        if (state.RespondedAt is null && state.ResponseDueAt <= now)
            state = state with { ResponseLate = true };
        if (report.Status != ReportStatus.Resolved && state.ResolutionDueAt <= now)
            state = state with { ResolutionLate = true };
        report.SetClock(state);

        var hours = ServiceHours.Of(lead);
        var alreadyFired = await db.Escalations.AsNoTracking().Where(e => e.ReportId == report.Id && e.Round == state.Round).Select(e => e.StepCode).ToListAsync(ct);
        var pack = await services.GetRequiredService<CurrentPack>().GetAsync(ct);
        var notifications = services.GetRequiredService<Notifications>();
        var fired = 0;
        foreach (var step in ladder.Where(s => !alreadyFired.Contains(s.Code)))
        {
            if (DeadlineClock.DueAt(step, state, calendar, category.TimeBasis, hours) is not { } due || due > now)
                continue;
            var target = step.Basis == EscalationBasis.Response ? state.ResponseDueAt : state.ResolutionDueAt;
            var recipients = await RecipientsAsync(db, agencies, report, lead, step.Audience, ct);
            var sent = await notifications.TellStaffMembersAsync(recipients, step.Channel, report, step.TemplateKey, new Dictionary<string, string>
            {
                ["instansi"] = lead.Name,
                ["kategori"] = category.Name,
                ["batas"] = target is { } t ? pack.ToLocal(t).ToString("d MMMM yyyy HH:mm", Indonesian) + " " + pack.ZoneAbbreviation : "-",
            }, ct);
            db.Escalations.Add(new EscalationRecord { ReportId = report.Id, StepCode = step.Code, Round = state.Round, FiredAt = now });
            report.RecordEscalation(now, $"eskalasi {step.Code}: {sent} pesan ({step.Channel}) ke {step.Audience}");
            fired++;
        }
        await deadlines.UpdateAsync(report, now, ct);
        return fired;
    }

    private static async Task<List<StaffUser>> RecipientsAsync(AduanDbContext db, AgencyTree agencies, Report report, Agency lead, EscalationAudience audience, CancellationToken ct)
    {
        var staff = db.Users.AsNoTracking().Where(u => !u.IsDisabled);
        switch (audience)
        {
            case EscalationAudience.Officers:
                var officer = report.ActiveAssignment(lead.Code)?.OfficerId;
                return await staff.Where(u => officer != null ? u.Id == officer
                    : u.AgencyCode == lead.Code && (u.Roles & StaffRole.AgencyOfficer) != 0).ToListAsync(ct);
            case EscalationAudience.Heads:
                var parent = lead.ParentCode;
                return await staff.Where(u => (u.AgencyCode == lead.Code || (parent != null && u.AgencyCode == parent)) && (u.Roles & StaffRole.AgencyHead) != 0).ToListAsync(ct);
            case EscalationAudience.Leaders:
                return await staff.Where(u => (u.Roles & StaffRole.Leader) != 0).ToListAsync(ct);
            default:
                return await staff.Where(u => (u.Roles & StaffRole.Operator) != 0).ToListAsync(ct);
        }
    }
}
