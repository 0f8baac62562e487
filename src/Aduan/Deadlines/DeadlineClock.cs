using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Dispatch;
using Aduan.Packs;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Deadlines;

/// <summary>The pack's working calendar (time zone, holidays, cuti bersama, local days off) and escalation ladder, kept until the pack changes.</summary>
public sealed class PackCalendar(IServiceScopeFactory scopes) : PackCache<PackCalendar.Snapshot>(scopes)
{
    /// <param name="Calendar">Time zone, holidays, cuti bersama and local days off.</param>
    /// <param name="Ladder">The escalation steps.</param>
    public sealed record Snapshot(WorkingCalendar Calendar, IReadOnlyList<EscalationStep> Ladder)
    {
        /// <summary>priorities.csv: the targets of urgent and emergency reports.</summary>
        public IReadOnlyList<DeadlinePolicy> Policies { get; init; } = [];

        public ReopenDeadline Reopen { get; init; }
        public int? ReopenResolutionHours { get; init; }

        public DeadlineTargets Targets(Category category, ReportPriority priority) => DeadlineTargets.For(category, priority, Policies);
    }

    public Task<Snapshot> GetAsync(CancellationToken ct) => ValueAsync(ct);

    protected override async Task<Snapshot> LoadAsync(AduanDbContext db, CancellationToken ct)
    {
        var info = await db.PackInfo.AsNoTracking().SingleAsync(ct);
        var days = await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct);
        var ladder = await db.EscalationSteps.AsNoTracking().ToListAsync(ct);
        var policies = await db.DeadlinePolicies.AsNoTracking().ToListAsync(ct);
        return new Snapshot(new WorkingCalendar(TimeZoneInfo.FindSystemTimeZoneById(info.TimeZone), days.ToHashSet()), ladder)
        {
            Policies = policies,
            Reopen = info.ReopenDeadline,
            ReopenResolutionHours = info.ReopenResolutionHours,
        };
    }
}

/// <summary>
/// Works out a report's deadline clock from its state, so every step that changes a report only
/// has to call <see cref="UpdateAsync"/> before saving: the clock starts when the lead agency's
/// part is dispatched (response and resolution targets from the category, counted in its
/// <see cref="TimeBasis"/> over the agency's service hours), waits while the report waits for the
/// citizen or an outside body (the due times move by the waiting time, counted the same way),
/// starts a new round when a reopened report gets a fresh part, and marks a target missed when
/// the acceptance or resolution comes after it. It also sets when the escalation sweep must look
/// at the report next.
/// </summary>
public sealed class DeadlineClock(PackCalendar calendars, CategoryDirectory categories, AgencyTree agencies, AduanDbContext db)
{
    public Task UpdateAsync(Report report, DateTimeOffset now, CancellationToken ct) => UpdateAsync(report, now, null, ct);

