using System.Globalization;
using System.Text;
using System.Text.Json;
using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Packs;
using Aduan.Portal;
using Aduan.Reports;
using Aduan.Triage;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Web.Api;

/// <summary>One row of the open data, in the documented column order (docs/portal.md).</summary>
internal sealed record OpenDataRow(
    string Kode, string Diterima, string Status, string StatusLabel, string? KategoriKode, string? Kategori,
    string? WilayahKode, string? Kelurahan, string? Kecamatan, string? Kota, string? InstansiKode, string? Instansi,
    double? Lintang, double? Bujur, string? Uraian, string TerakhirBerubah, string? Selesai, string Tautan);

/// <summary>
/// Open data: the public reports of a period as CSV or GeoJSON, streamed row by row from the
/// database (never the whole result in memory). Only <see cref="PublicListing.Listed"/> reports,
/// only what their public view shows (no reporter, contact, photo, internal note, token or
/// address text); the period is bounded by <see cref="PublicFilter.MaxDays"/> days, so one
/// download is at most a year of reports.
/// </summary>
public static class OpenDataApi
{
    public static readonly string[] Columns =
    [
        "kode", "diterima", "status", "status_label", "kategori_kode", "kategori", "wilayah_kode", "kelurahan", "kecamatan", "kota",
        "instansi_kode", "instansi", "lintang", "bujur", "uraian", "terakhir_berubah", "selesai", "tautan",
    ];

    public static void MapOpenDataApi(this WebApplication app)
    {
        var group = app.MapGroup("/data-terbuka").WithTags("Open data");
        group.MapGet("/laporan.csv", (HttpContext http, OpenDataSource source, CancellationToken ct, string? category, string? status, string? area, string? agency, string? from, string? to) =>
                source.WriteAsync(http, new PublicFilterInput(category, status, area, agency, from, to), csv: true, ct))
            .WithSummary("Public reports of a period (default the last 30 days, at most 366) as CSV, streamed")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
        group.MapGet("/laporan.geojson", (HttpContext http, OpenDataSource source, CancellationToken ct, string? category, string? status, string? area, string? agency, string? from, string? to) =>
                source.WriteAsync(http, new PublicFilterInput(category, status, area, agency, from, to), csv: false, ct))
            .WithSummary("Public reports of a period as a GeoJSON FeatureCollection, streamed")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json")
            .ProducesValidationProblem();
    }
}

/// <summary>Reads the rows for <see cref="OpenDataApi"/> and writes them as they come.</summary>
public sealed class OpenDataSource(
    AduanDbContext db, PublicFilter filters, CurrentPack pack, CategoryDirectory categories, AgencyTree agencies, BoundaryLayer layer,
    IStringLocalizer<SharedResource> text, IOptions<AduanOptions> options)
{
    private const int FlushEvery = 500;

    public async Task WriteAsync(HttpContext http, PublicFilterInput input, bool csv, CancellationToken ct)
    {
        var (filter, errors) = await filters.ParseAsync(input, ct);
        if (errors.Count > 0)
        {
            await Problems.Validation(errors, text).ExecuteAsync(http);
            return;
        }
        var snapshot = await pack.GetAsync(ct);
        var names = (await categories.AllAsync(ct)).ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var agencyNames = (await agencies.AllAsync(ct)).ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal);
        var places = await layer.PlacesAsync(ct);
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        var from = snapshot.ToLocal(filter.From!.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = filter.Apply(db.Reports.AsNoTracking().Listed()).OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Code,
                r.ReceivedAt,
                r.Status,
                r.CategoryCode,
                r.AreaCode,
                r.AgencyCode,
                r.Latitude,
                r.Longitude,
                r.Description,
                r.LastChangedAt,
                r.ResolvedAt,
            })
            .AsAsyncEnumerable();

        http.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/geo+json";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"aduan-laporan-{from}.{(csv ? "csv" : "geojson")}\"";
        await using var writer = csv ? new CsvWriter(new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024), CultureInfo.InvariantCulture) : null;
        await using var json = csv ? null : new Utf8JsonWriter(http.Response.Body);
        if (writer is not null)
        {
            foreach (var column in OpenDataApi.Columns)
                writer.WriteField(column);
            await writer.NextRecordAsync();
        }
        else
        {
            json!.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
        }
        var count = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            var lineage = Lineage(places, r.AreaCode);
            var code = TrackingCode.Format(r.Code);
            var row = new OpenDataRow(
                code, Local(snapshot, r.ReceivedAt)!, r.Status.ToString(), StatusNames.Indonesian[r.Status], r.CategoryCode,
                r.CategoryCode is null ? null : names.GetValueOrDefault(r.CategoryCode), r.AreaCode,
                lineage.GetValueOrDefault(AreaLevel.Village), lineage.GetValueOrDefault(AreaLevel.District), lineage.GetValueOrDefault(AreaLevel.Regency),
                r.AgencyCode, r.AgencyCode is null ? null : agencyNames.GetValueOrDefault(r.AgencyCode),
                r.Latitude, r.Longitude, Profanity.Mask(r.Description), Local(snapshot, r.LastChangedAt)!, Local(snapshot, r.ResolvedAt),
                $"{baseUrl}/lacak/{code}");
            if (writer is not null)
                await WriteCsvAsync(writer, row);
            else
                WriteFeature(json!, row);
            if (++count % FlushEvery == 0)
            {
                if (writer is not null)
                    await writer.FlushAsync();
                else
                    await json!.FlushAsync(ct);
            }
        }
        if (json is not null)
        {
            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(ct);
        }
    }

    private static async Task WriteCsvAsync(CsvWriter writer, OpenDataRow row)
    {
        object?[] fields =
        [
            row.Kode, row.Diterima, row.Status, row.StatusLabel, row.KategoriKode, row.Kategori, row.WilayahKode, row.Kelurahan, row.Kecamatan,
            row.Kota, row.InstansiKode, row.Instansi, row.Lintang?.ToString("R", CultureInfo.InvariantCulture), row.Bujur?.ToString("R", CultureInfo.InvariantCulture),
            row.Uraian, row.TerakhirBerubah, row.Selesai, row.Tautan,
        ];
        foreach (var field in fields)
            writer.WriteField(field as string ?? "");
        await writer.NextRecordAsync();
    }

    private static void WriteFeature(Utf8JsonWriter json, OpenDataRow row)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        if (row.Lintang is { } lat && row.Bujur is { } lon)
        {
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(lon);
            json.WriteNumberValue(lat);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("geometry");
        }
        json.WriteStartObject("properties");
        string?[] values =
        [
            row.Kode, row.Diterima, row.Status, row.StatusLabel, row.KategoriKode, row.Kategori, row.WilayahKode, row.Kelurahan, row.Kecamatan,
            row.Kota, row.InstansiKode, row.Instansi, null, null, row.Uraian, row.TerakhirBerubah, row.Selesai, row.Tautan,
        ];
        for (var i = 0; i < OpenDataApi.Columns.Length; i++)
        {
            if (OpenDataApi.Columns[i] is "lintang" or "bujur")
                continue; // the geometry carries them
            json.WriteString(OpenDataApi.Columns[i], values[i]);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string? Local(PackSnapshot pack, DateTimeOffset? instant) =>
        instant is { } at ? pack.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null;

    private static Dictionary<AreaLevel, string> Lineage(IReadOnlyDictionary<string, AreaPlace> places, string? code)
    {
        var names = new Dictionary<AreaLevel, string>();
        while (code is not null && places.TryGetValue(code, out var place))
        {
            names[place.Level] = place.Name;
            code = place.ParentCode;
        }
        return names;
    }
}
