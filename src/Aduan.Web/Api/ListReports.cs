using System.Globalization;
using Aduan.Areas;
using Aduan.Data;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

public sealed record ReportSummary(
    string Code, string Status, string? CategoryCode, string? AreaCode, string? AgencyCode, string Channel,
    string Visibility, string? Description, DateTimeOffset ReceivedAt, DateTimeOffset LastChangedAt);

public sealed record ReportPage(IReadOnlyList<ReportSummary> Items, int Page, int PageSize, int Total);

/// <summary>The filters shared by the staff listing, the inbox and the export.</summary>
public sealed record ReportFilter(ReportStatus? Status, string? Category, string? Area, string? Agency, DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>
    /// <see cref="Area"/> and every area under it, where the caller knows the pack's tree: the
    /// filter is then equality on these codes (an index seek per code) instead of a prefix match.
    /// </summary>
    public IReadOnlyCollection<string>? AreaCodes { get; init; }

    public static async Task<(ReportFilter Filter, List<FieldError> Errors)> ParseAsync(
        CurrentPack pack, string? status, string? category, string? area, string? agency, string? from, string? to, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        ReportStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<ReportStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
                wanted = parsed;
            else
                errors.Add(new FieldError("status", "Error_UnknownStatus", string.Join(", ", Enum.GetNames<ReportStatus>())));
        }
        var zone = (await pack.GetAsync(ct)).TimeZone;
        var start = ListReports.ParseDate(from, "from", zone, errors, endOfDay: false);
        var end = ListReports.ParseDate(to, "to", zone, errors, endOfDay: true);
        if (start is not null && end is not null && end <= start)
            errors.Add(new FieldError("to", "Error_DateOrder"));
        return (new ReportFilter(wanted, Blank(category), Blank(area), Blank(agency), start, end), errors);
    }

    /// <summary>The filter with <see cref="AreaCodes"/> taken from the pack's tree (unchanged without an area).</summary>
    public async Task<ReportFilter> WithAreaSubtreeAsync(AreaLocator areas, CancellationToken ct) =>
        Area is null ? this : this with { AreaCodes = await areas.SubtreeAsync(Area, ct) };

    public IQueryable<Report> Apply(IQueryable<Report> query)
    {
        if (Status is { } s)
            query = query.Where(r => r.Status == s);
        if (Category is not null)
            query = query.Where(r => r.CategoryCode == Category);
        if (AreaCodes is { } codes)
            query = query.Where(r => codes.Contains(r.AreaCode!));
        else if (Area is not null)
            query = query.Where(r => r.AreaCode == Area || r.AreaCode!.StartsWith(Area + "."));
        if (Agency is not null)
            query = query.Where(r => r.AgencyCode == Agency);
        if (From is { } a)
            query = query.Where(r => r.ReceivedAt >= a);
        if (To is { } b)
            query = query.Where(r => r.ReceivedAt < b);
        return query;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary><c>GET /api/reports</c>: the staff listing, newest first, limited to what the caller may see.</summary>
internal static class ListReports
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, AduanDbContext db, CurrentPack pack, ReportAccess access, AreaLocator areas, IStringLocalizer<SharedResource> text, CancellationToken ct,
        string? status = null, string? category = null, string? area = null, string? agency = null,
        string? from = null, string? to = null, int page = 1, int pageSize = 50)
    {
        var (filter, errors) = await ReportFilter.ParseAsync(pack, status, category, area, agency, from, to, ct);
        filter = await filter.WithAreaSubtreeAsync(areas, ct);
        if (page < 1)
            errors.Add(new FieldError("page", "Error_Range", 1, int.MaxValue));
        if (pageSize is < 1 or > 200)
            errors.Add(new FieldError("pageSize", "Error_Range", 1, 200));
        if (errors.Count > 0)
            return Problems.Validation(errors, text);

        var scope = await access.ScopeForAsync(http.User.ToStaffActor()!, ct);
        var query = filter.Apply(scope.Filter(db.Reports.AsNoTracking()));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new ReportSummary(r.Code, r.Status.ToString(), r.CategoryCode, r.AreaCode, r.AgencyCode, r.Channel.ToString(),
                r.Visibility.ToString(), r.Description, r.ReceivedAt, r.LastChangedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new ReportPage(items.Select(i => i with { Code = TrackingCode.Format(i.Code) }).ToList(), page, pageSize, total));
    }

    /// <summary>A date (yyyy-MM-dd, a whole day in the pack's zone) or an ISO 8601 instant.</summary>
    internal static DateTimeOffset? ParseDate(string? value, string field, TimeZoneInfo zone, List<FieldError> errors, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var local = day.ToDateTime(TimeOnly.MinValue).AddDays(endOfDay ? 1 : 0);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return instant.ToUniversalTime();
        errors.Add(new FieldError(field, "Error_Date"));
        return null;
    }
}
