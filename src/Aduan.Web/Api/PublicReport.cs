using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Reports;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

/// <summary>
/// What anyone holding a tracking code may see. Never the reporter's identity; for a
/// confidential (rahasia) report only its status and public timeline.
/// </summary>
public sealed record PublicReport(
    string Code,
    string Status,
    string StatusLabel,
    NamedCode? Category,
    string? Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    PublicArea? Area,
    NamedCode? Agency,
    bool Confidential,
    DateTimeOffset ReceivedAt,
    DateTimeOffset LastChangedAt,
    IReadOnlyList<string> Photos,
    IReadOnlyList<PublicUpdate> Updates,
    string TrackUrl,
    DateTimeOffset? ExpectedAt = null);

public sealed record NamedCode(string Code, string Name);

public sealed record PublicArea(string Code, string? Kelurahan, string? Kecamatan, string? Kota);

public sealed record PublicUpdate(DateTimeOffset At, string? Status, string? StatusLabel, string? Text);

/// <summary>Builds <see cref="PublicReport"/>; shared by the REST API and the track page.</summary>
public sealed class PublicReportQuery(AduanDbContext db, AreaLocator areas, CategoryDirectory categories, IStringLocalizer<SharedResource> text)
{
    public async Task<PublicReport?> FindAsync(string? typedCode, CancellationToken ct)
    {
        var code = TrackingCode.Parse(typedCode);
        if (code is null)
            return null;
        var report = await db.Reports.AsNoTracking().AsSplitQuery()
            .Include(r => r.Updates).Include(r => r.Photos)
            .FirstOrDefaultAsync(r => r.Code == code, ct);
        return report is null ? null : await ToViewAsync(report, ct);
    }

    public async Task<PublicReport> ToViewAsync(Report report, CancellationToken ct)
    {
        var category = await categories.FindAsync(report.CategoryCode, ct); // null until triage or an operator decides
        var agency = report.AgencyCode is null ? null
            : await db.Agencies.AsNoTracking().Where(a => a.Code == report.AgencyCode).Select(a => new NamedCode(a.Code, a.Name)).SingleOrDefaultAsync(ct);
        var lineage = await areas.LineageAsync(report.AreaCode, ct);
        var hidden = report.Visibility == ReportVisibility.Confidential;
        return new PublicReport(
            TrackingCode.Format(report.Code),
            report.Status.ToString(),
            StatusLabel(report.Status),
            category is null ? null : new NamedCode(category.Code, LocalizedName(category.Name, category.NameEn)),
            hidden ? null : Profanity.Mask(report.Description),
            hidden ? null : report.Latitude,
            hidden ? null : report.Longitude,
            hidden ? null : Profanity.Mask(report.AddressText),
            AreaOf(lineage),
            agency,
            hidden,
            report.ReceivedAt,
            report.LastChangedAt,
            hidden ? [] : report.Photos.Where(p => p.IsPublic).Select(p => $"/foto/{p.Sha256}").Distinct().ToList(),
            report.Updates.Where(u => u.IsPublic).OrderBy(u => u.At).ThenBy(u => u.Id)
                .Select(u => new PublicUpdate(u.At, u.ToStatus?.ToString(), u.ToStatus is { } s ? StatusLabel(s) : null, Profanity.Mask(u.Text))).ToList(),
            $"/lacak/{TrackingCode.Format(report.Code)}",
            // When the agency should be done (Open311's expected_datetime): while the clock runs.
            report.IsOpen && report.Status != ReportStatus.Resolved && report.ClockPausedAt is null ? report.ResolutionDueAt : null);
    }

    public string StatusLabel(ReportStatus status) => text[$"Status_{status}"];

    internal static PublicArea? AreaOf(IReadOnlyList<Area> lineage) =>
        lineage.Count == 0 ? null : new PublicArea(lineage[0].Code, Name(lineage, AreaLevel.Village), Name(lineage, AreaLevel.District), Name(lineage, AreaLevel.Regency));

    internal static string LocalizedName(string indonesian, string english) =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? english : indonesian;

    private static string? Name(IReadOnlyList<Area> lineage, AreaLevel level) => lineage.FirstOrDefault(a => a.Level == level)?.Name;
}
