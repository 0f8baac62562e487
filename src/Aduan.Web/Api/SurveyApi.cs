using System.Globalization;
using System.Text.Json;
using Aduan.Agencies;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Surveys;
using Aduan.Web.Auth;
using Aduan.Web.Surveys;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

/// <summary>An element's figures in the results (NRR and weighted NRR to four decimals, the converted value to two).</summary>
public sealed record SkmElementView(int Number, string Field, string Name, long Sum, decimal Nrr, decimal WeightedNrr, decimal Converted, string Band, string BandLabel);

public sealed record SkmPeriodView(string From, string To);

/// <summary>
/// An agency's SKM for a period. <c>ikm</c> is the index as published (two decimals) and the one
/// banded; <c>unitValue</c> the mean answer (sum of weighted NRRs). Both are null with no respondents.
/// </summary>
public sealed record SkmResultView(
    NamedCode Agency,
    SkmPeriodView Period,
    int Respondents,
    decimal? UnitValue,
    decimal? Ikm,
    string? Band,
    string? BandLabel,
    IReadOnlyList<SkmElementView> Elements,
    IReadOnlyList<int> Lowest,
    SkmProfile Profile);

/// <summary>What a stored questionnaire answers: the agency and the day it counts for; nothing else is echoed.</summary>
public sealed record SurveyReceipt(string Agency, string SurveyDate);

