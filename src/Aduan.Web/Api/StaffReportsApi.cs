using System.Globalization;
using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Packs;
using Aduan.Photos;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Web.Auth;
using CsvHelper;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

/// <summary>A report as staff see it: the whole timeline, internal notes included, never the reporter (that is its own, logged, call).</summary>
public sealed record StaffReportView(
    string Code,
    string Status,
    string StatusLabel,
    NamedCode? Category,
    string Visibility,
    string Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    PublicArea? Area,
    NamedCode? Agency,
    string Channel,
    DateTimeOffset ReceivedAt,
    DateTimeOffset LastChangedAt,
    bool HasReporter,
    bool CanSeeReporter,
    bool CanUpdate,
    IReadOnlyList<StaffPhotoView> Photos,
    IReadOnlyList<StaffUpdateView> Updates,
    int Version,
    IReadOnlyList<PartView> Parts,
    IReadOnlyList<CoordinationView> Coordinations,
    int? CitizenRating,
    DeadlineView? Deadlines,
    string Priority);

/// <summary>The report's deadline clock: due times (working or calendar time, as the category says), whether it waits, what was missed.</summary>
public sealed record DeadlineView(DateTimeOffset? ResponseDueAt, DateTimeOffset? ResolutionDueAt, DateTimeOffset? RespondedAt, bool Waiting, bool ResponseLate, bool ResolutionLate);

/// <summary>One agency's part: lead or supporting, how far, which officer.</summary>
public sealed record PartView(string Agency, string AgencyName, string Role, string Status, string? Officer, DateTimeOffset DispatchedAt, string? Reason);

public sealed record CoordinationView(long Id, string Body, string BodyName, string Status, DateTimeOffset SentAt, DateTimeOffset? AcknowledgedAt, string? Reference, DateTimeOffset? AnsweredAt, string? Answer, DateTimeOffset? NextReminderAt);

public sealed record StaffPhotoView(string Url, bool IsPublic);

public sealed record StaffUpdateView(DateTimeOffset At, string Actor, string Kind, string? Status, string? StatusLabel, string? Text, bool IsPublic);

public sealed record ReporterView(string? Name, string? Phone, string? Email);

public sealed record StaffNoteRequest(string? Text, bool? Public);

