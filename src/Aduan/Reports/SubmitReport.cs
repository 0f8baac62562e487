using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.People;
using Aduan.Photos;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Reports;

public sealed record PhotoUpload(string FileName, byte[] Content);

public sealed record SubmitReportInput
{
    public string? Category { get; init; }
    public string? Description { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Address { get; init; }
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }

    /// <summary>A channel's private address for the answers when there is no phone or e-mail (see <see cref="People.Citizen.ChannelAddress"/>).</summary>
    public string? ChannelAddress { get; init; }

    /// <summary>Who the reporter is on a platform without phone or e-mail (see <see cref="People.Citizen.ChannelUser"/>).</summary>
    public string? ChannelUser { get; init; }

    /// <summary><c>publik</c> (default), <c>anonim</c> or <c>rahasia</c>; English words are accepted too.</summary>
    public string? Visibility { get; init; }
    public Channel Channel { get; init; } = Channel.Web;
    public string? IdempotencyKey { get; init; }
    public IReadOnlyList<PhotoUpload> Photos { get; init; } = [];
}

/// <summary>A problem with one field; <see cref="Code"/> is a resource key, <see cref="Args"/> its arguments.</summary>
public sealed record FieldError(string Field, string Code, params object[] Args);

public sealed record SubmitReportResult(Report? Report, bool Replayed, IReadOnlyList<FieldError> Errors, bool PayloadTooLarge = false, bool TooManyFromContact = false)
{
    public bool Succeeded => Report is not null;
}

