using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;

namespace Aduan.Tests.Portal;

/// <summary>The public map's data: counts per area at low zoom, points (capped, else grid cells) at high zoom, filters and their errors.</summary>
public abstract class MapDataTests(AduanApp app)
{
    private const string June = "from=2026-06-01&to=2026-06-30";
    private const string July = "from=2026-07-01&to=2026-07-31";
    private const string Gambir = Samples.GambirKelurahan;
    private const string Cideng = "31.71.01.1002";
    private static readonly ConditionalWeakTable<AduanApp, Task<Seeded>> Seeds = [];
    private readonly HttpClient _client = app.CreateClient();

    private sealed record Seeded(string SawahBesar, string Tebet, (double Latitude, double Longitude) AtGambir, (double Latitude, double Longitude) AtCideng,
        IReadOnlyList<string> GambirPoints, string Confidential, string Rejected);

    [Fact]
    public async Task At_low_zoom_the_map_gets_counts_per_kota_then_kecamatan_then_kelurahan()
    {
        var seed = await SeedAsync();

        var kota = await MapAsync($"zoom=9&{June}");
        var kecamatan = await MapAsync($"zoom=11&{June}");
        var kelurahan = await MapAsync($"zoom=13&{June}");

        Assert.Equal(("areas", "kota", 10), (kota.GetProperty("mode").GetString(), kota.GetProperty("level").GetString(), kota.GetProperty("total").GetInt32()));
        Assert.Equal(new Dictionary<string, int> { ["31.71"] = 6, ["31.74"] = 4 }, Counts(kota));
        Assert.Equal(new Dictionary<string, int> { ["31.71.01"] = 4, ["31.71.02"] = 2, ["31.74.01"] = 4 }, Counts(kecamatan));
        Assert.Equal(new Dictionary<string, int> { [Gambir] = 4, [seed.SawahBesar] = 2, [seed.Tebet] = 4 }, Counts(kelurahan));
        Assert.Empty(kota.GetProperty("points").EnumerateArray());
    }

