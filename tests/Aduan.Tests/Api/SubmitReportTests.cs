using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Api;

/// <summary>POST /api/reports, run on SQLite and again on PostgreSQL.</summary>
public abstract class SubmitReportTests(AduanApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_valid_report_gets_201_a_tracking_code_and_its_kelurahan_from_the_coordinates()
    {
        var response = await _client.PostReportAsync(Samples.Report());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        var code = json.GetProperty("code").GetString()!;
        Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}$", code);
        Assert.Equal($"/api/reports/{code}", response.Headers.Location?.OriginalString);
        Assert.Equal("Received", json.GetProperty("status").GetString());
        Assert.Equal(Samples.GambirKelurahan, json.GetProperty("area").GetProperty("code").GetString());
        Assert.Equal("Gambir", json.GetProperty("area").GetProperty("kecamatan").GetString());
        Assert.Equal("jalan-rusak", json.GetProperty("category").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_report_and_its_reporter_are_stored_apart_and_the_public_view_never_shows_the_reporter()
    {
        var created = await (await _client.PostReportAsync(Samples.Report())).JsonAsync();
        var code = created.GetProperty("code").GetString()!;

        var publicView = await _client.GetStringAsync($"/api/reports/{code}");
        using var staff = app.KeyClient(await app.CreateKeyAsync([Aduan.Staff.ApiScopes.ReportsRead]));
        var listing = await staff.GetStringAsync("/api/reports?pageSize=200");
        foreach (var secret in new[] { "Siti Rahmawati", "081234567890", "0812-3456-7890", "siti.rahmawati@example.id", "citizen" })
        {
            Assert.DoesNotContain(secret, publicView, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, listing, StringComparison.OrdinalIgnoreCase);
        }
        var stored = await app.WithDbAsync(db => db.Reports.Where(r => r.Code == code.Replace("-", "")).Select(r => r.CitizenId)
            .Join(db.Citizens, id => id, c => c.Id, (_, c) => c).SingleAsync());
        Assert.Equal("081234567890", stored.Phone);
        Assert.Equal("Siti Rahmawati", stored.Name);
    }

    [Fact]
    public async Task One_phone_number_can_send_only_so_many_reports_an_hour_and_the_rest_get_429_naming_the_field()
    {
        using var strict = app.WithWebHostBuilder(b => b.UseSetting("Aduan:ReportsPerContactPerHour", "2"));
        using var client = strict.CreateClient();
        var phone = "0813" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            var body = Samples.Report($"Saluran air tersumbat sampah di gang sempit, kiriman {i} {Guid.NewGuid():N}.");
            body["phone"] = phone;
            body["email"] = null;
            last = await client.PostReportAsync(body);
            statuses.Add(last.StatusCode);
        }
        var other = Samples.Report();
        other["phone"] = "0813" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        other["email"] = null;

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.True((await last!.JsonAsync()).GetProperty("errors").TryGetProperty("phone", out _));
        Assert.Equal(2, await app.WithDbAsync(db => db.Reports.Join(db.Citizens, r => r.CitizenId, c => c.Id, (_, c) => c).CountAsync(c => c.Phone == phone)));
        Assert.Equal(HttpStatusCode.Created, (await client.PostReportAsync(other)).StatusCode); // another person is not affected
    }

    [Fact]
    public async Task Retrying_with_the_same_idempotency_key_returns_the_same_report_not_a_second_one()
    {
        var key = Guid.NewGuid().ToString();
        var first = await _client.PostReportAsync(Samples.Report(), key);
        var retries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _client.PostReportAsync(Samples.Report(), key)));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var code = (await first.JsonAsync()).GetProperty("code").GetString();
        foreach (var retry in retries)
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal(code, (await retry.JsonAsync()).GetProperty("code").GetString());
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.IdempotencyKey == key)));
    }

    [Fact]
    public async Task Missing_description_and_unknown_category_get_field_level_problem_details_and_store_nothing()
    {
        var before = await CountReportsAsync();
        var body = Samples.Report();
        body["description"] = null;
        body["category"] = "tidak-ada";

        var response = await _client.PostReportAsync(body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["category", "description"], await response.ProblemFieldsAsync());
        Assert.Equal(before, await CountReportsAsync());
    }

    [Theory]
    [InlineData(95.0, 106.8, "latitude")]
    [InlineData(-6.2, 181.0, "longitude")]
    public async Task Coordinates_out_of_range_are_refused(double latitude, double longitude, string field)
    {
        var body = Samples.Report();
        (body["latitude"], body["longitude"]) = (latitude, longitude);

        var response = await _client.PostReportAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Text_over_the_limits_and_bad_contacts_are_refused_field_by_field()
    {
        var body = Samples.Report(new string('a', 4001));
        body["address"] = new string('b', 501);
        body["phone"] = "12345";
        body["email"] = "bukan-email";
        body["visibility"] = "semua";

        var response = await _client.PostReportAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["address", "description", "email", "phone", "visibility"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task A_report_outside_the_territory_is_kept_and_flagged_not_refused()
    {
        var body = Samples.Report($"Jalan rusak di Surabaya, bukan wilayah Jakarta ({Guid.NewGuid():N}).");
        (body["latitude"], body["longitude"]) = (-7.2459, 112.7378); // a real place, outside the Jakarta pack

        var response = await _client.PostReportAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var code = (await response.JsonAsync()).GetProperty("code").GetString()!.Replace("-", "", StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Code == code));
        Assert.True(stored.Flags.HasFlag(Aduan.Triage.TriageFlags.OutsideTerritory));
        Assert.Null(stored.AreaCode);
        Assert.Equal(-7.2459, stored.Latitude);
    }

    [Theory]
    [InlineData(0.0, 0.0)]        // a phone without a fix
    [InlineData(48.8584, 2.2945)] // not Indonesia
    public async Task Coordinates_that_cannot_be_right_count_as_no_location(double latitude, double longitude)
    {
        var body = Samples.Report($"Lampu jalan mati di gang kami ({Guid.NewGuid():N}).");
        (body["latitude"], body["longitude"]) = (latitude, longitude);
        body.Remove("address");

        var response = await _client.PostReportAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var code = (await response.JsonAsync()).GetProperty("code").GetString()!.Replace("-", "", StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Code == code));
        Assert.Null(stored.Latitude);
        Assert.Null(stored.LocationCell);
        Assert.False(stored.Flags.HasFlag(Aduan.Triage.TriageFlags.OutsideTerritory));
    }

    [Fact]
    public async Task Text_alone_is_enough_the_location_and_category_can_come_from_triage()
    {
        var body = new Dictionary<string, object?> { ["description"] = $"Lampu jalan mati udah 3 hari di jl cikini raya ({Guid.NewGuid():N})" };

        var response = await _client.PostReportAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("category").ValueKind);
    }

    [Fact]
    public async Task An_address_without_coordinates_finds_the_kelurahan_named_in_it()
    {
        var body = Samples.Report();
        body.Remove("latitude");
        body.Remove("longitude");
        body["address"] = "Jl. Kebon Sirih Raya dekat kantor kelurahan Kebon Sirih, Menteng";

        var json = await (await _client.PostReportAsync(body)).JsonAsync();

        Assert.Equal("Kebon Sirih", json.GetProperty("area").GetProperty("kelurahan").GetString());
        Assert.Equal("Menteng", json.GetProperty("area").GetProperty("kecamatan").GetString());
    }

    [Theory]
    [InlineData("{\"category\": \"jalan-rusak\",", "body")]
    [InlineData("{\"category\": \"jalan-rusak\", \"latitude\": \"utara\"}", "latitude")]
    [InlineData("[1, 2, 3]", "body")]
    public async Task Malformed_json_gets_a_400_problem_never_a_500(string json, string field)
    {
        var response = await _client.PostAsync("/api/reports", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task A_body_that_is_neither_json_nor_a_form_gets_415()
    {
        var response = await _client.PostAsync("/api/reports", new StringContent("jalan rusak", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Multipart_with_photos_stores_them_by_content_and_serves_them_back_as_images()
    {
        var photo = Samples.UniquePng();
        using var form = Form(("photos", photo, "lubang.png"), ("photos", Samples.UniquePng(), "lubang2.png"));

        var response = await _client.PostAsync("/api/reports", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var photos = (await response.JsonAsync()).GetProperty("photos").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(2, photos.Count);
        var served = await _client.GetAsync(photos[0]);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(photo, await served.Content.ReadAsByteArrayAsync());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo));
        Assert.True(File.Exists(Path.Combine(app.DataFolder, "photos", hash[..2], hash + ".png")));
    }

    [Fact]
    public async Task Too_many_photos_get_413_and_nothing_is_stored()
    {
        var before = await CountReportsAsync();
        using var form = Form([.. Enumerable.Range(0, 6).Select(i => ("photos", Samples.UniquePng(), $"foto{i}.png"))]);

        var response = await _client.PostAsync("/api/reports", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(["photos"], await response.ProblemFieldsAsync());
        Assert.Equal(before, await CountReportsAsync());
    }

    [Fact]
    public async Task A_photo_over_the_size_limit_gets_413()
    {
        using var form = Form(("photos", Samples.UniquePng((int)AduanApp.MaxPhotoBytes + 1), "besar.png"));

        var response = await _client.PostAsync("/api/reports", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(["photos[0]"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_whatever_its_name_says()
    {
        using var form = Form(("photos", Encoding.UTF8.GetBytes("<script>alert(1)</script>"), "foto.jpg"));

        var response = await _client.PostAsync("/api/reports", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["photos[0]"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Messages_follow_the_callers_language_indonesian_by_default()
    {
        var body = Samples.Report();
        body["email"] = "bukan-email";
        var indonesian = await (await _client.PostReportAsync(body)).JsonAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var english = await (await _client.SendAsync(request)).JsonAsync();

        Assert.Equal("Alamat email tidak valid.", indonesian.GetProperty("errors").GetProperty("email")[0].GetString());
        Assert.Equal("Not a valid e-mail address.", english.GetProperty("errors").GetProperty("email")[0].GetString());
    }

    private Task<int> CountReportsAsync() => app.WithDbAsync(db => db.Reports.CountAsync());

    private static MultipartFormDataContent Form(params (string Name, byte[] Content, string FileName)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("sampah-liar"), "category" },
            { new StringContent("Tumpukan sampah di pinggir kali sudah tiga hari tidak diangkut."), "description" },
            { new StringContent("-6.1754"), "latitude" },
            { new StringContent("106.8272"), "longitude" },
        };
        foreach (var (name, content, fileName) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(part, name, fileName);
        }
        return form;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SubmitReportOnSqlite(SqliteApp app) : SubmitReportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SubmitReportOnPostgres(PostgresApp app) : SubmitReportTests(app);
