using System.Net;
using Aduan.Tests.Infrastructure;

namespace Aduan.Tests.Api;

/// <summary>GET /api/reports/{code}, GET /api/reports and the OpenAPI document, on both databases.</summary>
public abstract class TrackAndListTests(AduanApp app)
{
    private readonly HttpClient _client = app.CreateClient();
    private readonly Lazy<Task<HttpClient>> _staff = new(async () => app.KeyClient(await app.CreateKeyAsync([Aduan.Staff.ApiScopes.ReportsRead])));

    [Fact]
    public async Task A_report_is_found_by_its_code_with_or_without_the_dash_in_any_case()
    {
        var code = await SubmitAsync(Samples.Report());

        foreach (var typed in new[] { code, code.Replace("-", ""), code.ToLowerInvariant() })
        {
            var json = await (await _client.GetAsync($"/api/reports/{typed}")).JsonAsync();
            Assert.Equal(code, json.GetProperty("code").GetString());
            Assert.Equal("Diterima", json.GetProperty("statusLabel").GetString());
            Assert.Equal("Received", json.GetProperty("updates")[0].GetProperty("status").GetString());
        }
    }

    [Theory]
    [InlineData("AAAAA-AAAAA")]
    [InlineData("00000-11111")]
    [InlineData("pendek")]
    public async Task An_unknown_or_impossible_code_gets_a_404_problem(string code)
    {
        var response = await _client.GetAsync($"/api/reports/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_confidential_report_shows_only_its_status_and_timeline_in_public()
    {
        var body = Samples.Report("Ada pungutan liar oleh oknum di kantor pelayanan, mohon dirahasiakan.");
        body["visibility"] = "rahasia";
        var code = await SubmitAsync(body);

        var json = await (await _client.GetAsync($"/api/reports/{code}")).JsonAsync();

        Assert.True(json.GetProperty("confidential").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("description").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("latitude").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("address").ValueKind);
        Assert.Equal("Received", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_staff_listing_filters_by_status_category_area_and_dates_and_pages()
    {
        var mine = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var body = Samples.Report($"Lampu jalan mati di ruas jalan nomor {i}, gelap sekali di malam hari.");
            body["category"] = "lampu-jalan-mati";
            mine.Add(await SubmitAsync(body));
        }
        var today = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd");
        var filter = $"/api/reports?status=received&category=lampu-jalan-mati&area=31.71&from={today}&to={today}";

        var staff = await _staff.Value;
        var all = await (await staff.GetAsync(filter + "&pageSize=200")).JsonAsync();
        var page2 = await (await staff.GetAsync(filter + "&pageSize=1&page=2")).JsonAsync();

        var codes = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Subset(codes.ToHashSet(), mine.Cast<string?>().ToHashSet());
        Assert.All(all.GetProperty("items").EnumerateArray(), item =>
        {
            Assert.Equal("Received", item.GetProperty("status").GetString());
            Assert.Equal("lampu-jalan-mati", item.GetProperty("categoryCode").GetString());
            Assert.StartsWith("31.71.", item.GetProperty("areaCode").GetString());
        });
        Assert.Equal(all.GetProperty("total").GetInt32(), page2.GetProperty("total").GetInt32());
        Assert.Single(page2.GetProperty("items").EnumerateArray());
        Assert.Equal(codes[1], page2.GetProperty("items")[0].GetProperty("code").GetString());
        var elsewhere = await (await staff.GetAsync("/api/reports?category=lampu-jalan-mati&area=31.74")).JsonAsync();
        Assert.DoesNotContain(elsewhere.GetProperty("items").EnumerateArray(), i => mine.Contains(i.GetProperty("code").GetString()!));
    }

    [Theory]
    [InlineData("status=terbang", "status")]
    [InlineData("from=kemarin", "from")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("from=2026-11-10&to=2026-11-01", "to")]
    public async Task Bad_listing_filters_get_a_field_level_400(string query, string field)
    {
        var response = await (await _staff.Value).GetAsync($"/api/reports?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_reports_api_and_the_browsable_ui_answers()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).JsonAsync();
        var docs = await _client.GetAsync("/docs/");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/reports", out var reports));
        Assert.True(reports.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/reports/{code}", out _));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    private async Task<string> SubmitAsync(object body)
    {
        var response = await _client.PostReportAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TrackAndListOnSqlite(SqliteApp app) : TrackAndListTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TrackAndListOnPostgres(PostgresApp app) : TrackAndListTests(app);