/// <summary>
/// Takes a report in from any channel: validates, finds the area, stores the photos and the
/// reporter apart from the report, and saves once. A retry with the same idempotency key
/// returns the first report instead of making a second.
/// </summary>
public sealed class SubmitReport(AduanDbContext db, AreaLocator areas, CategoryDirectory categories, PhotoStore photos, IOptions<AduanOptions> options, TimeProvider clock, TriageSignal triage)
{
    public async Task<SubmitReportResult> HandleAsync(SubmitReportInput input, CancellationToken ct)
    {
        var key = string.IsNullOrWhiteSpace(input.IdempotencyKey) ? null : input.IdempotencyKey.Trim();
        if (key?.Length > Limits.IdempotencyKey)
            return Failed(new FieldError("Idempotency-Key", "Error_TooLong", Limits.IdempotencyKey));
        if (key is not null && await FindByKeyAsync(key, ct) is { } earlier)
            return new SubmitReportResult(earlier, Replayed: true, []);

        var tooMany = PhotoUploads.CheckLimits(input.Photos, options.Value);
        if (tooMany is not null)
            return new SubmitReportResult(null, false, [tooMany], PayloadTooLarge: true);

        var errors = new List<FieldError>();
        var category = await ValidateCategoryAsync(input.Category, errors, ct);
        var description = ValidateText(input.Description, "description", Limits.DescriptionMin, Limits.Description, required: true, errors);
        var address = ValidateText(input.Address, "address", 0, Limits.Address, required: false, errors);
        var name = ValidateText(input.Name, "name", 0, Limits.Name, required: false, errors);
        var phone = ValidatePhone(input.Phone, errors);
        var email = ValidateEmail(input.Email, errors);
        var visibility = ParseVisibility(input.Visibility, errors);
        var (areaCode, latitude, longitude, flags) = await ResolveLocationAsync(input, errors, ct);
        if (areaCode is null && latitude is null && address is not null)
            areaCode = (await areas.FindInTextAsync(address, ct))?.Code; // quick name match; triage looks harder
        var photoTypes = PhotoUploads.DetectTypes(input.Photos, errors);
        if (errors.Count > 0)
            return Failed([.. errors]);
        if (await TooManyFromContactAsync(phone, email, ct) is { } busy)
            return new SubmitReportResult(null, false, [busy], TooManyFromContact: true);

        var stored = new List<ReportPhoto>();
        for (var i = 0; i < input.Photos.Count; i++)
            stored.Add(await photos.SaveAsync(input.Photos[i].Content, photoTypes[i]!, ct));

        var now = clock.GetUtcNow();
        Citizen? citizen = null;
        var channelAddress = string.IsNullOrWhiteSpace(input.ChannelAddress) ? null : input.ChannelAddress.Trim();
        var channelUser = string.IsNullOrWhiteSpace(input.ChannelUser) ? null : input.ChannelUser.Trim();
        if (name is not null || phone is not null || email is not null || channelAddress is not null || channelUser is not null)
        {
            citizen = new Citizen { Name = name, Phone = phone, Email = email, ChannelAddress = channelAddress, ChannelUser = channelUser, CreatedAt = now };
            db.Citizens.Add(citizen);
        }

        var report = Report.Submit(new NewReport(
            TrackingCode.New(), category, description!, latitude, longitude, address, areaCode,
            input.Channel, visibility, citizen?.Id, key, Actor: "pelapor", stored, flags), now);
        db.Reports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Another request with the same key won the race: answer with its report.
            db.ChangeTracker.Clear();
            if (await FindByKeyAsync(key, ct) is { } winner)
                return new SubmitReportResult(winner, Replayed: true, []);
            throw;
        }
        triage.Notify();
        return new SubmitReportResult(report, Replayed: false, []);
    }

    private static SubmitReportResult Failed(params FieldError[] errors) => new(null, false, errors);

    /// <summary>The per-contact limit: reports received in the last hour from this phone or e-mail.</summary>
    private async Task<FieldError?> TooManyFromContactAsync(string? phone, string? email, CancellationToken ct)
    {
        if (phone is null && email is null)
            return null;
        var limit = options.Value.ReportsPerContactPerHour;
        var since = clock.GetUtcNow().AddHours(-1);
        // Every report stores its reporter in a row of its own, so counting the contact's rows
        // created in the last hour counts their reports, through the phone and e-mail indexes.
        var recent = await db.Citizens
            .CountAsync(c => c.CreatedAt >= since && ((phone != null && c.Phone == phone) || (email != null && c.Email == email)), ct);
        return recent < limit ? null : new FieldError(phone is not null ? "phone" : "email", "Error_TooManyFromContact", limit);
    }

    /// <summary>One cheap query when the key is new (the usual case); the whole report only for a replay.</summary>
    private async Task<Report?> FindByKeyAsync(string key, CancellationToken ct)
    {
        if (!await db.Reports.AnyAsync(r => r.IdempotencyKey == key, ct))
            return null;
        return await db.Reports.AsSplitQuery().Include(r => r.Updates).Include(r => r.Photos)
            .FirstOrDefaultAsync(r => r.IdempotencyKey == key, ct);
    }

    /// <summary>Optional: without one, triage classifies the text. A code that is given must exist.</summary>
    private async Task<string?> ValidateCategoryAsync(string? code, List<FieldError> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
            return null;
        code = code.Trim().ToLowerInvariant();
        if (await categories.FindAsync(code, ct) is not { IsActive: true })
            errors.Add(new FieldError("category", "Error_UnknownCategory", code));
        return code;
    }

    /// <summary>
    /// The location is optional (many reports carry it only in their words; triage reads those).
    /// Coordinates must come as a pair and be valid numbers; (0,0) and points outside Indonesia
    /// mean "no location" (a phone without a fix); points in Indonesia but outside the pack's
    /// territory are kept and flagged for the operator, never refused.
    /// </summary>
    private async Task<(string? Area, double? Latitude, double? Longitude, TriageFlags Flags)> ResolveLocationAsync(SubmitReportInput input, List<FieldError> errors, CancellationToken ct)
    {
        var (lat, lon) = (input.Latitude, input.Longitude);
        if (lat is null != lon is null)
        {
            errors.Add(new FieldError(lat is null ? "latitude" : "longitude", "Error_CoordinatePair"));
            return (null, null, null, TriageFlags.None);
        }
        if (lat is not { } latitude || lon is not { } longitude)
            return (null, null, null, TriageFlags.None);
        if (latitude is < -90 or > 90 || double.IsNaN(latitude))
            errors.Add(new FieldError("latitude", "Error_LatitudeRange"));
        if (longitude is < -180 or > 180 || double.IsNaN(longitude))
            errors.Add(new FieldError("longitude", "Error_LongitudeRange"));
        if (errors.Any(e => e.Field is "latitude" or "longitude"))
            return (null, null, null, TriageFlags.None);
        if (GeoCell.IsMissingOrOutsideIndonesia(latitude, longitude))
            return (null, null, null, TriageFlags.None);
        var area = await areas.LocateAsync(latitude, longitude, ct);
        return area is null
            ? (null, latitude, longitude, TriageFlags.OutsideTerritory)
            : (area.Code, latitude, longitude, TriageFlags.None);
    }

    private static string? ValidateText(string? value, string field, int min, int max, bool required, List<FieldError> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
                errors.Add(new FieldError(field, "Error_Required"));
            return null;
        }
        if (text.Length < min)
            errors.Add(new FieldError(field, "Error_TooShort", min));
        else if (text.Length > max)
            errors.Add(new FieldError(field, "Error_TooLong", max));
        return text;
    }

    private static string? ValidatePhone(string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var phone = Contact.NormalisePhone(value);
        if (phone is null)
            errors.Add(new FieldError("phone", "Error_Phone"));
        return phone;
    }

    /// <summary>Stored normalised (trimmed, lower case), the form one-time codes and replies use.</summary>
    private static string? ValidateEmail(string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!Contact.IsValidEmail(value))
        {
            errors.Add(new FieldError("email", "Error_Email"));
            return null;
        }
        return Contact.NormaliseEmail(value);
    }

    private static ReportVisibility ParseVisibility(string? value, List<FieldError> errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "publik" or "public":
                return ReportVisibility.Public;
            case "anonim" or "anonymous":
                return ReportVisibility.Anonymous;
            case "rahasia" or "confidential":
                return ReportVisibility.Confidential;
            default:
                errors.Add(new FieldError("visibility", "Error_Visibility"));
                return ReportVisibility.Public;
        }
    }
}
