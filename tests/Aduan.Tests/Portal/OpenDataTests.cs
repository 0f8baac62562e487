using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using CsvHelper;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Aduan.Tests.Portal;

/// <summary>Open data downloads: CSV and GeoJSON of a period's public reports, documented columns, nothing personal, bounded periods.</summary>
public abstract class OpenDataTests(AduanApp app)
{
    private const string August = "from=2026-08-01&to=2026-08-31";
    private static readonly ConditionalWeakTable<AduanApp, Task<Seeded>> Seeds = [];
    private readonly HttpClient _client = app.CreateClient();

    private sealed record Seeded(IReadOnlyList<Report> Listed, Report Confidential, Report Rejected);

    [Fact]
    public async Task The_csv_has_the_documented_columns_and_one_row_per_public_report_of_the_period()
    {
        var seed = await SeedAsync();

        var response = await _client.GetAsync($"/data-terbuka/laporan.csv?{August}", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentLength); // written as it is read, so no length is known up front
        using var csv = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        Assert.Equal(Aduan.Web.Api.OpenDataApi.Columns, csv.HeaderRecord);
        var rows = new List<Dictionary<string, string>>();
        while (await csv.ReadAsync())
            rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));

        Assert.Equal(seed.Listed.Select(r => TrackingCode.Format(r.Code)), rows.Select(r => r["kode"]));
        var resolved = rows.Single(r => r["status"] == "Resolved");
        Assert.Equal("Selesai ditangani", resolved["status_label"]);
        Assert.Equal("2026-08-12T10:00:00+07:00", resolved["selesai"]);
        Assert.Equal("2026-08-10T10:00:00+07:00", rows[0]["diterima"]);
        Assert.Equal(("jalan-rusak", "Jalan rusak atau berlubang"), (rows[0]["kategori_kode"], rows[0]["kategori"]));
        Assert.Equal(("Gambir", "Gambir", "Kota Administrasi Jakarta Pusat"), (rows[0]["kelurahan"], rows[0]["kecamatan"], rows[0]["kota"]));
        Assert.Equal(Samples.MonasLatitude, double.Parse(rows[0]["lintang"], CultureInfo.InvariantCulture));
        Assert.Equal(Samples.MonasLongitude, double.Parse(rows[0]["bujur"], CultureInfo.InvariantCulture));
        Assert.EndsWith($"/lacak/{rows[0]["kode"]}", rows[0]["tautan"]);
        Assert.Equal("", rows.Single(r => r["uraian"].Contains("tanpa titik", StringComparison.Ordinal))["lintang"]);
    }

    [Fact]
    public async Task The_geojson_parses_as_a_feature_collection_with_points_where_reports_have_them()
    {
        var seed = await SeedAsync();

        var response = await _client.GetAsync($"/data-terbuka/laporan.geojson?{August}&category=jalan-rusak");
        var collection = PortalSeed.ReadGeoJson<FeatureCollection>(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var expected = seed.Listed.Where(r => r.CategoryCode == "jalan-rusak").Select(r => TrackingCode.Format(r.Code)).ToList();
        Assert.Equal(expected, collection.Select(f => (string)f.Attributes["kode"]));
        var point = Assert.IsType<Point>(collection[0].Geometry);
        Assert.Equal((Samples.MonasLongitude, Samples.MonasLatitude), (point.X, point.Y));
        Assert.Null(collection.Single(f => ((string)f.Attributes["uraian"]).Contains("tanpa titik", StringComparison.Ordinal)).Geometry);
        Assert.Equal(Aduan.Web.Api.OpenDataApi.Columns.Except(["lintang", "bujur"]), collection[0].Attributes.GetNames());
    }

    [Fact]
    public async Task Confidential_and_rejected_reports_and_reporters_never_appear_in_a_download()
    {
        var seed = await SeedAsync();

        var csv = await _client.GetStringAsync($"/data-terbuka/laporan.csv?{August}");
        var geojson = await _client.GetStringAsync($"/data-terbuka/laporan.geojson?{August}");

        foreach (var text in new[] { csv, geojson })
        {
            Assert.DoesNotContain(TrackingCode.Format(seed.Confidential.Code), text);
            Assert.DoesNotContain("pungutan liar rahasia", text);
            Assert.DoesNotContain(TrackingCode.Format(seed.Rejected.Code), text);
        }
    }

    [Theory]
    [InlineData("from=2025-01-01&to=2026-08-31", "from")]
    [InlineData("from=2026-08-31&to=2026-08-01", "to")]
    [InlineData("area=31.99", "area")]
    [InlineData("status=Merged", "status")]
    public async Task A_too_long_reversed_or_unknown_filter_is_refused_before_anything_is_sent(string query, string field)
    {
        foreach (var format in new[] { "csv", "geojson" })
        {
            var response = await _client.GetAsync($"/data-terbuka/laporan.{format}?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal([field], await response.ProblemFieldsAsync());
        }
    }

    [Fact]
    public async Task The_open_data_page_documents_every_column_and_the_licence()
    {
        var page = await _client.GetStringAsync("/data-terbuka");

        foreach (var column in Aduan.Web.Api.OpenDataApi.Columns)
            Assert.Contains($"<code>{column}</code>", page);
        Assert.Contains("CC BY 4.0", page);
    }

    private Task<Seeded> SeedAsync() => Seeds.GetValue(app, _ => SeedOnceAsync());

    private async Task<Seeded> SeedOnceAsync()
    {
        var at = new DateTimeOffset(2026, 8, 10, 3, 0, 0, TimeSpan.Zero);
        var listed = new List<Report>
        {
            Report.Submit(PortalSeed.At("jalan-rusak", Samples.MonasLatitude, Samples.MonasLongitude, Samples.GambirKelurahan, "Jalan berlubang di Medan Merdeka"), at),
            Report.Submit(PortalSeed.At("lampu-jalan-mati", Samples.MonasLatitude, Samples.MonasLongitude, Samples.GambirKelurahan, "Lampu mati sepanjang jalan"), at.AddMinutes(1)),
            Report.Submit(PortalSeed.At("jalan-rusak", null, null, Samples.GambirKelurahan, "Jalan rusak tanpa titik, hanya alamat"), at.AddMinutes(2)),
        };
        var resolved = listed[1];
        resolved.Verify(at.AddHours(1), "operator");
        resolved.Dispatch("sudin-bina-marga-31-71", [], at.AddHours(2), "operator", "diteruskan");
        resolved.Accept("sudin-bina-marga-31-71", at.AddHours(3), "petugas");
        resolved.Resolve(at.AddDays(2), "petugas", "sudah diganti", null);
        var confidential = Report.Submit(PortalSeed.At("jalan-rusak", Samples.MonasLatitude, Samples.MonasLongitude, Samples.GambirKelurahan,
            "Ada pungutan liar rahasia di loket", ReportVisibility.Confidential), at.AddMinutes(3));
        var rejected = Report.Submit(PortalSeed.At("jalan-rusak", Samples.MonasLatitude, Samples.MonasLongitude, Samples.GambirKelurahan, "Jual pulsa murah"), at.AddMinutes(4));
        rejected.Reject(at.AddHours(1), "operator", "spam");
        await PortalSeed.SaveAsync(app, [.. listed, confidential, rejected]);
        return new Seeded(listed, confidential, rejected);
    }
}

[Collection(PortalSqliteCollection.Name)]
public sealed class SqliteOpenDataTests(PortalSqliteApp app) : OpenDataTests(app);

[Collection(PortalPostgresCollection.Name)]
public sealed class PostgresOpenDataTests(PortalPostgresApp app) : OpenDataTests(app);