    [Fact]
    public async Task At_high_zoom_the_map_gets_the_public_points_in_the_box_only()
    {
        var seed = await SeedAsync();

        var data = await MapAsync($"zoom=16&bbox={Box(seed.AtGambir, 0.003)}&{June}");

        Assert.Equal("points", data.GetProperty("mode").GetString());
        var codes = data.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("code").GetString()!).Order().ToList();
        Assert.Equal(seed.GambirPoints.Order().ToList(), codes);
        Assert.DoesNotContain(TrackingCode.Format(seed.Confidential), codes);
        Assert.DoesNotContain(TrackingCode.Format(seed.Rejected), codes);
        var point = data.GetProperty("points")[0];
        Assert.StartsWith("/lacak/", point.GetProperty("trackUrl").GetString());
        Assert.InRange(point.GetProperty("latitude").GetDouble(), seed.AtGambir.Latitude - 0.003, seed.AtGambir.Latitude + 0.003);
    }

    [Fact]
    public async Task More_points_than_the_cap_in_the_box_become_counts_per_grid_cell()
    {
        var seed = await SeedAsync();

        var crowded = await MapAsync($"zoom=16&bbox={Box(seed.AtCideng, 0.004)}&{July}");
        var filtered = await MapAsync($"zoom=16&bbox={Box(seed.AtCideng, 0.004)}&{July}&category=pohon-tumbang");

        Assert.Equal("cells", crowded.GetProperty("mode").GetString());
        Assert.Equal(502, crowded.GetProperty("total").GetInt32());
        Assert.Equal(502, crowded.GetProperty("counts").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()));
        Assert.InRange(crowded.GetProperty("counts").GetArrayLength(), 1, 16);
        Assert.Empty(crowded.GetProperty("points").EnumerateArray());
        Assert.Equal("points", filtered.GetProperty("mode").GetString());
        Assert.Single(filtered.GetProperty("points").EnumerateArray());
    }

    [Fact]
    public async Task Category_status_area_and_period_filters_narrow_the_counts()
    {
        var seed = await SeedAsync();

        Assert.Equal(1, (await MapAsync($"zoom=9&{June}&category=lampu-jalan-mati")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await MapAsync($"zoom=9&{June}&status=Verified")).GetProperty("total").GetInt32());
        Assert.Equal(9, (await MapAsync($"zoom=9&{June}&status=received")).GetProperty("total").GetInt32());
        Assert.Equal(new Dictionary<string, int> { [seed.Tebet] = 4 }, Counts(await MapAsync($"zoom=13&{June}&area=31.74")));
        Assert.Equal(0, (await MapAsync("zoom=9&from=2026-06-11&to=2026-06-30")).GetProperty("total").GetInt32());
        Assert.Equal(10, (await MapAsync("zoom=9&from=2026-06-10&to=2026-06-10")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_list_gives_the_newest_public_reports_and_never_a_confidential_or_rejected_one()
    {
        var seed = await SeedAsync();

        var response = await _client.GetAsync($"/api/public/reports?{June}");
        var items = (await response.JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(10, items.Count);
        var codes = items.Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.DoesNotContain(TrackingCode.Format(seed.Confidential), codes);
        Assert.DoesNotContain(TrackingCode.Format(seed.Rejected), codes);
        var times = items.Select(i => i.GetProperty("receivedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal(50, (await (await _client.GetAsync($"/api/public/reports?{July}")).JsonAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("category=tidak-ada", "category")]
    [InlineData("status=Terbang", "status")]
    [InlineData("status=Rejected", "status")]
    [InlineData("area=99.99", "area")]
    [InlineData("agency=tidak-ada", "agency")]
    [InlineData("from=2026-06-30&to=2026-06-01", "to")]
    [InlineData("from=2026-06-01T00:00:00Z&to=2026-06-01T00:00:00Z", "to")]
    [InlineData("from=2025-01-01&to=2026-06-30", "from")]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("bbox=106.9,-6.1,106.8,-6.2", "bbox")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("zoom=-1", "zoom")]
    [InlineData("zoom=40", "zoom")]
    public async Task Bad_filters_get_a_problem_naming_the_field(string query, string field)
    {
        var map = await _client.GetAsync($"/api/public/map?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, map.StatusCode);
        Assert.Equal([field], await map.ProblemFieldsAsync());
        if (field is not ("bbox" or "zoom"))
        {
            var list = await _client.GetAsync($"/api/public/reports?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
            Assert.Equal([field], await list.ProblemFieldsAsync());
        }
    }

    [Fact]
    public async Task Boundaries_come_simplified_per_level_with_a_cache_tag_and_an_unknown_level_is_404()
    {
        var kelurahan = await PortalSeed.BoundariesAsync(_client, "kelurahan");
        var kecamatan = await PortalSeed.BoundariesAsync(_client, "kecamatan");
        var kota = await PortalSeed.BoundariesAsync(_client, "kota");
        var withBoundary = await app.WithDbAsync(db => Task.FromResult(db.Areas.Where(a => a.BoundaryGeoJson != null)
            .AsEnumerable().GroupBy(a => a.Level).ToDictionary(g => g.Key, g => g.Count())));

        Assert.Equal(withBoundary[Aduan.Areas.AreaLevel.Village], kelurahan.Count);
        Assert.Equal(withBoundary[Aduan.Areas.AreaLevel.District], kecamatan.Count);
        Assert.Equal(withBoundary[Aduan.Areas.AreaLevel.Regency], kota.Count);
        Assert.All(kelurahan, f => Assert.True(f.Geometry.IsValid && f.Geometry.Area > 0, (string)f.Attributes["kode"]));
        var gambir = kelurahan.Single(f => (string)f.Attributes["kode"] == Gambir);
        Assert.Equal("Gambir", gambir.Attributes["nama"]);
        Assert.True(gambir.Geometry.Covers(gambir.Geometry.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(Samples.MonasLongitude, Samples.MonasLatitude))));

        var first = await _client.GetAsync("/api/public/boundaries/kota");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/public/boundaries/kota");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);
        var unknown = await _client.GetAsync("/api/public/boundaries/provinsi");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_map_page_keeps_its_filters_in_the_url_and_shows_bad_ones_on_the_page()
    {
        await SeedAsync();

        var page = await _client.GetStringAsync("/peta?kategori=lampu-jalan-mati&dari=2026-06-01&sampai=2026-06-30");
        var bad = await _client.GetAsync("/peta?wilayah=99.99&dari=2026-06-30&sampai=2026-06-01");
        var badText = await bad.Content.ReadAsStringAsync();

        Assert.Contains("data-query=\"category=lampu-jalan-mati&amp;from=2026-06-01&amp;to=2026-06-30\"", page);
        Assert.Contains("<option value=\"lampu-jalan-mati\" selected=\"selected\">", page);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Wilayah &#x27;99.99&#x27; tidak dikenal.", badText);
        Assert.Contains("Tanggal akhir harus sesudah tanggal awal.", badText);
    }

    private Task<Seeded> SeedAsync() => Seeds.GetValue(app, _ => SeedOnceAsync());

    private async Task<Seeded> SeedOnceAsync()
    {
        var inside = await PortalSeed.InsidePointsAsync(_client);
        var sawahBesar = inside.Keys.Where(k => k.StartsWith("31.71.02.", StringComparison.Ordinal)).Order().First();
        var tebet = inside.Keys.Where(k => k.StartsWith("31.74.01.", StringComparison.Ordinal)).Order().First();
        var (a, b, c, d) = (inside[Gambir], inside[sawahBesar], inside[tebet], inside[Cideng]);
        var at = new DateTimeOffset(2026, 6, 10, 3, 0, 0, TimeSpan.Zero);
        var reports = new List<Report>();
        Report Add(NewReport input)
        {
            var report = Report.Submit(input, at.AddMinutes(reports.Count));
            reports.Add(report);
            return report;
        }
        var gambirPoints = new List<Report>
        {
            Add(PortalSeed.At("jalan-rusak", a.Latitude, a.Longitude, Gambir, "Jalan berlubang di Gambir satu")),
            Add(PortalSeed.At("jalan-rusak", a.Latitude + 0.0005, a.Longitude, Gambir, "Jalan berlubang di Gambir dua")),
        };
        var lamp = Add(PortalSeed.At("lampu-jalan-mati", a.Latitude, a.Longitude + 0.0005, Gambir, "Lampu jalan mati di Gambir"));
        lamp.Verify(at.AddHours(1), "operator");
        gambirPoints.Add(lamp);
        Add(PortalSeed.At("jalan-rusak", null, null, Gambir, "Jalan rusak, lokasi dari alamat saja"));
        var confidential = Add(PortalSeed.At("jalan-rusak", a.Latitude, a.Longitude, Gambir, "Rahasia di Gambir", ReportVisibility.Confidential));
        var rejected = Add(PortalSeed.At("jalan-rusak", a.Latitude, a.Longitude, Gambir, "Iklan, bukan aduan"));
        rejected.Reject(at.AddHours(1), "operator", "spam");
        for (var i = 0; i < 2; i++)
            Add(PortalSeed.At("sampah-liar", b.Latitude, b.Longitude, sawahBesar, $"Sampah liar nomor {i}"));
        for (var i = 0; i < 4; i++)
            Add(PortalSeed.At("jalan-rusak", c.Latitude, c.Longitude, tebet, $"Jalan rusak di Tebet nomor {i}"));
        at = new DateTimeOffset(2026, 7, 10, 3, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 501; i++)
            Add(PortalSeed.At("parkir-liar", d.Latitude + ((i % 7) * 0.0001), d.Longitude + ((i % 5) * 0.0001), Cideng, $"Parkir liar nomor {i}"));
        Add(PortalSeed.At("pohon-tumbang", d.Latitude, d.Longitude, Cideng, "Pohon tumbang di Cideng"));
        await PortalSeed.SaveAsync(app, reports);
        return new Seeded(sawahBesar, tebet, a, d, gambirPoints.Select(r => TrackingCode.Format(r.Code)).ToList(), confidential.Code, rejected.Code);
    }

    private async Task<JsonElement> MapAsync(string query)
    {
        var response = await _client.GetAsync($"/api/public/map?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static Dictionary<string, int> Counts(JsonElement data) =>
        data.GetProperty("counts").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("count").GetInt32());

    private static string Box((double Latitude, double Longitude) at, double half) => string.Join(",",
        new[] { at.Longitude - half, at.Latitude - half, at.Longitude + half, at.Latitude + half }.Select(v => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)));
}

[Collection(PortalSqliteCollection.Name)]
public sealed class SqliteMapDataTests(PortalSqliteApp app) : MapDataTests(app);

[Collection(PortalPostgresCollection.Name)]
public sealed class PostgresMapDataTests(PortalPostgresApp app) : MapDataTests(app);
