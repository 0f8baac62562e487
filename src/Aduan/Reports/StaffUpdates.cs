using Aduan.Data;
using Aduan.Photos;
using Aduan.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Reports;

public enum StaffUpdateOutcome
{
    Added,

    /// <summary>No such report, or one the actor may not see: the same answer, so nothing leaks.</summary>
    NotFound,

    /// <summary>The actor may see the report but not change it (leaders, read-only keys).</summary>
    Forbidden,
    Invalid,
    TooLarge,
}

public sealed record StaffUpdateResult(StaffUpdateOutcome Outcome, Report? Report = null, IReadOnlyList<FieldError>? Errors = null);

/// <summary>Staff notes and photos on a report, under <see cref="ReportAccess"/>'s rules.</summary>
public sealed class StaffUpdates(AduanDbContext db, PhotoStore photos, IOptions<AduanOptions> options, TimeProvider clock)
{
    /// <summary>Loads a report the actor may see, with its timeline and photos; null otherwise.</summary>
    public async Task<Report?> FindVisibleAsync(ReportScope scope, string? typedCode, bool track, CancellationToken ct)
    {
        var code = TrackingCode.Parse(typedCode);
        if (code is null || !scope.CanReadAny)
            return null;
        var query = scope.Filter(db.Reports).AsSplitQuery().Include(r => r.Updates).Include(r => r.Photos).Include(r => r.Assignments).Include(r => r.Rating);
        return await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Code == code, ct);
    }

    public async Task<StaffUpdateResult> AddNoteAsync(StaffActor actor, ReportScope scope, string code, string? text, bool isPublic, CancellationToken ct)
    {
        var report = await FindVisibleAsync(scope, code, track: true, ct);
        if (report is null)
            return new StaffUpdateResult(StaffUpdateOutcome.NotFound);
        if (!scope.CanUpdate(report))
            return new StaffUpdateResult(StaffUpdateOutcome.Forbidden);
        var note = text?.Trim();
        if (string.IsNullOrEmpty(note))
            return Invalid(new FieldError("text", "Error_Required"));
        if (note.Length > Limits.Description)
            return Invalid(new FieldError("text", "Error_TooLong", Limits.Description));
        report.Comment(clock.GetUtcNow(), actor.TimelineName, note, isPublic);
        await db.SaveChangesAsync(ct);
        return new StaffUpdateResult(StaffUpdateOutcome.Added, report);
    }

    public async Task<StaffUpdateResult> AttachPhotosAsync(StaffActor actor, ReportScope scope, string code, IReadOnlyList<PhotoUpload> uploads, string? text, bool isPublic, CancellationToken ct)
    {
        var report = await FindVisibleAsync(scope, code, track: true, ct);
        if (report is null)
            return new StaffUpdateResult(StaffUpdateOutcome.NotFound);
        if (!scope.CanUpdate(report))
            return new StaffUpdateResult(StaffUpdateOutcome.Forbidden);
        if (uploads.Count == 0)
            return Invalid(new FieldError("photos", "Error_Required"));
        if (PhotoUploads.CheckLimits(uploads, options.Value) is { } tooLarge)
            return new StaffUpdateResult(StaffUpdateOutcome.TooLarge, Errors: [tooLarge]);
        var errors = new List<FieldError>();
        var types = PhotoUploads.DetectTypes(uploads, errors);
        if (text?.Trim().Length > Limits.Description)
            errors.Add(new FieldError("text", "Error_TooLong", Limits.Description));
        if (errors.Count > 0)
            return Invalid([.. errors]);
        var stored = new List<ReportPhoto>();
        for (var i = 0; i < uploads.Count; i++)
            stored.Add(await photos.SaveAsync(uploads[i].Content, types[i]!, ct, isPublic));
        report.AttachPhotos(stored, clock.GetUtcNow(), actor.TimelineName, text, isPublic);
        await db.SaveChangesAsync(ct);
        return new StaffUpdateResult(StaffUpdateOutcome.Added, report);
    }

    private static StaffUpdateResult Invalid(params FieldError[] errors) => new(StaffUpdateOutcome.Invalid, Errors: errors);
}
