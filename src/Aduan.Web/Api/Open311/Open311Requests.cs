using Aduan.Categories;
using Aduan.Data;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api.Open311;

/// <summary>
/// <c>GET requests</c>, <c>GET requests/{id}</c> and the <c>servicerequestupdates</c> extension:
/// the public view of reports, as the track page shows it (never the reporter; a confidential
/// report only by its code, with its status and public timeline).
/// </summary>
internal static class Open311Requests
{
    public const int MaxResults = 1000;

    private sealed record Row(
        Guid Id, string Code, ReportStatus Status, string? CategoryCode, string Description, string? Address, double? Latitude, double? Longitude,
        string? AgencyCode, ReportVisibility Visibility, DateTimeOffset ReceivedAt, DateTimeOffset LastChangedAt, DateTimeOffset? ClockPausedAt,
        DateTimeOffset? ResolutionDueAt, string? StatusNote, string? Photo);

    public static async Task<IResult> ListAsync(string format, HttpRequest request, AduanDbContext db, CurrentPack packs, CategoryDirectory categories,
        TimeProvider clock, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (Open311Api.FormatOf(format) is not { } f)
            return Open311Api.UnknownFormat(format);
        var pack = await packs.GetAsync(ct);
        var query = db.Reports.AsNoTracking();
        var ids = List(request, "service_request_id");
        if (ids.Count > 0)
        {
            // The spec: a list of ids overrides every other argument.
            var codes = ids.Select(TrackingCode.Parse).OfType<string>().ToList();
            query = query.Where(r => codes.Contains(r.Code));
        }
        else
        {
            var errors = new List<string>();
            var range = Open311Dates.Range(request, pack, clock.GetUtcNow(), errors, text);
            var services = List(request, "service_code").Select(c => c.ToLowerInvariant()).ToList();
            foreach (var code in services)
            {
                if (await categories.FindAsync(code, ct) is null)
                    errors.Add(text["Open311_UnknownService", code].Value);
            }
            var statuses = List(request, "status").Select(s => s.ToLowerInvariant()).Distinct().ToList();
            if (statuses.Any(s => s is not ("open" or "closed")))
                errors.Add(text["Open311_Status"].Value);
            if (errors.Count > 0)
                return Open311Result.Error(f, StatusCodes.Status400BadRequest, [.. errors]);

            // Like the public home page: neither confidential nor rejected reports are listed.
            query = query.Where(r => r.Visibility != ReportVisibility.Confidential && r.Status != ReportStatus.Rejected
                && r.ReceivedAt >= range!.Start && r.ReceivedAt <= range.End);
            if (services.Count > 0)
                query = query.Where(r => r.CategoryCode != null && services.Contains(r.CategoryCode));
            if (statuses is ["open"])
                query = query.Where(r => r.Status != ReportStatus.Resolved && r.Status != ReportStatus.Closed && r.Status != ReportStatus.Merged);
            else if (statuses is ["closed"])
                query = query.Where(r => r.Status == ReportStatus.Resolved || r.Status == ReportStatus.Closed || r.Status == ReportStatus.Merged);
        }
        var rows = await Project(query.OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id).Take(MaxResults)).ToListAsync(ct);
        return await AnswerAsync(f, rows, request, db, pack, categories, text, ct);
    }

    public static async Task<IResult> FindAsync(string id, string format, HttpRequest request, AduanDbContext db, CurrentPack packs, CategoryDirectory categories,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (Open311Api.FormatOf(format) is not { } f)
            return Open311Api.UnknownFormat(format);
        var code = TrackingCode.Parse(id);
        var rows = code is null ? [] : await Project(db.Reports.AsNoTracking().Where(r => r.Code == code)).ToListAsync(ct);
        if (rows.Count == 0)
            return Open311Result.Error(f, StatusCodes.Status404NotFound, text["Open311_UnknownRequest", id].Value);
        return await AnswerAsync(f, rows, request, db, await packs.GetAsync(ct), categories, text, ct);
    }

    /// <summary>
    /// The public timeline entries in a period (default: the last 90 days), oldest first, at most
    /// 1000; a client reads on from the newest <c>updated_datetime</c> it has. Each carries the
    /// report's status at that moment in the extension's words (<see cref="UpdateStatus"/>).
    /// </summary>
    public static async Task<IResult> UpdatesAsync(string format, HttpRequest request, AduanDbContext db, CurrentPack packs, TimeProvider clock,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (Open311Api.FormatOf(format) is not { } f)
            return Open311Api.UnknownFormat(format);
        var pack = await packs.GetAsync(ct);
        var errors = new List<string>();
        var codes = List(request, "service_request_id").Select(TrackingCode.Parse).OfType<string>().ToList();
        var dated = request.Query.ContainsKey("start_date") || request.Query.ContainsKey("end_date") || codes.Count == 0;
        var range = dated ? Open311Dates.Range(request, pack, clock.GetUtcNow(), errors, text) : null;
        if (errors.Count > 0)
            return Open311Result.Error(f, StatusCodes.Status400BadRequest, [.. errors]);

        var query = from u in db.Updates.AsNoTracking()
                    join r in db.Reports on u.ReportId equals r.Id
                    where u.IsPublic
                    select new { Update = u, r.Code, r.Visibility };
        query = codes.Count > 0
            ? query.Where(x => codes.Contains(x.Code))
            : query.Where(x => x.Visibility != ReportVisibility.Confidential);
        if (range is not null)
            query = query.Where(x => x.Update.At >= range.Start && x.Update.At <= range.End);
        var updates = await query.OrderBy(x => x.Update.At).ThenBy(x => x.Update.Id).Take(MaxResults)
            .Select(x => new { x.Update.Id, x.Update.ReportId, x.Code, x.Update.Sequence, x.Update.At, x.Update.Text }).ToListAsync(ct);

        var reportIds = updates.Select(u => u.ReportId).Distinct().ToList();
        var changes = (await db.Updates.AsNoTracking().Where(u => reportIds.Contains(u.ReportId) && u.ToStatus != null)
            .Select(u => new { u.ReportId, u.Sequence, u.ToStatus }).ToListAsync(ct)).ToLookup(u => u.ReportId);
        var items = updates.Select(u => new Fields
        {
            { "update_id", u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            { "service_request_id", TrackingCode.Format(u.Code) },
            { "status", UpdateStatus(changes[u.ReportId].Where(c => c.Sequence <= u.Sequence).OrderBy(c => c.Sequence).LastOrDefault()?.ToStatus ?? ReportStatus.Received) },
            { "updated_datetime", Open311Api.Time(u.At, pack) },
            { "description", Profanity.Mask(u.Text) },
            { "media_url", null },
        });
        return Open311Result.List(f, "service_requests_updates", "request_update", items);
    }

    /// <summary>GeoReport's two states: a report is closed once resolved, closed, rejected or merged into another.</summary>
    public static string Status(ReportStatus status) =>
        status is ReportStatus.Resolved or ReportStatus.Closed or ReportStatus.Rejected or ReportStatus.Merged ? "closed" : "open";

    /// <summary>The finer states FixMyStreet's update extension knows, for clients that read them; others read open/closed.</summary>
    public static string UpdateStatus(ReportStatus status) => status switch
    {
        ReportStatus.Dispatched => "action_scheduled",
        ReportStatus.InProgress => "in_progress",
        ReportStatus.WaitingForCitizen => "investigating",
        ReportStatus.ForwardedToOutsideBody => "internal_referral",
        ReportStatus.Resolved => "fixed",
        ReportStatus.Closed => "closed",
        ReportStatus.Rejected => "no_further_action",
        ReportStatus.Merged => "duplicate",
        _ => "open",
    };

    private static IQueryable<Row> Project(IQueryable<Report> query) => query.Select(r => new Row(
        r.Id, r.Code, r.Status, r.CategoryCode, r.Description, r.AddressText, r.Latitude, r.Longitude, r.AgencyCode, r.Visibility,
        r.ReceivedAt, r.LastChangedAt, r.ClockPausedAt, r.ResolutionDueAt,
        r.Updates.Where(u => u.IsPublic && u.ToStatus != null).OrderByDescending(u => u.Sequence).Select(u => u.Text).FirstOrDefault(),
        r.Photos.Where(p => p.IsPublic).OrderBy(p => p.Id).Select(p => p.Sha256).FirstOrDefault()));

    private static async Task<IResult> AnswerAsync(Open311Format format, List<Row> rows, HttpRequest request, AduanDbContext db, PackSnapshot pack,
        CategoryDirectory categories, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var agencyCodes = rows.Select(r => r.AgencyCode).OfType<string>().Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyCodes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        var site = Open311Api.BaseUrl(request);
        var items = new List<Fields>();
        foreach (var row in rows)
        {
            var category = await categories.FindAsync(row.CategoryCode, ct);
            var hidden = row.Visibility == ReportVisibility.Confidential;
            var code = TrackingCode.Format(row.Code);
            var clockRuns = row.Status is not (ReportStatus.Resolved or ReportStatus.Closed or ReportStatus.Rejected or ReportStatus.Merged) && row.ClockPausedAt is null;
            items.Add(new Fields
            {
                { "service_request_id", code },
                { "status", Status(row.Status) },
                { "status_notes", Profanity.Mask(row.StatusNote) },
                { "service_name", category is null ? null : PublicReportQuery.LocalizedName(category.Name, category.NameEn) },
                { "service_code", category?.Code },
                { "description", hidden ? null : Profanity.Mask(row.Description) },
                { "agency_responsible", row.AgencyCode is null ? null : agencies.GetValueOrDefault(row.AgencyCode, row.AgencyCode) },
                { "service_notice", text["Open311_ServiceNotice", $"{site}/lacak/{code}"].Value },
                { "requested_datetime", Open311Api.Time(row.ReceivedAt, pack) },
                { "updated_datetime", Open311Api.Time(row.LastChangedAt, pack) },
                { "expected_datetime", Open311Api.Time(clockRuns ? row.ResolutionDueAt : null, pack) },
                { "address", hidden ? null : Profanity.Mask(row.Address) },
                { "address_id", null },
                { "zipcode", null },
                { "lat", hidden ? null : row.Latitude },
                { "long", hidden ? null : row.Longitude },
                { "media_url", hidden || row.Photo is null ? null : $"{site}/foto/{row.Photo}" },
            });
        }
        return Open311Result.List(format, "service_requests", "request", items);
    }

    /// <summary>A comma list, or the parameter given several times.</summary>
    internal static List<string> List(HttpRequest request, string name) =>
        [.. request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
