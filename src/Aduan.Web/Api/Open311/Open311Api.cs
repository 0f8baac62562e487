using System.Globalization;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Packs;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api.Open311;

/// <summary>
/// The Open311 GeoReport v2 server (https://wiki.open311.org/GeoReport_v2) with the
/// <c>servicerequestupdates</c> extension: services are our categories, service requests our
/// reports (their tracking code is the <c>service_request_id</c>). Every answer comes in the
/// format the URL ends with, <c>.xml</c> or <c>.json</c>; see docs/open311.md.
/// </summary>
public static class Open311Api
{
    public const string Root = "/open311/v2";
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    public static void MapOpen311(this WebApplication app)
    {
        app.MapGet("/open311/discovery.{format}", DiscoveryAsync).ExcludeFromDescription();
        var api = app.MapGroup(Root).ExcludeFromDescription();
        api.MapGet("/discovery.{format}", DiscoveryAsync);
        api.MapGet("/services.{format}", ServicesAsync);
        api.MapGet("/services/{code}.{format}", DefinitionAsync);
        api.MapPost("/requests.{format}", Open311Submit.HandleAsync).DisableAntiforgery();
        api.MapGet("/requests.{format}", Open311Requests.ListAsync);
        api.MapGet("/requests/{id}.{format}", Open311Requests.FindAsync);
        api.MapGet("/tokens/{token}.{format}", TokenAsync);
        api.MapGet("/servicerequestupdates.{format}", Open311Requests.UpdatesAsync);
        api.MapPost("/servicerequestupdates.{format}", Open311Updates.PostAsync).DisableAntiforgery();
    }

    /// <summary><c>xml</c> or <c>json</c>; null for anything else (answered 404, in XML).</summary>
    internal static Open311Format? FormatOf(string format) => format.ToLowerInvariant() switch
    {
        "xml" => Open311Format.Xml,
        "json" => Open311Format.Json,
        _ => null,
    };

    internal static IResult UnknownFormat(string format) =>
        Open311Result.Error(Open311Format.Xml, StatusCodes.Status404NotFound, $"Unknown format '{format}': use .xml or .json.");

    /// <summary>W3C datetime with the pack's offset, e.g. <c>2026-11-28T09:41:19+07:00</c> (WIB).</summary>
    internal static string? Time(DateTimeOffset? instant, PackSnapshot pack) =>
        instant is { } value ? pack.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null;

    internal static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private static async Task<IResult> DiscoveryAsync(string format, HttpRequest request, CurrentPack packs, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (FormatOf(format) is not { } f)
            return UnknownFormat(format);
        var pack = await packs.GetAsync(ct);
        var changeset = Time(pack.Info.LoadedAt, pack);
        var endpoint = new Fields
        {
            { "specification", Specification },
            { "url", BaseUrl(request) + Root },
            { "changeset", changeset },
            { "type", "production" },
            { "formats", new Many("format", ["text/xml", "application/json"]) },
        };
        return Open311Result.Record(f, "discovery", new Fields
        {
            { "changeset", changeset },
            { "contact", text["Open311_Contact", pack.Info.DisplayName, BaseUrl(request)].Value },
            { "key_service", text["Open311_KeyService"].Value },
            { "endpoints", new Many("endpoint", [endpoint]) },
        });
    }

    private static async Task<IResult> ServicesAsync(string format, CategoryDirectory categories, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (FormatOf(format) is not { } f)
            return UnknownFormat(format);
        var services = (await categories.AllAsync(ct)).Where(c => c.IsActive).OrderBy(c => c.Group, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new Fields
            {
                { "service_code", c.Code },
                { "service_name", PublicReportQuery.LocalizedName(c.Name, c.NameEn) },
                { "description", text["Open311_ServiceDescription", PublicReportQuery.LocalizedName(c.Name, c.NameEn), c.Group].Value },
                { "metadata", true }, // every service has the visibility attribute
                { "type", "realtime" },
                { "keywords", c.Group },
                { "group", c.Group },
            });
        return Open311Result.List(f, "services", "service", services);
    }

    /// <summary>Attributes every service takes: the report's visibility (publik, anonim, rahasia).</summary>
    private static async Task<IResult> DefinitionAsync(string code, string format, CategoryDirectory categories, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (FormatOf(format) is not { } f)
            return UnknownFormat(format);
        if (await categories.FindAsync(code.Trim().ToLowerInvariant(), ct) is not { IsActive: true } category)
            return Open311Result.Error(f, StatusCodes.Status404NotFound, text["Open311_UnknownService", code].Value);
        var visibility = new Fields
        {
            { "variable", true },
            { "code", Open311Submit.VisibilityAttribute },
            { "datatype", "singlevaluelist" },
            { "required", false },
            { "datatype_description", text["Open311_VisibilityHint"].Value },
            { "order", 1 },
            { "description", text["Field_Visibility"].Value },
            { "values", new Many("value", [
                new Fields { { "key", "publik" }, { "name", text["Visibility_Public"].Value } },
                new Fields { { "key", "anonim" }, { "name", text["Visibility_Anonymous"].Value } },
                new Fields { { "key", "rahasia" }, { "name", text["Visibility_Confidential"].Value } },
            ]) },
        };
        return Open311Result.Record(f, "service_definition", new Fields
        {
            { "service_code", category.Code },
            { "attributes", new Many("attribute", [visibility]) },
        });
    }

    /// <summary>Reports are made at once, so a token always leads to its report (the token is the report's internal id).</summary>
    private static async Task<IResult> TokenAsync(string token, string format, AduanDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (FormatOf(format) is not { } f)
            return UnknownFormat(format);
        var code = Guid.TryParseExact(token, "N", out var id)
            ? await db.Reports.AsNoTracking().Where(r => r.Id == id).Select(r => r.Code).SingleOrDefaultAsync(ct)
            : null;
        if (code is null)
            return Open311Result.Error(f, StatusCodes.Status404NotFound, text["Open311_UnknownToken", token].Value);
        return Open311Result.List(f, "service_requests", "request",
            [new Fields { { "service_request_id", TrackingCode.Format(code) }, { "token", token } }]);
    }

    internal static string TokenOf(Report report) => report.Id.ToString("N");
}
