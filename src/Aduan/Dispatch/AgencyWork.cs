using System.Security.Cryptography;
using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Packs;
using Aduan.Photos;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Dispatch;

/// <summary>The evidence of a resolution: a photo taken at the place, and where the phone was.</summary>
public sealed record ResolveEvidence(string? Summary, PhotoUpload? Photo, double? Latitude, double? Longitude);

/// <summary>
/// What an agency does with a report dispatched to it: accept, assign an officer, ask the citizen,
/// hand back, forward to an outside body and track that coordination, finish a supporting part,
/// resolve with evidence. Each step checks who may take it (the agency holding the part; operators
/// for the steps the media centre also takes) and whether the report's state allows it.
/// </summary>
public sealed class AgencyWork(
    AduanDbContext db,
    StaffUpdates reports,
    AgencyTree agencies,
    AreaLocator areas,
    CurrentPack pack,
    PhotoStore photos,
    Dispatcher dispatcher,
    Notifications notifications,
    ReportSaver saver,
    IOptions<AduanOptions> options,
    TimeProvider clock)
{
    public async Task<WorkResult> AcceptAsync(StaffActor actor, ReportScope scope, string code, int? expectedVersion, CancellationToken ct)
    {
        var (report, agency, refusal) = await LoadAsync(actor, scope, code, expectedVersion, operatorMayAct: false, ct);
        if (report is null)
            return refusal!;
        if (report.ActiveAssignment(agency!)!.Status == AssignmentStatus.Accepted)
            return WorkResult.Conflict(report, "Dispatch_AlreadyAccepted");
        var before = report.Status;
        report.Accept(agency!, clock.GetUtcNow(), actor.TimelineName);
        if (report.Status != before)
            await notifications.TellCitizenStatusAsync(report, ct); // the lead's acceptance: work has started
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>Heads give the part to any officer of the agency; officers may take it themselves.</summary>
    public async Task<WorkResult> AssignAsync(StaffActor actor, ReportScope scope, string code, Guid? officerId, int? expectedVersion, CancellationToken ct)
    {
        var (report, agency, refusal) = await LoadAsync(actor, scope, code, expectedVersion, operatorMayAct: false, ct);
        if (report is null)
            return refusal!;
        var target = officerId ?? actor.UserId;
        var officer = target is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == target, ct);
        if (officer is null || officer.IsDisabled || officer.AgencyCode != agency || (officer.Roles & (StaffRole.AgencyOfficer | StaffRole.AgencyHead)) == 0)
            return WorkResult.Invalid(new FieldError("officer", "Dispatch_UnknownOfficer"));
        if (officer.Id != actor.UserId && !actor.Has(StaffRole.AgencyHead))
            return WorkResult.Forbidden;
        var before = report.Status;
        report.AssignOfficer(agency!, officer.Id, officer.DisplayName, clock.GetUtcNow(), actor.TimelineName);
        if (report.Status != before)
            await notifications.TellCitizenStatusAsync(report, ct);
        if (officer.Id != actor.UserId)
            await notifications.TellStaffMembersAsync([officer], MessageChannel.Email, report, "petugas-ditugaskan", new Dictionary<string, string> { ["nama"] = officer.DisplayName }, ct);
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>The clock waits while the citizen is asked; they answer through the link in the message.</summary>
    public async Task<WorkResult> AskCitizenAsync(StaffActor actor, ReportScope scope, string code, string? question, int? expectedVersion, CancellationToken ct)
    {
        var (report, agency, refusal) = await LoadAsync(actor, scope, code, expectedVersion, operatorMayAct: true, ct);
        if (report is null)
            return refusal!;
        if (WorkInput.RequiredText("question", question) is { } error)
            return WorkResult.Invalid(error);
        if (!report.CanMoveTo(ReportStatus.WaitingForCitizen))
            return WorkResult.Conflict(report, "Work_WrongStatus");
        if (!await CitizenReachableAsync(report, ct))
            return WorkResult.Invalid(new FieldError("question", "Dispatch_NoContact"));
        var token = NewToken();
        report.AskCitizen(clock.GetUtcNow(), actor.TimelineName, question!.Trim(), CitizenResponses.Hash(token));
        var asking = agency is null ? null : await agencies.FindAsync(agency, ct);
        await notifications.TellCitizenAsync(report, "perlu-informasi",
            new Dictionary<string, string> { ["pertanyaan"] = question.Trim(), ["instansi"] = asking?.Name ?? "Aduan" },
            notifications.TrackLink(report, CitizenResponses.LinkSuffix(token)), ct);
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>The citizen answered another way (a phone call, a visit): staff write it down.</summary>
    public async Task<WorkResult> RecordCitizenAnswerAsync(StaffActor actor, ReportScope scope, string code, string? answer, int? expectedVersion, CancellationToken ct)
    {
        var (report, _, refusal) = await LoadAsync(actor, scope, code, expectedVersion, operatorMayAct: true, ct);
        if (report is null)
            return refusal!;
        if (WorkInput.RequiredText("answer", answer) is { } error)
            return WorkResult.Invalid(error);
        if (report.Status != ReportStatus.WaitingForCitizen)
            return WorkResult.Conflict(report, "Work_WrongStatus");
        report.CitizenAnswered(clock.GetUtcNow(), actor.TimelineName, $"jawaban pelapor (dicatat petugas): {answer!.Trim()}");
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>"Not ours": the lead's hand-back returns the report to the operator; a supporting agency only leaves.</summary>
    public async Task<WorkResult> HandBackAsync(StaffActor actor, ReportScope scope, string code, string? reason, int? expectedVersion, CancellationToken ct)
    {
        var (report, agency, refusal) = await LoadAsync(actor, scope, code, expectedVersion, operatorMayAct: false, ct);
        if (report is null)
            return refusal!;
        if (WorkInput.RequiredText("reason", reason) is { } error)
            return WorkResult.Invalid(error);
        var part = report.ActiveAssignment(agency!)!;
        if (part.Role == AssignmentRole.Lead && !report.CanMoveTo(ReportStatus.Verified))
            return WorkResult.Conflict(report, "Work_WrongStatus");
        report.HandBack(agency!, clock.GetUtcNow(), actor.TimelineName, reason!.Trim());
        return await saver.SaveAsync(report, ct);
    }

    public async Task<WorkResult> FinishPartAsync(StaffActor actor, ReportScope scope, string code, string? summary, int? expectedVersion, CancellationToken ct)
    {
        var (report, agency, refusal) = await LoadAsync(actor, scope, code, expectedVersion, operatorMayAct: false, ct);
        if (report is null)
            return refusal!;
        if (WorkInput.RequiredText("summary", summary) is { } error)
            return WorkResult.Invalid(error);
        if (report.ActiveAssignment(agency!)!.Role == AssignmentRole.Lead)
            return WorkResult.Conflict(report, "Dispatch_LeadResolves");
        report.FinishPart(agency!, clock.GetUtcNow(), actor.TimelineName, summary!.Trim());
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>Forwards to an outside body (PLN, PAM JAYA, the police); the coordination is tracked and reminded.</summary>
    public async Task<WorkResult> ForwardAsync(StaffActor actor, ReportScope scope, string code, string? bodyCode, string? note, int? expectedVersion, CancellationToken ct)
    {
        var (report, agency, refusal) = await LoadAsync(actor, scope, code, expectedVersion, operatorMayAct: true, ct);
        if (report is null)
            return refusal!;
        var body = string.IsNullOrWhiteSpace(bodyCode) ? null : await agencies.FindAsync(bodyCode.Trim(), ct);
        if (body is not { Kind: AgencyKind.OutsideBody })
            return WorkResult.Invalid(new FieldError("body", "Dispatch_NotOutsideBody", bodyCode ?? ""));
        if (note?.Trim().Length > Limits.Description)
            return WorkResult.Invalid(new FieldError("note", "Error_TooLong", Limits.Description));
        if (agency is not null && report.ActiveAssignment(agency)?.Role == AssignmentRole.Support)
            return WorkResult.Conflict(report, "Dispatch_LeadResolves");
        if (!report.CanMoveTo(ReportStatus.ForwardedToOutsideBody))
            return WorkResult.Conflict(report, "Work_WrongStatus");
        await dispatcher.ForwardAsync(report, body, agency, actor.TimelineName, note, ct);
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>A step of a coordination: the body acknowledged it (with its reference) or answered.</summary>
    public async Task<WorkResult> CoordinationStepAsync(
        StaffActor actor, ReportScope scope, string code, long coordinationId, CoordinationStatus step, string? text, int? expectedVersion, CancellationToken ct)
    {
        var (report, _, refusal) = await LoadAsync(actor, scope, code, expectedVersion, operatorMayAct: true, ct);
        if (report is null)
            return refusal!;
        var coordination = await db.Coordinations.SingleOrDefaultAsync(c => c.Id == coordinationId && c.ReportId == report.Id, ct);
        if (coordination is null)
            return WorkResult.NotFound;
        var body = await agencies.FindAsync(coordination.BodyCode, ct);
        var now = clock.GetUtcNow();
        switch (step)
        {
            case CoordinationStatus.Acknowledged:
                if (coordination.Status != CoordinationStatus.Sent)
                    return WorkResult.Conflict(report, "Dispatch_CoordinationStep");
                if (text?.Trim().Length > 200)
                    return WorkResult.Invalid(new FieldError("reference", "Error_TooLong", 200));
                (coordination.Status, coordination.AcknowledgedAt, coordination.Reference) = (CoordinationStatus.Acknowledged, now, string.IsNullOrWhiteSpace(text) ? null : text.Trim());
                report.RecordCoordination(now, actor.TimelineName,
                    $"{body?.Name ?? coordination.BodyCode} menerima laporan" + (coordination.Reference is { } reference ? $" (nomor {reference})" : ""), isPublic: true);
                break;
            case CoordinationStatus.Answered:
                if (coordination.Status == CoordinationStatus.Answered)
                    return WorkResult.Conflict(report, "Dispatch_CoordinationStep");
                if (WorkInput.RequiredText("answer", text) is { } error)
                    return WorkResult.Invalid(error);
                (coordination.Status, coordination.AnsweredAt, coordination.Answer, coordination.NextReminderAt) = (CoordinationStatus.Answered, now, text!.Trim(), null);
                var answer = $"jawaban {body?.Name ?? coordination.BodyCode}: {text.Trim()}";
                if (report.Status == ReportStatus.ForwardedToOutsideBody)
                {
                    report.OutsideBodyAnswered(now, actor.TimelineName, answer);
                    await notifications.TellCitizenStatusAsync(report, ct);
                }
                else
                    report.RecordCoordination(now, actor.TimelineName, answer, isPublic: true);
                break;
            default:
                return WorkResult.Invalid(new FieldError("step", "Error_Required"));
        }
        return await saver.SaveAsync(report, ct);
    }

    /// <summary>
    /// Resolves with a public summary and an evidence photo taken at the place: the phone's
    /// position must be within the pack's radius of the reported spot (or inside its kelurahan
    /// when the report has no spot). The citizen is then asked whether it is really done.
    /// </summary>
    public async Task<WorkResult> ResolveAsync(StaffActor actor, ReportScope scope, string code, ResolveEvidence evidence, int? expectedVersion, CancellationToken ct)
    {
        var (report, agency, refusal) = await LoadAsync(actor, scope, code, expectedVersion, operatorMayAct: true, ct);
        if (report is null)
            return refusal!;
        if (agency is not null && report.ActiveAssignment(agency)?.Role == AssignmentRole.Support)
            return WorkResult.Conflict(report, "Dispatch_LeadResolves");
        if (!report.CanMoveTo(ReportStatus.Resolved))
            return WorkResult.Conflict(report, "Work_WrongStatus");

        var errors = new List<FieldError>();
        if (WorkInput.RequiredText("summary", evidence.Summary) is { } missing)
            errors.Add(missing);
        string? type = null;
        if (evidence.Photo is null || evidence.Photo.Content.Length == 0)
            errors.Add(new FieldError("photo", "Dispatch_EvidenceRequired"));
        else if (PhotoUploads.CheckLimits([evidence.Photo], options.Value, "photo") is { } tooLarge)
            return new WorkResult(WorkOutcome.TooLarge, Errors: [tooLarge]);
        else
            type = PhotoUploads.DetectTypes([evidence.Photo], errors, "photo")[0];
        if (evidence.Latitude is not { } lat || evidence.Longitude is not { } lon || lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            errors.Add(new FieldError("latitude", "Dispatch_EvidenceLocation"));
        }
        else if (await EvidenceDistanceProblemAsync(report, lat, lon, ct) is { } far)
        {
            errors.Add(far);
        }
        if (errors.Count > 0)
            return WorkResult.Invalid([.. errors]);

        var now = clock.GetUtcNow();
        var photo = await photos.SaveAsync(evidence.Photo!.Content, type!, ct, isPublic: true);
        var distance = report.Latitude is { } rLat && report.Longitude is { } rLon ? GeoCell.DistanceMeters(evidence.Latitude!.Value, evidence.Longitude!.Value, rLat, rLon) : (double?)null;
        report.AttachPhotos([photo], now, actor.TimelineName, distance is { } d ? $"foto bukti penyelesaian, diambil {d:0} m dari titik laporan" : "foto bukti penyelesaian", isPublic: true);
        var token = NewToken();
        report.Resolve(now, actor.TimelineName, evidence.Summary!.Trim(), CitizenResponses.Hash(token));
        await notifications.TellCitizenAsync(report, "laporan-selesai", null, notifications.TrackLink(report, CitizenResponses.LinkSuffix(token)), ct);
        return await saver.SaveAsync(report, ct);
    }

    private async Task<FieldError?> EvidenceDistanceProblemAsync(Report report, double lat, double lon, CancellationToken ct)
    {
        var radius = (await pack.GetAsync(ct)).Info.EvidenceRadiusMeters;
        if (report.Latitude is { } rLat && report.Longitude is { } rLon)
        {
            var distance = GeoCell.DistanceMeters(lat, lon, rLat, rLon);
            return distance <= radius ? null : new FieldError("latitude", "Dispatch_EvidenceTooFar", Math.Round(distance), radius);
        }
        if (report.AreaCode is null)
            return null; // nothing to compare with; the photo and its position stay on the timeline
        var where = await areas.LocateAsync(lat, lon, ct);
        return where?.Code == report.AreaCode ? null : new FieldError("latitude", "Dispatch_EvidenceOutsideArea");
    }

    /// <summary>
    /// Finds the report in the actor's scope and the agency on whose behalf they act. Agency steps
    /// need the actor's agency (or one under it, for heads) to hold an active part; operators may take
    /// the steps the media centre also takes, for the lead agency or for a report it forwarded itself.
    /// </summary>
    private async Task<(Report? Report, string? Agency, WorkResult? Refusal)> LoadAsync(
        StaffActor actor, ReportScope scope, string code, int? expectedVersion, bool operatorMayAct, CancellationToken ct)
    {
        var report = await reports.FindVisibleAsync(scope, code, track: true, ct);
        if (report is null)
            return (null, null, WorkResult.NotFound);
        if (!scope.CanUpdate(report))
            return (null, null, WorkResult.Forbidden);
        if (expectedVersion is { } v && v != report.Version)
            return (null, null, WorkResult.Conflict(report, "Work_Stale"));
        var agency = scope.ActingAgency(report, actor.AgencyCode);
        if (agency is not null)
            return (report, agency, null);
        if (operatorMayAct && scope.WriteAll)
            return (report, report.AgencyCode is { } lead && report.ActiveAssignment(lead) is not null ? lead : null, null);
        return (null, null, WorkResult.Conflict(report, "Dispatch_NotYourReport"));
    }

    private async Task<bool> CitizenReachableAsync(Report report, CancellationToken ct) =>
        report.CitizenId is { } id && await db.Citizens.AnyAsync(c => c.Id == id && (c.Phone != null || c.Email != null), ct);

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
