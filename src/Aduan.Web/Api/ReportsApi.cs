using System.Text.Json;
using Aduan.Data;
using Aduan.Photos;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

public static class ReportsApi
{
    public static void MapReportsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Reports");
        api.MapPost("/", SubmitAsync)
            .WithSummary("Submit a report (JSON, or multipart/form-data with up to 5 photos)")
            .WithDescription("Send an Idempotency-Key header to make retries safe: the same key returns the same report.")
            .Accepts<SubmitReportRequest>("application/json", "multipart/form-data")
            .Produces<PublicReport>(StatusCodes.Status201Created)
            .Produces<PublicReport>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
        api.MapGet("/{code}", FindAsync)
            .WithSummary("A report's public view by tracking code (never the reporter's identity)")
            .Produces<PublicReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/", ListReports.HandleAsync)
            .WithSummary("Staff listing with filters and paging (staff sign-in or an API key with reports:read)")
            .RequireAuthorization(Auth.StaffPolicies.ReadReports)
            .Produces<ReportPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapGet("/foto/{sha256}", PhotoAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, SubmitReport handler, PublicReportQuery views, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var key = request.Headers["Idempotency-Key"].ToString();
        SubmitReportInput input;
        if (request.HasJsonContentType())
        {
            SubmitReportRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<SubmitReportRequest>(ct);
            }
            catch (JsonException ex)
            {
                return Problems.Validation([ex.Path is { Length: > 2 } path
                    ? new FieldError(path.TrimStart('$', '.'), "Error_JsonValue")
                    : new FieldError("body", "Error_MalformedJson")], text);
            }
            if (body is null)
                return Problems.Validation([new FieldError("body", "Error_MalformedJson")], text);
            input = ReportForm.FromJson(body, key);
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            (input, var formErrors) = await ReportForm.ReadAsync(form, Channel.Api, key, ct);
            if (formErrors.Count > 0)
                return Problems.Validation(formErrors, text);
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: text["Problem_ContentType"]);
        }

        var result = await handler.HandleAsync(input, ct);
        if (result.PayloadTooLarge)
            return Problems.TooLarge(result.Errors, text);
        if (result.TooManyFromContact)
            return Problems.TooMany(result.Errors, text);
        if (!result.Succeeded)
            return Problems.Validation(result.Errors, text);
        var view = await views.ToViewAsync(result.Report!, ct);
        return result.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"/api/reports/{view.Code}", view);
    }

    private static async Task<IResult> FindAsync(string code, PublicReportQuery views, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await views.FindAsync(code, ct) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["Problem_NotFound"]);

    private static async Task<IResult> PhotoAsync(string sha256, AduanDbContext db, PhotoStore store, CancellationToken ct)
    {
        var photo = await db.Reports.AsNoTracking()
            .Where(r => r.Visibility != ReportVisibility.Confidential)
            .SelectMany(r => r.Photos)
            .Where(p => p.Sha256 == sha256 && p.IsPublic)
            .Select(p => new { p.Sha256, p.ContentType })
            .FirstOrDefaultAsync(ct);
        var stream = photo is null ? null : store.Open(photo.Sha256, photo.ContentType);
        // Only the three image types PhotoStore accepts are ever served, never with a client-given type.
        return stream is null ? TypedResults.NotFound() : TypedResults.Stream(stream, photo!.ContentType);
    }
}