    /// <param name="fired">The steps already fired in the report's current round, when the caller knows them (the escalation sweep); otherwise they are read.</param>
    public async Task UpdateAsync(Report report, DateTimeOffset now, IReadOnlyCollection<string>? fired, CancellationToken ct)
    {
        await MeasureAsync(report, ct);
        var state = report.Clock;
        var lead = report.Assignments.Where(a => a.Role == AssignmentRole.Lead && a.Status != AssignmentStatus.Withdrawn && a.Status != AssignmentStatus.HandedBack)
            .OrderBy(a => a.DispatchedAt).LastOrDefault();
        var category = await categories.FindAsync(report.CategoryCode, ct);
        if (lead is null || category is null)
        {
            // Not with an agency (triage, handed back, forwarded by the media centre): no agency clock runs.
            report.SetClock(state with { NextEscalationAt = null, PausedAt = null });
            return;
        }
        var snapshot = await calendars.GetAsync(ct);
        var (calendar, ladder) = snapshot;
        var hours = ServiceHours.Of(await agencies.FindAsync(lead.AgencyCode, ct));
        var targets = snapshot.Targets(category, report.Priority);
        var basis = targets.Basis;

        if (state.StartedAt is not null && lead.DispatchedAt > state.StartedAt)
            CloseRound(report, state, now);
        if (state.StartedAt is null || lead.DispatchedAt > state.StartedAt)
        {
            // A new dispatch (first, re-dispatch or reopen): a new round with fresh targets.
            var resolutionDue = calendar.Add(lead.DispatchedAt, TimeSpan.FromHours(targets.ResolutionHours), basis, hours);
            if (report.Status == ReportStatus.Reopened && state.StartedAt is not null)
                resolutionDue = ReopenedResolutionDue(report, state, snapshot, targets, lead.DispatchedAt, calendar, hours) ?? resolutionDue;
            state = new DeadlineState(
                lead.DispatchedAt, null,
                calendar.Add(lead.DispatchedAt, TimeSpan.FromHours(targets.ResponseHours), basis, hours),
                resolutionDue,
                null, false, false, null, state.StartedAt is null ? 0 : state.Round + 1, report.Priority);
        }
        else if (state.Priority != report.Priority)
        {
            state = Retarget(state, snapshot.Targets(category, state.Priority), targets, report.Priority, calendar, hours);
        }

        var waiting = report.Status is ReportStatus.WaitingForCitizen or ReportStatus.ForwardedToOutsideBody;
        if (waiting && state.PausedAt is null)
        {
            state = state with { PausedAt = now };
        }
        else if (!waiting && state.PausedAt is { } pausedAt)
        {
            var waited = calendar.Between(pausedAt, now, basis, hours);
            state = state with
            {
                PausedAt = null,
                ResponseDueAt = state.RespondedAt is null ? calendar.Add(state.ResponseDueAt!.Value, waited, basis, hours) : state.ResponseDueAt,
                ResolutionDueAt = calendar.Add(state.ResolutionDueAt!.Value, waited, basis, hours),
            };
        }

        if (state.RespondedAt is null && lead.AcceptedAt is { } accepted && accepted >= state.StartedAt)
            state = state with { RespondedAt = accepted, ResponseLate = accepted > state.ResponseDueAt };
        if (report.Status is ReportStatus.Resolved or ReportStatus.Closed && report.ResolvedAt is { } resolved && !state.ResolutionLate)
            state = state with { ResolutionLate = resolved > state.ResolutionDueAt };

        state = state with { NextEscalationAt = await NextEscalationAsync(report, state, ladder, calendar, basis, hours, fired, ct) };
        report.SetClock(state);
        MarkPart(lead, state.ResponseLate, state.ResolutionLate);
    }

    /// <summary>The working minutes of a response or resolution that just happened, stored on its part for the scorecards.</summary>
    private async Task MeasureAsync(Report report, CancellationToken ct)
    {
        if (!report.Assignments.Any(Scorecards.WorkingMinutes.NeedsMeasuring))
            return;
        var calendar = (await calendars.GetAsync(ct)).Calendar;
        foreach (var part in report.Assignments.Where(Scorecards.WorkingMinutes.NeedsMeasuring))
            Scorecards.WorkingMinutes.Measure(part, calendar, ServiceHours.Of(await agencies.FindAsync(part.AgencyCode, ct)));
    }

    /// <summary>
    /// A round ends (a re-dispatch, a reopen): the lead part of that round keeps what it missed,
    /// including a target that passed while nobody swept, so the count against its agency survives.
    /// </summary>
    private static void CloseRound(Report report, DeadlineState state, DateTimeOffset now)
    {
        var part = report.Assignments.FirstOrDefault(a => a.Role == AssignmentRole.Lead && a.DispatchedAt == state.StartedAt);
        if (part is null)
            return;
        var ended = part.FinishedAt ?? now;
        MarkPart(part,
            state.ResponseLate || (state.RespondedAt is null && state.PausedAt is null && state.ResponseDueAt < ended),
            state.ResolutionLate || (state.PausedAt is null && state.ResolutionDueAt < ended && part.Status != AssignmentStatus.Done));
    }

    private static void MarkPart(Assignment part, bool responseLate, bool resolutionLate)
    {
        // Only ever set: a later priority change or an undone step never clears what was missed.
        if (responseLate && !part.ResponseLate)
            part.ResponseLate = true;
        if (resolutionLate && !part.ResolutionLate)
            part.ResolutionLate = true;
    }

