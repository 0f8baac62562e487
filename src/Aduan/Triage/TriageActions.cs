using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Dispatch;
using Aduan.Messaging;
using Aduan.Photos;
using Aduan.Reports;
using Aduan.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Triage;

public enum TriageOutcome
{
    Done,

    /// <summary>No such report or one the actor may not see: the same answer, so nothing leaks.</summary>
    NotFound,

    /// <summary>The actor may see the report but this is not their job (only operators triage; only verifiers check on the ground).</summary>
    Forbidden,
    Invalid,
}

public sealed record TriageActionResult(TriageOutcome Outcome, Report? Report = null, IReadOnlyList<FieldError>? Errors = null)
{
    public static readonly TriageActionResult NotFound = new(TriageOutcome.NotFound);
    public static readonly TriageActionResult Forbidden = new(TriageOutcome.Forbidden);

    public static TriageActionResult Invalid(params FieldError[] errors) => new(TriageOutcome.Invalid, Errors: errors);
}

/// <summary>
/// What an operator does with a report in the queue, and what a verifier reports from the
/// ground. Each action checks who may do it, changes the report through its own methods, and
/// writes any message to the citizen into the outbox in the same save.
/// </summary>
public sealed class TriageActions(
    AduanDbContext db,
    CategoryDirectory categories,
    AreaLocator areas,
    PhotoStore photos,
    Notifications notifications,
    Dispatcher dispatcher,
    Deadlines.DeadlineClock deadlines,
    IOptions<AduanOptions> options,
    TimeProvider clock)
{
    public async Task<TriageActionResult> VerifyAsync(StaffActor actor, ReportScope scope, string code, string? note, CancellationToken ct)
    {
        var (report, refusal) = await OperatorReportAsync(scope, code, ct);
        if (report is null)
            return refusal!;
        var errors = new List<FieldError>();
        if (report.CategoryCode is null)
            errors.Add(new FieldError("category", "Triage_CategoryFirst"));
        if (report.AreaCode is null)
            errors.Add(new FieldError("area", "Triage_AreaFirst"));
        if (!report.CanMoveTo(ReportStatus.Verified))
            errors.Add(new FieldError("status", "Triage_WrongStatus"));
        if (errors.Count > 0)
            return TriageActionResult.Invalid([.. errors]);
        report.Verify(clock.GetUtcNow(), actor.TimelineName, Trimmed(note));
        await dispatcher.DispatchVerifiedAsync(report, ct); // by the routing table; without a rule it waits for the operator
        return await SaveAsync(report, ct);
    }

    public async Task<TriageActionResult> RejectAsync(StaffActor actor, ReportScope scope, string code, string? reason, CancellationToken ct)
    {
        var (report, refusal) = await OperatorReportAsync(scope, code, ct);
        if (report is null)
            return refusal!;
        if (string.IsNullOrWhiteSpace(reason))
            return TriageActionResult.Invalid(new FieldError("reason", "Error_Required"));
        if (!report.CanMoveTo(ReportStatus.Rejected))
            return TriageActionResult.Invalid(new FieldError("status", "Triage_WrongStatus"));
        report.Reject(clock.GetUtcNow(), actor.TimelineName, reason.Trim());
        await notifications.TellCitizenAsync(report, "laporan-ditolak", null, null, ct);
        return await SaveAsync(report, ct);
    }

    /// <summary>
    /// Merges a duplicate into the original: the duplicate keeps its reporter, channel and history
    /// (and points to the original), its public photos join the original, and its reporter is told
    /// where to follow the problem.
    /// </summary>
    public async Task<TriageActionResult> MergeAsync(StaffActor actor, ReportScope scope, string code, string? intoCode, CancellationToken ct)
    {
        var (duplicate, refusal) = await OperatorReportAsync(scope, code, ct);
        if (duplicate is null)
            return refusal!;
        var target = TrackingCode.Parse(intoCode);
        var original = target is null ? null
            : await scope.Filter(db.Reports).Include(r => r.Updates).Include(r => r.Photos).SingleOrDefaultAsync(r => r.Code == target, ct);
        if (original is null || original.Id == duplicate.Id)
            return TriageActionResult.Invalid(new FieldError("into", "Triage_MergeTarget"));
        if (!original.IsOpen || !duplicate.CanMoveTo(ReportStatus.Merged))
            return TriageActionResult.Invalid(new FieldError("into", "Triage_MergeClosed"));
        var now = clock.GetUtcNow();
        duplicate.MergeInto(original, now, actor.TimelineName);
        var shared = duplicate.Photos.Where(p => p.IsPublic && original.Photos.All(o => o.Sha256 != p.Sha256))
            .Select(p => new ReportPhoto { Sha256 = p.Sha256, ContentType = p.ContentType, Size = p.Size, IsPublic = true }).ToList();
        if (shared.Count > 0)
            original.AttachPhotos(shared, now, actor.TimelineName, $"foto dari laporan {TrackingCode.Format(duplicate.Code)}", isPublic: true);
        original.Comment(now, actor.TimelineName, $"laporan {TrackingCode.Format(duplicate.Code)} ({duplicate.Channel}) digabungkan ke laporan ini", isPublic: false);
        await notifications.TellCitizenAsync(duplicate, "laporan-digabung", new Dictionary<string, string> { ["kode_utama"] = TrackingCode.Format(original.Code) }, notifications.TrackLink(original), ct);
        return await SaveAsync(duplicate, ct);
    }

    /// <summary>Sets or corrects the category; the decision also becomes a training example for the classifier.</summary>
    public async Task<TriageActionResult> RecategorizeAsync(StaffActor actor, ReportScope scope, string code, string? categoryCode, CancellationToken ct)
    {
        var (report, refusal) = await OperatorReportAsync(scope, code, ct);
        if (report is null)
            return refusal!;
        var category = await categories.FindAsync(categoryCode?.Trim(), ct);
        if (category is not { IsActive: true })
            return TriageActionResult.Invalid(new FieldError("category", "Error_UnknownCategory", categoryCode ?? ""));
        var now = clock.GetUtcNow();
        report.Recategorize(category.Code, now, actor.TimelineName);
        if (!TextNormalizer.IsMeaningless(report.Description))
            db.ClassifierExamples.Add(new ClassifierExample { Text = report.Description, CategoryCode = category.Code, Source = ClassifierExample.FromOperator, CreatedAt = now, ReportId = report.Id });
        return await SaveAsync(report, ct);
    }

    public async Task<TriageActionResult> RelocateAsync(StaffActor actor, ReportScope scope, string code, string? areaCode, CancellationToken ct)
    {
        var (report, refusal) = await OperatorReportAsync(scope, code, ct);
        if (report is null)
            return refusal!;
        var lineage = await areas.LineageAsync(areaCode?.Trim(), ct);
        if (lineage.Count == 0 || lineage[0].Level != AreaLevel.Village)
            return TriageActionResult.Invalid(new FieldError("area", "Triage_UnknownKelurahan", areaCode ?? ""));
        report.Relocate(lineage[0].Code, null, null, clock.GetUtcNow(), actor.TimelineName);
        return await SaveAsync(report, ct);
    }

    public async Task<TriageActionResult> SetVisibilityAsync(StaffActor actor, ReportScope scope, string code, ReportVisibility visibility, CancellationToken ct)
    {
        var (report, refusal) = await OperatorReportAsync(scope, code, ct);
        if (report is null)
            return refusal!;
        report.ChangeVisibility(visibility, clock.GetUtcNow(), actor.TimelineName);
        return await SaveAsync(report, ct);
    }

    public async Task<TriageActionResult> RequestGroundCheckAsync(StaffActor actor, ReportScope scope, string code, string? instructions, CancellationToken ct)
    {
        var (report, refusal) = await OperatorReportAsync(scope, code, ct);
        if (report is null)
            return refusal!;
        if (report.Status != ReportStatus.Received || report.Flags.HasFlag(TriageFlags.AwaitingGroundCheck))
            return TriageActionResult.Invalid(new FieldError("status", "Triage_WrongStatus"));
        var now = clock.GetUtcNow();
        report.RequestGroundCheck(now, actor.TimelineName, Trimmed(instructions));
        db.GroundChecks.Add(new GroundCheck
        {
            ReportId = report.Id,
            AreaCode = report.AreaCode,
            RequestedBy = actor.Name,
            RequestedAt = now,
            Instructions = Trimmed(instructions),
        });
        return await SaveAsync(report, ct);
    }

    /// <summary>
    /// A verifier's finding from the ground: with a photo, and where they stood (compared with the
    /// reported spot). Confirmed makes the report Verified; not found rejects it, evidence attached.
    /// </summary>
    public async Task<TriageActionResult> RecordGroundCheckAsync(
        StaffActor actor, Guid checkId, bool confirmed, string? finding, PhotoUpload? photo, double? latitude, double? longitude, CancellationToken ct)
    {
        if (!actor.Has(StaffRole.Verifier) && !actor.Has(StaffRole.Operator))
            return TriageActionResult.Forbidden;
        var check = await db.GroundChecks.SingleOrDefaultAsync(c => c.Id == checkId, ct);
        var report = check is null ? null : await db.Reports.Include(r => r.Updates).Include(r => r.Photos).Include(r => r.Assignments).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == check.ReportId, ct);
        if (check is null || report is null || (report.Visibility == ReportVisibility.Confidential && !actor.Has(StaffRole.Operator)))
            return TriageActionResult.NotFound;
        var errors = new List<FieldError>();
        if (check.Outcome != GroundCheckOutcome.Pending || report.Status != ReportStatus.Received)
            errors.Add(new FieldError("status", "Triage_CheckDone"));
        if (string.IsNullOrWhiteSpace(finding))
            errors.Add(new FieldError("finding", "Error_Required"));
        string? type = null;
        if (photo is null || photo.Content.Length == 0)
            errors.Add(new FieldError("photo", "Triage_PhotoRequired"));
        else if (PhotoUploads.CheckLimits([photo], options.Value, "photo") is { } tooLarge)
            errors.Add(tooLarge);
        else
            type = PhotoUploads.DetectTypes([photo], errors, "photo")[0];
        if (latitude is null != longitude is null || latitude is < -90 or > 90 || longitude is < -180 or > 180)
            errors.Add(new FieldError("latitude", "Error_CoordinatePair"));
        if (errors.Count > 0)
            return TriageActionResult.Invalid([.. errors]);

        var evidence = await photos.SaveAsync(photo!.Content, type!, ct, isPublic: false);
        var now = clock.GetUtcNow();
        var distance = latitude is { } lat && longitude is { } lon && report.Latitude is { } rLat && report.Longitude is { } rLon
            ? GeoCell.DistanceMeters(lat, lon, rLat, rLon) : (double?)null;
        check.Outcome = confirmed ? GroundCheckOutcome.Confirmed : GroundCheckOutcome.NotFound;
        (check.CheckedBy, check.CheckedAt, check.Finding, check.PhotoSha256) = (actor.Name, now, finding!.Trim(), evidence.Sha256);
        (check.Latitude, check.Longitude, check.DistanceMeters) = (latitude, longitude, distance);
        var where = distance is { } d ? $" (diperiksa {d:0} m dari titik laporan)" : "";
        report.RecordGroundCheck(confirmed, finding.Trim() + where, now, actor.TimelineName, evidence);
        if (confirmed)
            await dispatcher.DispatchVerifiedAsync(report, ct);
        else
            await notifications.TellCitizenAsync(report, "laporan-ditolak", null, null, ct);
        return await SaveAsync(report, ct);
    }

    /// <summary>Reports from a blocked contact are still taken in (nothing is lost) but held for an operator.</summary>
    public async Task<IReadOnlyList<FieldError>> BlockContactAsync(StaffActor actor, string? contact, string? reason, CancellationToken ct)
    {
        var normalised = People.Contact.Normalise(contact);
        if (!actor.Has(StaffRole.Operator) && !actor.Has(StaffRole.Admin))
            return [new FieldError("contact", "Problem_Forbidden")];
        if (normalised is null)
            return [new FieldError("contact", "Triage_BadContact")];
        if (string.IsNullOrWhiteSpace(reason))
            return [new FieldError("reason", "Error_Required")];
        if (!await db.BlockedContacts.AnyAsync(b => b.Contact == normalised, ct))
        {
            db.BlockedContacts.Add(new BlockedContact { Contact = normalised, Reason = reason.Trim(), BlockedBy = actor.Name, BlockedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
        return [];
    }

    /// <summary>Only operators triage; others get 404 for what they cannot see and 403 for what they can.</summary>
    private async Task<(Report? Report, TriageActionResult? Refusal)> OperatorReportAsync(ReportScope scope, string code, CancellationToken ct)
    {
        var parsed = TrackingCode.Parse(code);
        var report = parsed is null || !scope.CanReadAny ? null
            : await scope.Filter(db.Reports).Include(r => r.Updates).Include(r => r.Photos).Include(r => r.Assignments).AsSplitQuery().SingleOrDefaultAsync(r => r.Code == parsed, ct);
        if (report is null)
            return (null, TriageActionResult.NotFound);
        return scope.WriteAll ? (report, null) : (null, TriageActionResult.Forbidden);
    }

    /// <summary>Saves, or explains that someone (another operator, automatic triage) changed the report meanwhile.</summary>
    private async Task<TriageActionResult> SaveAsync(Report report, CancellationToken ct)
    {
        try
        {
            await deadlines.UpdateAsync(report, clock.GetUtcNow(), ct); // verification may have dispatched it: its clock starts
            await db.SaveChangesAsync(ct);
            return new TriageActionResult(TriageOutcome.Done, report);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TriageActionResult.Invalid(new FieldError("status", "Triage_Conflict"));
        }
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
