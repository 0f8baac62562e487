using System.Globalization;
using Aduan.Categories;
using Aduan.Reports;
using Aduan.Staff;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api.Open311;

/// <summary>
/// <c>POST requests.{format}</c>: a form (urlencoded, or multipart with photos) filed through
/// <see cref="SubmitReport"/> like the web form, as <see cref="Channel.Open311"/>. Needs a staff
/// API key with <c>reports:write</c>; fields the spec has that we do not use are ignored, as are
/// unknown ones.
/// </summary>
internal static class Open311Submit
{
    public const string VisibilityAttribute = "visibility";

    // Our field names in the handler's errors, as the Open311 client named them.
    private static readonly Dictionary<string, string> OpenNames = new(StringComparer.Ordinal)
    {
        ["category"] = "service_code",
        ["latitude"] = "lat",
        ["longitude"] = "long",
        ["address"] = "address_string",
        ["name"] = "first_name",
        ["visibility"] = $"attribute[{VisibilityAttribute}]",
        ["photos"] = "media",
    };

    public static async Task<IResult> HandleAsync(string format, HttpRequest request, ApiKeys keys, CategoryDirectory categories, SubmitReport handler,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (Open311Api.FormatOf(format) is not { } f)
            return Open311Api.UnknownFormat(format);
        IFormCollection form;
        try
        {
            if (!request.HasFormContentType)
                return Open311Result.Error(f, StatusCodes.Status400BadRequest, text["Open311_MalformedBody"].Value);
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Open311Result.Error(f, StatusCodes.Status400BadRequest, text["Open311_MalformedBody"].Value);
        }

        // The key is checked before any field, so that a caller without one learns nothing about them.
        // It comes in the form only, as the spec has it: a key in a URL ends up in logs.
        var key = await keys.AuthenticateAsync(Value(form, "api_key"), ct);
        if (key is null || !key.ScopeSet.Contains(ApiScopes.ReportsWrite))
            return Open311Result.Error(f, StatusCodes.Status403Forbidden, text["Open311_ApiKey"].Value);

        var errors = new List<string>();
        var serviceCode = Value(form, "service_code");
        if (serviceCode is null)
            errors.Add(Describe("service_code", text["Error_Required"]));
        else if (await categories.FindAsync(serviceCode.Trim().ToLowerInvariant(), ct) is not { IsActive: true })
            errors.Add(text["Open311_UnknownService", serviceCode].Value);
        var latitude = Number(form, "lat", errors, text);
        var longitude = Number(form, "long", errors, text);
        var address = Value(form, "address_string");
        var addressId = Value(form, "address_id");
        var givesCoordinates = Value(form, "lat") is not null || Value(form, "long") is not null;
        if (!givesCoordinates && address is null && addressId is null)
            errors.Add(text["Open311_LocationRequired"].Value);
        var mediaUrl = Value(form, "media_url");
        if (mediaUrl is not null && !(Uri.TryCreate(mediaUrl, UriKind.Absolute, out var media) && media.Scheme is "http" or "https"))
            errors.Add(Describe("media_url", text["Open311_MediaUrl"]));
        if (errors.Count > 0)
            return Open311Result.Error(f, StatusCodes.Status400BadRequest, [.. errors]);

        var input = new SubmitReportInput
        {
            Category = serviceCode,
            Description = DescriptionOf(Value(form, "description"), mediaUrl),
            Latitude = latitude,
            Longitude = longitude,
            // We keep no address register: an address_id is kept as text for the operator.
            Address = address ?? (addressId is null ? null : $"address_id {addressId}"),
            Name = string.Join(' ', new[] { Value(form, "first_name"), Value(form, "last_name") }.OfType<string>()) is { Length: > 0 } name ? name : null,
            Phone = Value(form, "phone"),
            Email = Value(form, "email"),
            Visibility = Attribute(form, VisibilityAttribute),
            Channel = Channel.Open311,
            IdempotencyKey = request.Headers["Idempotency-Key"].FirstOrDefault(),
            Photos = await ReportForm.ReadPhotosAsync(form.Files, ct),
        };
        var result = await handler.HandleAsync(input, ct);
        if (!result.Succeeded)
        {
            var status = result.TooManyFromContact ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
            return Open311Result.Error(f, status, [.. result.Errors.Select(e => Describe(OpenNames.GetValueOrDefault(e.Field, e.Field), Problems.Message(e, text)))]);
        }
        var report = result.Report!;
        // The spec answers a POST with a list of one request; we know the id at once and give the token too.
        return Open311Result.List(f, "service_requests", "request",
        [
            new Fields
            {
                { "service_request_id", TrackingCode.Format(report.Code) },
                { "token", Open311Api.TokenOf(report) },
                { "service_notice", text["Open311_ServiceNotice", $"{Open311Api.BaseUrl(request)}/lacak/{TrackingCode.Format(report.Code)}"].Value },
                { "account_id", null },
            },
        ]);
    }

    private static string Describe(string field, string message) => $"{field}: {message}";

    /// <summary>A media_url is not fetched (nothing leaves the server inside a request): it is kept with the description for staff to open.</summary>
    private static string? DescriptionOf(string? description, string? mediaUrl) =>
        mediaUrl is null ? description : $"{description}\n\n{mediaUrl}".Trim();

    /// <summary><c>attribute[code]</c> as the spec writes it; <c>attributes[code]</c> too, which some clients send.</summary>
    private static string? Attribute(IFormCollection form, string code) =>
        Value(form, $"attribute[{code}]") ?? Value(form, $"attributes[{code}]");

    private static string? Value(IFormCollection form, string field) =>
        form.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

    private static double? Number(IFormCollection form, string field, List<string> errors, IStringLocalizer<SharedResource> text)
    {
        var value = Value(form, field);
        if (value is null)
            return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return number;
        errors.Add(Describe(field, text["Error_Number"]));
        return null;
    }
}