    /// <summary>
    /// The resolution due time of a reopened report's new round, as the pack's <c>reopen</c> policy
    /// says; null for the full target. "Remaining" gives what was left of the old round when the
    /// agency resolved it (never less than the response target, so the agency is not late the
    /// moment the citizen answers).
    /// </summary>
    private static DateTimeOffset? ReopenedResolutionDue(
        Report report, DeadlineState old, PackCalendar.Snapshot snapshot, DeadlineTargets targets, DateTimeOffset start, WorkingCalendar calendar, OfficeHours hours)
    {
        switch (snapshot.Reopen)
        {
            case ReopenDeadline.Fixed when snapshot.ReopenResolutionHours is { } fixedHours:
                return calendar.Add(start, TimeSpan.FromHours(fixedHours), targets.Basis, hours);
            case ReopenDeadline.Remaining when old.ResolutionDueAt is { } oldDue:
                // The old round's lead part finished when the agency resolved it.
                var finished = report.Assignments
                    .Where(a => a.Role == AssignmentRole.Lead && a.FinishedAt is not null && a.DispatchedAt >= old.StartedAt && a.DispatchedAt < start)
                    .Select(a => a.FinishedAt!.Value).DefaultIfEmpty(start).Max();
                var left = finished < oldDue ? calendar.Between(finished, oldDue, targets.Basis, hours) : TimeSpan.Zero;
                var floor = TimeSpan.FromHours(targets.ResponseHours);
                return calendar.Add(start, left > floor ? left : floor, targets.Basis, hours);
            default:
                return null;
        }
    }

    /// <summary>
    /// The priority changed within a round: the due times move by the difference between the old
    /// and new targets, keeping the time the clock already waited. A target already met or already
    /// missed stays as it was: a late mark is never undone.
    /// </summary>
    private static DeadlineState Retarget(
        DeadlineState state, DeadlineTargets old, DeadlineTargets now, ReportPriority priority, WorkingCalendar calendar, OfficeHours hours)
    {
        var start = state.StartedAt!.Value;
        DateTimeOffset? Move(DateTimeOffset? due, int oldHours, int newHours)
        {
            if (due is not { } end)
                return due;
            // The waiting already added to this due time (pauses), counted the way the old target was.
            var waited = calendar.Between(start, end, old.Basis, hours) - TimeSpan.FromHours(oldHours);
            return calendar.Add(start, TimeSpan.FromHours(newHours) + (waited > TimeSpan.Zero ? waited : TimeSpan.Zero), now.Basis, hours);
        }
        return state with
        {
            ResponseDueAt = state.RespondedAt is null && !state.ResponseLate ? Move(state.ResponseDueAt, old.ResponseHours, now.ResponseHours) : state.ResponseDueAt,
            ResolutionDueAt = state.ResolutionLate ? state.ResolutionDueAt : Move(state.ResolutionDueAt, old.ResolutionHours, now.ResolutionHours),
            Priority = priority,
        };
    }

    /// <summary>When the next step of the ladder that has not fired this round falls due; null when none is left (or the clock waits).</summary>
    private async Task<DateTimeOffset?> NextEscalationAsync(
        Report report, DeadlineState state, IReadOnlyList<EscalationStep> ladder, WorkingCalendar calendar, TimeBasis basis, OfficeHours hours,
        IReadOnlyCollection<string>? fired, CancellationToken ct)
    {
        if (state.PausedAt is not null || !report.IsOpen || report.Status == ReportStatus.Resolved)
            return null;
        fired ??= await db.Escalations.AsNoTracking()
            .Where(e => e.ReportId == report.Id && e.Round == state.Round).Select(e => e.StepCode).ToListAsync(ct);
        // The targets themselves wake the sweep too, so a missed one is marked late even without a step at 100%.
        DateTimeOffset? next = state.RespondedAt is null && !state.ResponseLate ? state.ResponseDueAt : null;
        if (!state.ResolutionLate && state.ResolutionDueAt is { } resolutionDue && (next is null || resolutionDue < next))
            next = resolutionDue;
        foreach (var step in ladder.Where(s => !fired.Contains(s.Code)))
        {
            if (DueAt(step, state, calendar, basis, hours) is { } due && (next is null || due < next))
                next = due;
        }
        return next;
    }

    /// <summary>When a step falls due in this round; null when it no longer applies (a response step once the agency has acted).</summary>
    public static DateTimeOffset? DueAt(EscalationStep step, DeadlineState state, WorkingCalendar calendar, TimeBasis basis, OfficeHours hours)
    {
        if (state.StartedAt is not { } started || (step.Basis == EscalationBasis.Response && state.RespondedAt is not null))
            return null;
        if (step.AfterHours is { } after)
            return calendar.Add(started, TimeSpan.FromHours(after), basis, hours);
        var target = step.Basis == EscalationBasis.Response ? state.ResponseDueAt : state.ResolutionDueAt;
        if (target is not { } end)
            return null;
        // A share of the target: of the working time between the start and the due time, so pauses count as they should.
        var whole = calendar.Between(started, end, basis, hours);
        return calendar.Add(started, whole * (step.Percent!.Value / 100.0), basis, hours);
    }
}
