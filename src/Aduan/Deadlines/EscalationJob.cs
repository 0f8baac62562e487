using System.Data.Common;
using System.Diagnostics;
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
    /// <summary>The name of the <see cref="ActivitySource"/> that times each batch's phases (claim, read, escalate, write, commit).</summary>
    public const string TraceName = "Aduan.Escalation";

    private const int BatchSize = 1000;
    private static readonly ActivitySource Trace = new(TraceName);
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
        using (Trace.StartActivity("claim"))
        {
            if (db.Database.IsNpgsql())
            {
                // Claim: another server's sweep skips the rows this one holds until it commits.
                due = await db.Database.SqlQuery<Guid>(
                    $"""SELECT "Id" AS "Value" FROM reports WHERE "NextEscalationAt" <= {now} ORDER BY "NextEscalationAt" LIMIT {BatchSize + skip.Count} FOR UPDATE SKIP LOCKED""")
                    .ToListAsync(ct);
            }
            else
            {
                due = await db.Reports.Where(r => r.NextEscalationAt <= now).OrderBy(r => r.NextEscalationAt).Select(r => r.Id).Take(BatchSize + skip.Count).ToListAsync(ct);
            }
        }
        due = due.Where(id => !skip.Contains(id)).Take(BatchSize).ToList();
        if (due.Count == 0)
            return (0, 0, true);

        // One query each for the batch's reports and what has fired for them; recipients are looked up
        // once per agency and audience. Nothing is tracked: the changes are written below.
        List<Report> reports;
        ILookup<Guid, (string StepCode, int Round)> records;
        using (Trace.StartActivity("read"))
        {
            reports = await db.Reports.AsNoTracking().Where(r => EF.Parameter(due).Contains(r.Id)).Include(r => r.Assignments).AsSplitQuery().ToListAsync(ct);
            records = (await db.Escalations.AsNoTracking().Where(e => EF.Parameter(due).Contains(e.ReportId)).Select(e => new { e.ReportId, e.StepCode, e.Round }).ToListAsync(ct))
                .ToLookup(e => e.ReportId, e => (e.StepCode, e.Round));
        }
        var versions = reports.Select(r => (Row: r, Token: (object)r.Version)).ToList(); // as read: the writes below expect them unchanged
        var batch = new Batch(services, db, now, [], [], []);
        var fired = 0;
        using (Trace.StartActivity("escalate"))
        {
            foreach (var report in reports)
            {
                skip.Add(report.Id); // looked at in this sweep, whatever happens
                var before = records[report.Id].Where(e => e.Round == report.ClockRound).Select(e => e.StepCode).ToList();
                fired += await EscalateAsync(batch, report, before, ct);
            }
        }
        skip.UnionWith(due);
        try
        {
            using (Trace.StartActivity("write"))
                await WriteAsync(batch, versions, ct);
            using (Trace.StartActivity("commit"))
                await transaction.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException)
        {
            // Another sweep fired some of these meanwhile (unique key or version): none of this batch's
            // steps is kept, so nothing is sent twice; the reports come round again in the next sweep.
            log.LogInformation(ex, "Escalation batch of {Count} reports lost a race with another sweep; they are looked at again next time", due.Count);
            await transaction.RollbackAsync(ct);
            return (due.Count, 0, false);
        }
        return (due.Count, fired, due.Count < BatchSize);
    }

    /// <summary>
    /// The batch's changes in a few multi-row statements, in its transaction. Through the change
    /// tracker each report was five tracked entities (with its part, record, timeline line and
    /// message) and, on SQLite, four statements: most of a 10,000-report sweep's time.
    /// </summary>
    private static async Task WriteAsync(Batch batch, List<(Report Row, object Token)> reports, CancellationToken ct)
    {
        // The records first: their unique key (report, step, round) is what makes a second firing fail.
        await BulkWrite.InsertAsync(batch.Db, batch.Fired, ct);
        var changed = await BulkWrite.UpdateAsync(batch.Db, reports, ReportColumns, ct);
        if (changed != reports.Count)
            throw new DbUpdateConcurrencyException($"{reports.Count - changed} of {reports.Count} reports changed while the escalation sweep looked at them.");
        await BulkWrite.InsertAsync(batch.Db, reports.SelectMany(r => r.Row.Updates).Where(u => u.Id == 0).ToList(), ct);
        await BulkWrite.InsertAsync(batch.Db, batch.Messages, ct);
    }

    /// <summary>What the sweep changes on a report: the timeline's head and count (<see cref="Report.RecordEscalation"/>) and the clock (<see cref="Report.SetClock"/>).</summary>
    private static readonly string[] ReportColumns =
    [
        nameof(Report.HistoryHead), nameof(Report.LastChangedAt), nameof(Report.Version),
        nameof(Report.ClockStartedAt), nameof(Report.ClockPausedAt), nameof(Report.ResponseDueAt), nameof(Report.ResolutionDueAt), nameof(Report.RespondedAt),
        nameof(Report.ResponseLate), nameof(Report.ResolutionLate), nameof(Report.NextEscalationAt), nameof(Report.ClockRound), nameof(Report.ClockPriority),
    ];

    /// <summary>What one batch shares: its unit of work, its moment, the recipients already looked up, and what it writes.</summary>
    private sealed record Batch(
        IServiceProvider Services, AduanDbContext Db, DateTimeOffset Now, Dictionary<(string Who, EscalationAudience Audience), List<StaffUser>> Recipients,
        List<EscalationRecord> Fired, List<OutboxMessage> Messages);

    private static async Task<int> EscalateAsync(Batch batch, Report report, List<string> alreadyFired, CancellationToken ct)
    {
        var (services, now) = (batch.Services, batch.Now);
        var deadlines = services.GetRequiredService<DeadlineClock>();
        var snapshot = await services.GetRequiredService<PackCalendar>().GetAsync(ct);
        var (calendar, ladder) = snapshot;
        var agencies = services.GetRequiredService<AgencyTree>();
        var category = await services.GetRequiredService<CategoryDirectory>().FindAsync(report.CategoryCode, ct);
        var lead = report.AgencyCode is { } code ? await agencies.FindAsync(code, ct) : null;
        var state = report.Clock;
        if (category is null || lead is null || state.StartedAt is null || state.PausedAt is not null || !report.IsOpen)
        {
            await deadlines.UpdateAsync(report, now, alreadyFired, ct); // nothing to escalate any more: the next time is cleared
            return 0;
        }

        // Missed targets are marked (and counted against the agency) when they pass, not only when the work is done.
        if (state.RespondedAt is null && state.ResponseDueAt <= now)
            state = state with { ResponseLate = true };
        if (report.Status != ReportStatus.Resolved && state.ResolutionDueAt <= now)
            state = state with { ResolutionLate = true };
        report.SetClock(state);

        var hours = ServiceHours.Of(lead);
        var pack = await services.GetRequiredService<CurrentPack>().GetAsync(ct);
        var notifications = services.GetRequiredService<Notifications>();
        var fired = new List<string>(alreadyFired);
        foreach (var step in ladder.Where(s => !alreadyFired.Contains(s.Code)))
        {
            if (DeadlineClock.DueAt(step, state, calendar, snapshot.Targets(category, report.ClockPriority).Basis, hours) is not { } due || due > now)
                continue;
            var target = step.Basis == EscalationBasis.Response ? state.ResponseDueAt : state.ResolutionDueAt;
            var recipients = await RecipientsAsync(batch, agencies, report, lead, step.Audience, ct);
            var messages = await notifications.StaffMessagesAsync(recipients, step.Channel, report, step.TemplateKey, new Dictionary<string, string>
            {
                ["instansi"] = lead.Name,
                ["kategori"] = category.Name,
                ["batas"] = target is { } t ? pack.ToLocal(t).ToString("d MMMM yyyy HH:mm", Indonesian) + " " + pack.ZoneAbbreviation : "-",
            }, ct);
            batch.Messages.AddRange(messages);
            batch.Fired.Add(new EscalationRecord { ReportId = report.Id, StepCode = step.Code, Round = state.Round, FiredAt = now });
            report.RecordEscalation(now, $"eskalasi {step.Code}: {messages.Count} pesan ({step.Channel}) ke {step.Audience}");
            fired.Add(step.Code);
        }
        await deadlines.UpdateAsync(report, now, fired, ct);
        return fired.Count - alreadyFired.Count;
    }

    private static async Task<List<StaffUser>> RecipientsAsync(Batch batch, AgencyTree agencies, Report report, Agency lead, EscalationAudience audience, CancellationToken ct)
    {
        // The officer a part is assigned to is told alone; everyone else is looked up once per batch.
        var officer = audience == EscalationAudience.Officers ? report.ActiveAssignment(lead.Code)?.OfficerId : null;
        var key = (officer is { } id ? id.ToString() : audience is EscalationAudience.Leaders or EscalationAudience.Operators ? "" : lead.Code, audience);
        if (batch.Recipients.TryGetValue(key, out var known))
            return known;
        if (officer is not null)
            return batch.Recipients[key] = await batch.Db.Users.AsNoTracking().Where(u => u.Id == officer && !u.IsDisabled).ToListAsync(ct);
        var staff = batch.Db.Users.AsNoTracking().Where(u => !u.IsDisabled);
        var parent = lead.ParentCode;
        var found = audience switch
        {
            EscalationAudience.Officers => await staff.Where(u => u.AgencyCode == lead.Code && (u.Roles & StaffRole.AgencyOfficer) != 0).ToListAsync(ct),
            EscalationAudience.Heads => await staff.Where(u => (u.AgencyCode == lead.Code || (parent != null && u.AgencyCode == parent)) && (u.Roles & StaffRole.AgencyHead) != 0).ToListAsync(ct),
            EscalationAudience.Leaders => await staff.Where(u => (u.Roles & StaffRole.Leader) != 0).ToListAsync(ct),
            _ => await staff.Where(u => (u.Roles & StaffRole.Operator) != 0).ToListAsync(ct),
        };
        batch.Recipients[key] = found;
        return found;
    }
}