/// <summary>
/// <c>/api/staff/…</c>: reports as staff and integrations see them. Every call resolves the
/// caller's <see cref="ReportScope"/>; a report outside it answers 404 exactly like a missing one.
/// </summary>
public static class StaffReportsApi
{
    public static void MapStaffReportsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/staff/reports").WithTags("Staff")
            .RequireAuthorization(StaffPolicies.ReadReports)
            .AddEndpointFilter(RequireAntiforgeryForCookies)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{code}", GetAsync)
            .WithSummary("A report with its whole timeline, internal notes included")
            .Produces<StaffReportView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{code}/reporter", ReporterAsync)
            .WithSummary("Who reported (operators; the assigned agency for non-anonymous, non-confidential reports). Every read is logged.")
            .Produces<ReporterView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{code}/notes", NoteAsync)
            .WithSummary("Add a note to the timeline, public or internal")
            .Accepts<StaffNoteRequest>("application/json")
            .Produces<StaffReportView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{code}/photos", PhotosAsync)
            .WithSummary("Attach photos (multipart: photos, text, public=true|false)")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<StaffReportView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery(); // checked by RequireAntiforgeryForCookies instead
        api.MapGet("/{code}/photos/{sha256}", PhotoAsync).ExcludeFromDescription();
        app.MapGet("/api/staff/export.csv", ExportAsync).WithTags("Staff")
            .RequireAuthorization(StaffPolicies.ReadReports)
            .WithSummary("CSV of the reports the caller may see (same filters as the listing); never the reporter")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
    }

    internal static async Task<(StaffActor Actor, ReportScope Scope)> CallerAsync(HttpContext http, ReportAccess access)
    {
        var actor = http.User.ToStaffActor() ?? throw new InvalidOperationException("The endpoint requires a staff caller.");
        return (actor, await access.ScopeForAsync(actor, http.RequestAborted));
    }

    /// <summary>
    /// A browser session could be ridden by another site's form: changes made with the sign-in
    /// cookie need the antiforgery token (header <c>RequestVerificationToken</c> or form field).
    /// API keys are not sent by browsers on their own, so key callers are not asked for one.
    /// </summary>
    internal static async ValueTask<object?> RequireAntiforgeryForCookies(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                return Problems.Status(StatusCodes.Status400BadRequest, text["Problem_Antiforgery"]);
            }
        }
        return await next(context);
    }

    private static async Task<IResult> GetAsync(string code, HttpContext http, ReportAccess access, StaffUpdates updates, StaffReportQuery views, IStringLocalizer<SharedResource> text)
    {
        var (_, scope) = await CallerAsync(http, access);
        var report = await updates.FindVisibleAsync(scope, code, track: false, http.RequestAborted);
        return report is null ? NotFound(text) : TypedResults.Ok(await views.ToViewAsync(report, scope, http.RequestAborted));
    }

    private static async Task<IResult> ReporterAsync(string code, string? purpose, HttpContext http, ReportAccess access, StaffUpdates updates, ReporterIdentity identities, IStringLocalizer<SharedResource> text)
    {
        var (actor, scope) = await CallerAsync(http, access);
        var report = await updates.FindVisibleAsync(scope, code, track: false, http.RequestAborted);
        if (report is null)
            return NotFound(text);
        var read = await identities.ReadAsync(actor, scope, report, purpose ?? "api", http.RequestAborted);
        return read.Outcome switch
        {
            ReporterReadOutcome.Shown => TypedResults.Ok(new ReporterView(read.Citizen!.Name, read.Citizen.Phone, read.Citizen.Email)),
            ReporterReadOutcome.None => TypedResults.Ok(new ReporterView(null, null, null)),
            _ => Problems.Status(StatusCodes.Status403Forbidden, text["Problem_ReporterHidden"]),
        };
    }

    private static async Task<IResult> NoteAsync(string code, StaffNoteRequest? body, HttpContext http, ReportAccess access, StaffUpdates updates, StaffReportQuery views, IStringLocalizer<SharedResource> text)
    {
        var (actor, scope) = await CallerAsync(http, access);
        var result = await updates.AddNoteAsync(actor, scope, code, body?.Text, body?.Public ?? false, http.RequestAborted);
        return await AnswerAsync(result, scope, views, text, http.RequestAborted);
    }

    private static async Task<IResult> PhotosAsync(string code, HttpContext http, ReportAccess access, StaffUpdates updates, StaffReportQuery views, IStringLocalizer<SharedResource> text)
    {
        var (actor, scope) = await CallerAsync(http, access);
        if (!http.Request.HasFormContentType)
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, text["Problem_ContentType"]);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var uploads = await ReportForm.ReadPhotosAsync(form.Files, http.RequestAborted);
        var isPublic = bool.TryParse(form["public"], out var flag) && flag;
        var result = await updates.AttachPhotosAsync(actor, scope, code, uploads, form["text"], isPublic, http.RequestAborted);
        return await AnswerAsync(result, scope, views, text, http.RequestAborted);
    }

    private static async Task<IResult> PhotoAsync(string code, string sha256, HttpContext http, ReportAccess access, StaffUpdates updates, PhotoStore store)
    {
        var (_, scope) = await CallerAsync(http, access);
        var report = await updates.FindVisibleAsync(scope, code, track: false, http.RequestAborted);
        var photo = report?.Photos.FirstOrDefault(p => p.Sha256 == sha256);
        var stream = photo is null ? null : store.Open(photo.Sha256, photo.ContentType);
        return stream is null ? TypedResults.NotFound() : TypedResults.Stream(stream, photo!.ContentType);
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, AduanDbContext db, CurrentPack pack, ReportAccess access, AreaLocator areas, TimeProvider clock, IStringLocalizer<SharedResource> text,
        string? status = null, string? category = null, string? area = null, string? agency = null, string? from = null, string? to = null)
    {
        var ct = http.RequestAborted;
        var (filter, errors) = await ReportFilter.ParseAsync(pack, status, category, area, agency, from, to, ct);
        if (errors.Count > 0)
            return Problems.Validation(errors, text);
        filter = await filter.WithAreaSubtreeAsync(areas, ct);
        var (_, scope) = await CallerAsync(http, access);
        var snapshot = await pack.GetAsync(ct);
        var rows = filter.Apply(scope.Filter(db.Reports.AsNoTracking()))
            .OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Select(r => new { r.Code, r.Status, r.CategoryCode, r.AreaCode, r.AgencyCode, r.Channel, r.Visibility, r.ReceivedAt, r.LastChangedAt, r.Description })
            .AsAsyncEnumerable();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"aduan-{snapshot.Info.Name}-{snapshot.ToLocal(clock.GetUtcNow()):yyyyMMdd-HHmm}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in new[] { "kode", "status", "kategori", "kode_wilayah", "kelurahan", "kecamatan", "kota", "instansi", "kanal", "sifat", "diterima", "terakhir_berubah", "uraian" })
            csv.WriteField(header);
        await csv.NextRecordAsync();
        await foreach (var r in rows.WithCancellation(ct))
        {
            var place = PublicReportQuery.AreaOf(await areas.LineageAsync(r.AreaCode, ct));
            csv.WriteField(TrackingCode.Format(r.Code));
            csv.WriteField(r.Status.ToString());
            csv.WriteField(r.CategoryCode);
            csv.WriteField(r.AreaCode);
            csv.WriteField(place?.Kelurahan);
            csv.WriteField(place?.Kecamatan);
            csv.WriteField(place?.Kota);
            csv.WriteField(r.AgencyCode);
            csv.WriteField(r.Channel.ToString());
            csv.WriteField(r.Visibility.ToString());
            csv.WriteField(snapshot.ToLocal(r.ReceivedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            csv.WriteField(snapshot.ToLocal(r.LastChangedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            csv.WriteField(r.Description);
            await csv.NextRecordAsync();
        }
        return Results.Empty;
    }

    private static async Task<IResult> AnswerAsync(StaffUpdateResult result, ReportScope scope, StaffReportQuery views, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        result.Outcome switch
        {
            StaffUpdateOutcome.Added => TypedResults.Created($"/api/staff/reports/{TrackingCode.Format(result.Report!.Code)}", await views.ToViewAsync(result.Report, scope, ct)),
            StaffUpdateOutcome.NotFound => NotFound(text),
            StaffUpdateOutcome.Forbidden => Problems.Status(StatusCodes.Status403Forbidden, text["Problem_ReadOnly"]),
            StaffUpdateOutcome.TooLarge => Problems.TooLarge(result.Errors!, text),
            _ => Problems.Validation(result.Errors!, text),
        };

    private static IResult NotFound(IStringLocalizer<SharedResource> text) => Problems.Status(StatusCodes.Status404NotFound, text["Problem_NotFound"]);
}

/// <summary>Builds <see cref="StaffReportView"/>.</summary>
public sealed class StaffReportQuery(AduanDbContext db, CategoryDirectory categories, AgencyTree agencies, AreaLocator areas, PublicReportQuery publicViews)
{
    public async Task<StaffReportView> ToViewAsync(Report report, ReportScope scope, CancellationToken ct)
    {
        var category = await categories.FindAsync(report.CategoryCode, ct);
        var agency = report.AgencyCode is null ? null : await agencies.FindAsync(report.AgencyCode, ct);
        var code = TrackingCode.Format(report.Code);
        return new StaffReportView(
            code,
            report.Status.ToString(),
            publicViews.StatusLabel(report.Status),
            category is null ? null : new NamedCode(category.Code, PublicReportQuery.LocalizedName(category.Name, category.NameEn)),
            report.Visibility.ToString(),
            report.Description,
            report.Latitude,
            report.Longitude,
            report.AddressText,
            PublicReportQuery.AreaOf(await areas.LineageAsync(report.AreaCode, ct)),
            agency is null ? null : new NamedCode(agency.Code, agency.Name),
            report.Channel.ToString(),
            report.ReceivedAt,
            report.LastChangedAt,
            HasReporter: report.CitizenId is not null,
            CanSeeReporter: report.CitizenId is not null && scope.CanSeeReporter(report),
            CanUpdate: scope.CanUpdate(report),
            report.Photos.Select(p => new StaffPhotoView($"/api/staff/reports/{code}/photos/{p.Sha256}", p.IsPublic)).DistinctBy(p => p.Url).ToList(),
            report.Updates.OrderBy(u => u.At).ThenBy(u => u.Id)
                .Select(u => new StaffUpdateView(u.At, u.Actor, u.Kind.ToString(), u.ToStatus?.ToString(), u.ToStatus is { } s ? publicViews.StatusLabel(s) : null, u.Text, u.IsPublic))
                .ToList(),
            report.Version,
            await PartsAsync(report, ct),
            await CoordinationsAsync(report, ct),
            report.CitizenRating,
            report.ClockStartedAt is null ? null
                : new DeadlineView(report.ResponseDueAt, report.ResolutionDueAt, report.RespondedAt, report.ClockPausedAt is not null, report.ResponseLate, report.ResolutionLate),
            report.Priority.Code());
    }

    private async Task<List<PartView>> PartsAsync(Report report, CancellationToken ct)
    {
        var parts = new List<PartView>();
        foreach (var part in report.Assignments.OrderBy(a => a.DispatchedAt).ThenBy(a => a.Role))
        {
            var name = (await agencies.FindAsync(part.AgencyCode, ct))?.Name ?? part.AgencyCode;
            parts.Add(new PartView(part.AgencyCode, name, part.Role.ToString(), part.Status.ToString(), part.OfficerName, part.DispatchedAt, part.Reason));
        }
        return parts;
    }

    private async Task<List<CoordinationView>> CoordinationsAsync(Report report, CancellationToken ct)
    {
        var steps = await db.Coordinations.AsNoTracking().Where(c => c.ReportId == report.Id).OrderBy(c => c.Id).ToListAsync(ct);
        var views = new List<CoordinationView>();
        foreach (var c in steps)
        {
            var name = (await agencies.FindAsync(c.BodyCode, ct))?.Name ?? c.BodyCode;
            views.Add(new CoordinationView(c.Id, c.BodyCode, name, c.Status.ToString(), c.SentAt, c.AcknowledgedAt, c.Reference, c.AnsweredAt, c.Answer, c.NextReminderAt));
        }
        return views;
    }
}