/// <summary>
/// The SKM over HTTP: anyone may send a questionnaire (<c>POST /api/skm/responses</c>, rate
/// limited per address, one answer per link token); staff and keys read results and the
/// anonymous answers of the agencies <see cref="SurveyAccess"/> lets them see.
/// </summary>
public static class SurveyApi
{
    public static void MapSurveyApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/skm").WithTags("Satisfaction survey (SKM)");
        api.MapPost("/responses", SubmitAsync)
            .WithSummary("Send one questionnaire: agency, u1 … u9 (answers 1-4, all required), optional gender (L/P), age, education (SD, SMP, SMA, S1, S2, S3), occupation (PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA), token from a one-time link")
            .Produces<SurveyReceipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery();
        var staff = api.MapGroup("").RequireAuthorization(policy => policy.AddAuthenticationSchemes(StaffAuth.StaffScheme).RequireAuthenticatedUser())
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapGet("/results", ResultsAsync)
            .WithSummary("An agency's SKM for a period (agency, from, to as yyyy-MM-dd, both days included): NRR per element, IKM, band, respondents, profile")
            .Produces<SkmResultView>();
        staff.MapGet("/responses.csv", ExportAsync)
            .WithSummary("The anonymous questionnaires of an agency and period as CSV (one row per respondent; no staff or link data)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, RecordSurveyResponse handler, SurveyLinks links, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: text["Problem_ContentType"]);
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(request.Body, cancellationToken: ct)).RootElement;
        }
        catch (JsonException)
        {
            return text.Validation([new FieldError("body", "Error_MalformedJson")]);
        }
        if (body.ValueKind != JsonValueKind.Object)
            return text.Validation([new FieldError("body", "Error_MalformedJson")]);

        var input = new SurveyInput
        {
            Agency = Text(body, "agency"),
            Answers = [.. SurveyElement.All.Select(e => Text(body, e.Field))],
            Gender = Text(body, "gender"),
            Age = Text(body, "age"),
            Education = Text(body, "education"),
            Occupation = Text(body, "occupation"),
        };
        var token = Text(body, "token");
        if (!string.IsNullOrEmpty(token))
        {
            var hash = links.TicketHashOf(input.Agency?.Trim() ?? "", token);
            if (hash is null)
                return text.Validation([new FieldError("token", "Skm_LinkInvalid")]);
            input = input with { TicketHash = hash };
        }
        var result = await handler.HandleAsync(input, enteredBy: null, ct);
        return result.Outcome switch
        {
            SurveyOutcome.Saved => TypedResults.Created((string?)null, Receipt(result.Response!)),
            SurveyOutcome.LinkUsed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["Skm_LinkUsed"]),
            _ => text.Validation(result.Errors),
        };
    }

    internal static SurveyReceipt Receipt(SurveyResponse response) =>
        new(response.AgencyCode, response.SurveyDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A JSON member as the text it was written as (a string's value, a number's digits); null when absent or null.</summary>
    private static string? Text(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) ? null
        : value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };

    private static async Task<IResult> ResultsAsync(HttpContext http, AgencyTree agencies, SurveyAccess access, SkmReports reports, IStringLocalizer<SharedResource> text,
        string? agency = null, string? from = null, string? to = null)
    {
        var (found, period, refusal) = await OpenAsync(http, agencies, access, text, agency, from, to);
        if (refusal is not null)
            return refusal;
        var report = await reports.GetAsync(found!, period!, http.RequestAborted);
        return TypedResults.Ok(View(report, text));
    }

    internal static SkmResultView View(SkmReport report, IStringLocalizer<SharedResource> text)
    {
        var result = report.Result;
        return new SkmResultView(
            new NamedCode(report.Agency.Code, report.Agency.Name),
            new SkmPeriodView(Day(report.Period.From), Day(report.Period.To)),
            result.Respondents,
            result.UnitValue is { } unit ? Math.Round(unit, 4, MidpointRounding.AwayFromZero) : null,
            result.IndexRounded,
            result.Band?.ToString(),
            result.Band is { } band ? text.Band(band) : null,
            [.. result.Elements.Select(e => new SkmElementView(e.Element.Number, e.Element.Field, text.Name(e.Element), e.Sum,
                Math.Round(e.Nrr, 4, MidpointRounding.AwayFromZero), Math.Round(e.WeightedNrr, 4, MidpointRounding.AwayFromZero), e.Converted,
                result.Respondents == 0 ? "" : e.Band.ToString(), result.Respondents == 0 ? "" : text.Band(e.Band)))],
            [.. result.Lowest().Select(e => e.Element.Number)],
            report.Profile);
    }

    private static async Task ExportAsync(HttpContext http, AgencyTree agencies, SurveyAccess access, SkmReports reports, CurrentPack pack, IStringLocalizer<SharedResource> text,
        string? agency = null, string? from = null, string? to = null)
    {
        var (found, period, refusal) = await OpenAsync(http, agencies, access, text, agency, from, to);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(http);
            return;
        }
        var rows = reports.In(found!.Code, period!).OrderBy(r => r.SurveyDate).ThenBy(r => r.Id).AsAsyncEnumerable();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"skm-{found.Code}-{Day(period!.From)}-{Day(period.To)}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in CsvHeader)
            csv.WriteField(header);
        await csv.NextRecordAsync();
        await foreach (var r in rows.WithCancellation(http.RequestAborted))
        {
            csv.WriteField(r.AgencyCode);
            csv.WriteField(Day(r.SurveyDate));
            csv.WriteField(r.Source == SurveySource.Public ? "daring" : "kertas");
            foreach (var answer in r.Answers())
                csv.WriteField(answer);
            csv.WriteField(r.Gender is { } g ? RecordSurveyResponse.Code(g) : "");
            csv.WriteField(r.Age?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(r.Education is { } e ? RecordSurveyResponse.Code(e) : "");
            csv.WriteField(r.Occupation is { } o ? RecordSurveyResponse.Code(o) : "");
            await csv.NextRecordAsync();
        }
    }

    /// <summary>Checks the agency, the period and the caller's right to see the agency; an error result when any fails.</summary>
    private static async Task<(Agency? Agency, SurveyPeriod? Period, IResult? Refusal)> OpenAsync(
        HttpContext http, AgencyTree agencies, SurveyAccess access, IStringLocalizer<SharedResource> text, string? agency, string? from, string? to)
    {
        var ct = http.RequestAborted;
        var errors = new List<FieldError>();
        var found = await FindAgencyAsync(agencies, agency, errors, ct);
        var (period, periodErrors) = SurveyPeriod.Parse(from, to);
        errors.AddRange(periodErrors);
        if (errors.Count > 0)
            return (null, null, text.Validation(errors));
        var actor = http.User.ToStaffActor();
        if (actor is null || !await access.CanSeeResultsAsync(actor, found!.Code, ct))
            return (null, null, Problems.Status(StatusCodes.Status403Forbidden, text["Skm_NotYours"]));
        return (found, period, null);
    }

    internal static async Task<Agency?> FindAgencyAsync(AgencyTree agencies, string? code, List<FieldError> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(new FieldError("agency", "Skm_AgencyRequired"));
            return null;
        }
        var agency = await agencies.FindAsync(code.Trim(), ct);
        if (agency is null || agency.Kind == AgencyKind.OutsideBody)
        {
            errors.Add(new FieldError("agency", "Skm_AgencyUnknown", code.Length > 64 ? code[..64] : code));
            return null;
        }
        return agency;
    }

    private static readonly string[] CsvHeader =
        ["instansi", "tanggal_survei", "sumber", .. SurveyElement.All.Select(e => e.Field), "jenis_kelamin", "umur", "pendidikan", "pekerjaan"];

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
