using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Packs;
using Aduan.Portal;
using Aduan.Reports;

namespace Aduan.Web.Api;

/// <summary>The raw filters of a public request, as typed (API names; the pages' Indonesian names map onto these).</summary>
public sealed record PublicFilterInput(string? Category, string? Status, string? Area, string? Agency, string? From, string? To);

/// <summary>
/// The filters of the public map, lists, area and agency pages and open-data downloads. Unlike the
/// staff listing, every code must be one the pack knows (a typo gets an error naming the field,
/// not an empty map), the status must be one a listed report can have, and the period is bounded:
/// the last <see cref="DefaultDays"/> days when none is given, at most <see cref="MaxDays"/> days.
/// </summary>
public sealed class PublicFilter(CurrentPack pack, CategoryDirectory categories, AreaLocator areas, AgencyTree agencies, TimeProvider clock)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    public async Task<(ReportFilter Filter, List<FieldError> Errors)> ParseAsync(PublicFilterInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var snapshot = await pack.GetAsync(ct);
        ReportStatus? status = null;
        if (!string.IsNullOrWhiteSpace(input.Status))
        {
            if (Enum.TryParse<ReportStatus>(input.Status.Trim(), ignoreCase: true, out var parsed) && !int.TryParse(input.Status, out _) && PublicListing.Statuses.Contains(parsed))
                status = parsed;
            else
                errors.Add(new FieldError("status", "Error_UnknownStatus", string.Join(", ", PublicListing.Statuses)));
        }
        var category = Blank(input.Category);
        if (category is not null && await categories.FindAsync(category, ct) is null)
            errors.Add(new FieldError("category", "Error_UnknownCategory", category));
        var area = Blank(input.Area);
        if (area is not null && (await areas.LineageAsync(area, ct)).Count == 0)
            errors.Add(new FieldError("area", "Error_UnknownArea", area));
        var agency = Blank(input.Agency);
        if (agency is not null && await agencies.FindAsync(agency, ct) is null)
            errors.Add(new FieldError("agency", "Error_UnknownAgency", agency));

        var dateErrors = new List<FieldError>();
        var from = ListReports.ParseDate(input.From, "from", snapshot.TimeZone, dateErrors, endOfDay: false);
        var to = ListReports.ParseDate(input.To, "to", snapshot.TimeZone, dateErrors, endOfDay: true);
        errors.AddRange(dateErrors);
        if (dateErrors.Count == 0)
        {
            var now = clock.GetUtcNow();
            (from, to) = (from, to) switch
            {
                (null, null) => (StartOfDay(snapshot, now.AddDays(-(DefaultDays - 1))), (DateTimeOffset?)null),
                (null, { } end) => (end.AddDays(-DefaultDays), end),
                _ => (from, to),
            };
            if (to is { } end2 && end2 <= from)
                errors.Add(new FieldError("to", "Error_DateOrder"));
            else if ((to ?? now) - from!.Value > TimeSpan.FromDays(MaxDays))
                errors.Add(new FieldError("from", "Error_PeriodTooLong", MaxDays));
        }
        var filter = new ReportFilter(status, category, area, agency, from, to);
        return (errors.Count > 0 ? filter : await filter.WithAreaSubtreeAsync(areas, ct), errors);
    }

    private static DateTimeOffset StartOfDay(PackSnapshot pack, DateTimeOffset instant)
    {
        var day = pack.ToLocal(instant).Date;
        return new DateTimeOffset(day, pack.TimeZone.GetUtcOffset(day)).ToUniversalTime();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
