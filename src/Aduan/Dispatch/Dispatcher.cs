using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Dispatch;

/// <summary>
/// Sends verified reports to the agency that must act, by the pack's routing table (category x
/// area, the most specific rule winning; see <see cref="Routing"/>). Verification dispatches at
/// once when a rule applies; otherwise, and after a hand-back, the operator dispatches, possibly
/// to several agencies with one lead. A rule naming an outside body forwards the report to it
/// with a tracked <see cref="Coordination"/>.
/// </summary>
public sealed class Dispatcher(
    AduanDbContext db,
    StaffUpdates reports,
    AreaLocator areas,
    AgencyTree agencies,
    CategoryDirectory categories,
    CurrentPack pack,
    Notifications notifications,
    ReportSaver saver,
    TimeProvider clock)
{
    /// <summary>The agency the routing table names for the report's category and kelurahan; null when none applies.</summary>
    public async Task<Agency?> RouteAsync(string? categoryCode, string? areaCode, CancellationToken ct)
    {
        if (categoryCode is null || areaCode is null)
            return null;
        var rules = await db.RoutingRules.AsNoTracking()
            .Where(r => r.CategoryCode == categoryCode || r.CategoryCode == RoutingRule.AnyCategory).ToListAsync(ct);
        var code = Routing.FindAgency(rules, categoryCode, await areas.LineageAsync(areaCode, ct));
        return code is null ? null : await agencies.FindAsync(code, ct);
    }

    /// <summary>
    /// Right after verification, in the same unit of work: dispatches to the routed agency, or
    /// forwards to the routed outside body. False when no rule applies: the operator decides.
    /// </summary>
    public async Task<bool> DispatchVerifiedAsync(Report report, CancellationToken ct)
    {
        if (report.Status != ReportStatus.Verified || await RouteAsync(report.CategoryCode, report.AreaCode, ct) is not { } agency)
            return false;
        if (agency.Kind == AgencyKind.OutsideBody)
            await ForwardAsync(report, agency, null, "sistem", null, ct);
        else
            await SendAsync(report, agency, [], "sistem", null, ct);
        await LearnAsync(report, agency, ct);
        return true;
    }

    /// <summary>The operator's dispatch or re-dispatch (a reason is needed once the report has been with an agency, hand-backs included).</summary>
    public async Task<WorkResult> DispatchAsync(
        StaffActor actor, ReportScope scope, string code, string? leadCode, IReadOnlyList<string> supportingCodes, string? reason, int? expectedVersion, CancellationToken ct)
    {
        var report = await reports.FindVisibleAsync(scope, code, track: true, ct);
        if (report is null)
            return WorkResult.NotFound;
        if (!scope.WriteAll)
            return WorkResult.Forbidden;
        if (expectedVersion is { } v && v != report.Version)
            return WorkResult.Conflict(report, "Work_Stale");
        if (!report.CanMoveTo(ReportStatus.Dispatched))
            return WorkResult.Conflict(report, "Work_WrongStatus");

        var errors = new List<FieldError>();
        var lead = string.IsNullOrWhiteSpace(leadCode) ? null : await agencies.FindAsync(leadCode.Trim(), ct);
        if (lead is null)
            errors.Add(new FieldError("agency", string.IsNullOrWhiteSpace(leadCode) ? "Error_Required" : "Dispatch_UnknownAgency", leadCode ?? ""));
        var supporting = new List<Agency>();
        foreach (var supportCode in supportingCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal))
        {
            if (await agencies.FindAsync(supportCode, ct) is not { } support)
                errors.Add(new FieldError("supporting", "Dispatch_UnknownAgency", supportCode));
            else if (support.Code == lead?.Code)
                errors.Add(new FieldError("supporting", "Dispatch_LeadAlsoSupporting", support.Name));
            else if (support.Kind == AgencyKind.OutsideBody)
                errors.Add(new FieldError("supporting", "Dispatch_OutsideBodySupporting", support.Name));
            else
                supporting.Add(support);
        }
        if (lead?.Kind == AgencyKind.OutsideBody && supporting.Count > 0)
            errors.Add(new FieldError("supporting", "Dispatch_OutsideBodySupporting", lead.Name));
        var redispatch = report.IsRedispatch;
        if (redispatch && string.IsNullOrWhiteSpace(reason))
            errors.Add(new FieldError("reason", "Dispatch_ReasonRequired"));
        if (reason?.Trim().Length > Limits.Description)
            errors.Add(new FieldError("reason", "Error_TooLong", Limits.Description));
        if (report.CategoryCode is null)
            errors.Add(new FieldError("category", "Triage_CategoryFirst"));
        if (report.AreaCode is null)
            errors.Add(new FieldError("area", "Triage_AreaFirst"));
        if (errors.Count > 0)
            return WorkResult.Invalid([.. errors]);

        if (lead!.Kind == AgencyKind.OutsideBody)
        {
            if (!report.CanMoveTo(ReportStatus.ForwardedToOutsideBody))
                return WorkResult.Conflict(report, "Work_WrongStatus");
            await ForwardAsync(report, lead, null, actor.TimelineName, reason, ct);
        }
        else
        {
            await SendAsync(report, lead, supporting, actor.TimelineName, redispatch ? reason : null, ct);
        }
        await LearnAsync(report, lead, ct);
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>
    /// The operator sets how urgent a report is (biasa, segera, darurat). Only the media centre
    /// may: an agency that could lower its own priority could buy itself time. A running clock
    /// moves its due times to the new priority's targets (see <see cref="Deadlines.DeadlineClock"/>).
    /// </summary>
    public async Task<WorkResult> SetPriorityAsync(StaffActor actor, ReportScope scope, string code, string? priorityCode, string? reason, int? expectedVersion, CancellationToken ct)
    {
        var report = await reports.FindVisibleAsync(scope, code, track: true, ct);
        if (report is null)
            return WorkResult.NotFound;
        if (!scope.WriteAll)
            return WorkResult.Forbidden;
        if (expectedVersion is { } v && v != report.Version)
            return WorkResult.Conflict(report, "Work_Stale");
        if (!report.IsOpen)
            return WorkResult.Conflict(report, "Work_WrongStatus");
        if (ReportPriorities.Parse(priorityCode) is not { } priority)
            return WorkResult.Invalid(new FieldError("priority", string.IsNullOrWhiteSpace(priorityCode) ? "Error_Required" : "Priority_Unknown", priorityCode ?? ""));
        if (WorkInput.OptionalText("reason", reason) is { } tooLong)
            return WorkResult.Invalid(tooLong);
        if (priority == report.Priority)
            return WorkResult.Invalid(new FieldError("priority", "Priority_Unchanged"));
        report.SetPriority(priority, clock.GetUtcNow(), actor.TimelineName, reason);
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>Forwards a report to an outside body and opens its coordination (the agency that forwards it, or null for the media centre).</summary>
    public async Task<Coordination> ForwardAsync(Report report, Agency body, string? byAgency, string actor, string? note, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var info = await pack.GetAsync(ct);
        var text = $"diteruskan ke {body.Name}" + (string.IsNullOrWhiteSpace(note) ? "" : $" — {note.Trim()}");
        report.ForwardToOutsideBody(body.Code, now, actor, text);
        var coordination = new Coordination
        {
            ReportId = report.Id,
            BodyCode = body.Code,
            ForwardedByAgency = byAgency,
            SentBy = actor,
            SentAt = now,
            NextReminderAt = now.AddHours(info.Info.CoordinationReminderHours),
        };
        db.Coordinations.Add(coordination);
        await notifications.TellCitizenAsync(report, "laporan-didisposisikan", new Dictionary<string, string> { ["instansi"] = body.Name }, null, ct);
        return coordination;
    }

    /// <summary>
    /// Every dispatch by the media centre (the rules' after verification, an operator's, a
    /// re-dispatch after a hand-back) becomes an example for the agency classifier, in the same
    /// save; the report's last one is its label, so a corrected dispatch replaces a wrong one.
    /// </summary>
    private async Task LearnAsync(Report report, Agency lead, CancellationToken ct)
    {
        if (report.CategoryCode is not { } category || TextNormalizer.IsMeaningless(report.Description))
            return;
        db.ClassifierExamples.Add(new ClassifierExample
        {
            Text = report.Description,
            CategoryCode = category,
            AgencyCode = Routing.Relative(lead.Code, await areas.LineageAsync(report.AreaCode, ct)),
            Source = ClassifierExample.FromDispatch,
            ReportId = report.Id,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    private async Task SendAsync(Report report, Agency lead, List<Agency> supporting, string actor, string? reason, CancellationToken ct)
    {
        var text = supporting.Count == 0
            ? $"didisposisikan ke {lead.Name}"
            : $"didisposisikan ke {lead.Name} (utama), didukung {string.Join(", ", supporting.Select(s => s.Name))}";
        report.Dispatch(lead.Code, [.. supporting.Select(s => s.Code)], clock.GetUtcNow(), actor, text, reason);
        var category = await categories.FindAsync(report.CategoryCode, ct);
        foreach (var agency in supporting.Prepend(lead))
        {
            await notifications.TellStaffAsync(agency.Code, report, "instansi-laporan-baru",
                new Dictionary<string, string> { ["instansi"] = agency.Name, ["kategori"] = category?.Name ?? "-" }, ct);
        }
        await notifications.TellCitizenAsync(report, "laporan-didisposisikan", new Dictionary<string, string> { ["instansi"] = lead.Name }, null, ct);
    }
}
