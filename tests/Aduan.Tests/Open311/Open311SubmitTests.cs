using System.Net;
using System.Text;
using System.Xml.Linq;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Open311;

/// <summary>Discovery, services and POST requests of the Open311 server, in both formats, on SQLite and PostgreSQL.</summary>
public abstract class Open311SubmitTests(AduanApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Services_are_the_pack_categories_with_the_spec_fields(string format)
    {
        var response = await _client.GetAsync($"{Open311Client.Root}/services.{format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var services = await response.RecordsAsync(format);
        var pothole = Assert.Single(services, s => s["service_code"] == "jalan-rusak");
        Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], pothole.Keys);
        Assert.Equal("Jalan rusak atau berlubang", pothole["service_name"]);
        Assert.Equal("true", pothole["metadata"]);
        Assert.Equal("realtime", pothole["type"]);
        Assert.Equal("Jalan dan Trotoar", pothole["group"]);
        Assert.True(services.Count > 30);
    }

    [Fact]
    public async Task Service_names_are_english_when_the_client_asks_for_english()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Open311Client.Root}/services.json");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var services = await (await _client.SendAsync(request)).RecordsAsync("json");

        Assert.Equal("Damaged road or pothole", Assert.Single(services, s => s["service_code"] == "jalan-rusak")["service_name"]);
    }

    [Fact]
    public async Task A_service_definition_offers_the_visibility_choice_and_an_unknown_service_is_404()
    {
        var xml = XDocument.Parse(await _client.GetStringAsync($"{Open311Client.Root}/services/jalan-rusak.xml")).Root!;
        var json = System.Text.Json.JsonDocument.Parse(await _client.GetStringAsync($"{Open311Client.Root}/services/jalan-rusak.json")).RootElement;
        var unknownXml = await _client.GetAsync($"{Open311Client.Root}/services/tidak-ada.xml");
        var unknownJson = await _client.GetAsync($"{Open311Client.Root}/services/tidak-ada.json");

        Assert.Equal("service_definition", xml.Name.LocalName);
        Assert.Equal("jalan-rusak", xml.Element("service_code")!.Value);
        var attribute = xml.Element("attributes")!.Element("attribute")!;
        Assert.Equal(["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"], attribute.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("visibility", attribute.Element("code")!.Value);
        Assert.Equal("singlevaluelist", attribute.Element("datatype")!.Value);
        Assert.Equal(["publik", "anonim", "rahasia"], attribute.Element("values")!.Elements("value").Select(v => v.Element("key")!.Value));
        Assert.Equal("jalan-rusak", json.GetProperty("service_code").GetString());
        Assert.Equal("rahasia", json.GetProperty("attributes")[0].GetProperty("values")[2].GetProperty("key").GetString());
        Assert.False(json.GetProperty("attributes")[0].GetProperty("required").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, unknownXml.StatusCode);
        Assert.Contains("tidak-ada", Assert.Single(await unknownXml.ErrorsAsync("xml")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownJson.StatusCode);
        Assert.Single(await unknownJson.ErrorsAsync("json"));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Discovery_names_this_endpoint_and_both_formats(string format)
    {
        var response = await _client.GetAsync($"/open311/discovery.{format}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http://wiki.open311.org/GeoReport_v2", body, StringComparison.Ordinal);
        Assert.Contains("http://localhost/open311/v2", body, StringComparison.Ordinal);
        Assert.Contains("application/json", body, StringComparison.Ordinal);
        Assert.Contains("text/xml", body, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00", body);
    }

    [Theory]
    [InlineData("xml", null)]
    [InlineData("json", null)]
    [InlineData("xml", "adn_000000000000_bukan-kunci-yang-sah-sama-sekali")]
    [InlineData("json", "bukan-kunci")]
    [InlineData("xml", "read-only")]
    public async Task A_missing_invalid_or_read_only_api_key_is_403_in_open311_format_and_stores_nothing(string format, string? key)
    {
        var fields = Open311Client.Request(key == "read-only" ? await app.CreateKeyAsync([ApiScopes.ReportsRead]) : key ?? "");
        if (key is null)
            fields.Remove("api_key");
        var before = await CountAsync();

        var response = await _client.PostAsync(format, fields);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("api_key", Assert.Single(await response.ErrorsAsync(format)), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_api_key_in_the_url_instead_of_the_form_is_refused_as_missing()
    {
        var key = await app.CreateKeyAsync([ApiScopes.ReportsWrite]);
        var fields = Open311Client.Request(key);
        fields.Remove("api_key");
        var before = await CountAsync();

        var response = await _client.PostAsync($"{Open311Client.Root}/requests.xml?api_key={key}", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single(await response.ErrorsAsync("xml"));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("xml", "service_code", "tidak-ada", "tidak-ada")]
    [InlineData("json", "service_code", null, "service_code")]
    [InlineData("xml", "lat", "enam", "lat")]
    [InlineData("json", "phone", "bukan nomor", "phone")]
    [InlineData("xml", "media_url", "file:///etc/passwd", "media_url")]
    [InlineData("json", "attribute[visibility]", "rahasia-sekali", "attribute[visibility]")]
    [InlineData("xml", "description", null, "description")]
    public async Task A_bad_field_is_400_naming_it_and_stores_nothing(string format, string field, string? value, string named)
    {
        var fields = Open311Client.Request(await app.CreateKeyAsync([ApiScopes.ReportsWrite]));
        if (value is null)
            fields.Remove(field);
        else
            fields[field] = value;
        var before = await CountAsync();

        var response = await _client.PostAsync(format, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(await response.ErrorsAsync(format), d => d.Contains(named, StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_request_without_any_location_is_400(string format)
    {
        var fields = Open311Client.Request(await app.CreateKeyAsync([ApiScopes.ReportsWrite]));
        fields.Remove("lat");
        fields.Remove("long");
        fields.Remove("address_string");

        var response = await _client.PostAsync(format, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("address_string", Assert.Single(await response.ErrorsAsync(format)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_or_non_form_body_is_400_in_open311_format()
    {
        var before = await CountAsync();
        var broken = new StringContent("--batas\r\nContent-Disposition: form-data; name=\"service_code\"\r\n\r\njalan-rusak", Encoding.UTF8);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=batas");
        var json = new StringContent("{\"service_code\":\"jalan-rusak\"}", Encoding.UTF8, "application/json");

        var malformed = await _client.PostAsync($"{Open311Client.Root}/requests.xml", broken);
        var notAForm = await _client.PostAsync($"{Open311Client.Root}/requests.json", json);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Single(await malformed.ErrorsAsync("xml"));
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
        Assert.Single(await notAForm.ErrorsAsync("json"));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_posted_request_round_trips_through_requests_and_tokens_without_the_reporter(string format)
    {
        var posted = await _client.PostAsync(format, Open311Client.Request(await app.CreateKeyAsync([ApiScopes.ReportsWrite])));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        if (format == "xml")
            Assert.Equal("service_requests", await posted.XmlRootAsync());
        var created = Assert.Single(await posted.RecordsAsync(format));
        var id = created["service_request_id"]!;
        Assert.Matches("^[23456789A-HJKMNP-Z]{5}-[23456789A-HJKMNP-Z]{5}$", id);
        Assert.Contains($"/lacak/{id}", created["service_notice"], StringComparison.Ordinal);

        var byId = await _client.GetAsync($"{Open311Client.Root}/requests/{id}.{format}");
        var request = Assert.Single(await byId.RecordsAsync(format));
        Assert.Equal(["service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
            "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"], request.Keys);
        Assert.Equal(id, request["service_request_id"]);
        Assert.Equal("open", request["status"]);
        Assert.Equal("jalan-rusak", request["service_code"]);
        Assert.Equal("Jl. Medan Merdeka Barat", request["address"]);
        Assert.Equal(-6.1754, double.Parse(request["lat"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(106.8272, double.Parse(request["long"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$", request["requested_datetime"]);
        Assert.Null(request["expected_datetime"]); // not yet with an agency: no clock runs

        var token = await _client.GetAsync($"{Open311Client.Root}/tokens/{created["token"]}.{format}");
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(id, Assert.Single(await token.RecordsAsync(format))["service_request_id"]);

        var stored = await app.WithDbAsync(db => db.Reports.Where(r => r.Code == id.Replace("-", "")).Join(db.Citizens, r => r.CitizenId, c => c.Id, (r, c) => new { r.Channel, c.Name, c.Phone }).SingleAsync());
        Assert.Equal(Channel.Open311, stored.Channel);
        Assert.Equal("Siti Rahmawati", stored.Name);
        Assert.Equal("081234567890", stored.Phone);
        foreach (var body in new[] { await byId.Content.ReadAsStringAsync(), await posted.Content.ReadAsStringAsync(), await _client.GetStringAsync($"{Open311Client.Root}/requests.{format}") })
        {
            foreach (var secret in new[] { "Rahmawati", "Siti", "081234567890", "0812-3456-7890", "siti.rahmawati@example.id", "tablet-42" })
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_multipart_request_with_a_photo_and_a_confidential_choice_keeps_the_photo_and_shows_nothing_private()
    {
        var fields = Open311Client.Request(await app.CreateKeyAsync([ApiScopes.ReportsWrite]));
        var open = await _client.PostMultipartAsync("json", fields, Samples.UniquePng());
        fields["attributes[visibility]"] = "rahasia";
        fields["description"] = $"Laporan rahasia tentang jalan ({Guid.NewGuid():N}).";
        var secret = await _client.PostMultipartAsync("xml", fields, Samples.UniquePng());

        var openId = Assert.Single(await open.RecordsAsync("json"))["service_request_id"];
        var secretId = Assert.Single(await secret.RecordsAsync("xml"))["service_request_id"];
        var openView = Assert.Single(await (await _client.GetAsync($"{Open311Client.Root}/requests/{openId}.json")).RecordsAsync("json"));
        var secretView = Assert.Single(await (await _client.GetAsync($"{Open311Client.Root}/requests/{secretId}.xml")).RecordsAsync("xml"));
        var listed = await (await _client.GetAsync($"{Open311Client.Root}/requests.json")).RecordsAsync("json");

        Assert.Matches("^http://localhost/foto/[0-9a-f]{64}$", openView["media_url"]);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri(openView["media_url"]!).AbsolutePath)).StatusCode);
        Assert.Equal(ReportVisibility.Confidential, await app.WithDbAsync(db => db.Reports.Where(r => r.Code == secretId!.Replace("-", "")).Select(r => r.Visibility).SingleAsync()));
        Assert.Equal("open", secretView["status"]);
        Assert.Null(secretView["description"]);
        Assert.Null(secretView["lat"]);
        Assert.Null(secretView["address"]);
        Assert.Null(secretView["media_url"]);
        Assert.Contains(listed, r => r["service_request_id"] == openId);
        Assert.DoesNotContain(listed, r => r["service_request_id"] == secretId);
    }

    private Task<int> CountAsync() => app.WithDbAsync(db => db.Reports.CountAsync());
}

[Collection(Open311SqliteCollection.Name)]
public sealed class Open311SubmitOnSqlite(Open311SqliteApp app) : Open311SubmitTests(app);

[Collection(Open311PostgresCollection.Name)]
public sealed class Open311SubmitOnPostgres(Open311PostgresApp app) : Open311SubmitTests(app);
