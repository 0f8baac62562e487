using System.Globalization;
using System.Net;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Open311;

/// <summary>GET requests with its filters and limits, tokens, deadlines and the servicerequestupdates extension.</summary>
public abstract class Open311QueryTests(AduanApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Requests_filter_by_ids_service_code_status_and_dates(string format)
    {
        var key = await app.CreateKeyAsync([ApiScopes.ReportsWrite]);
        var pothole = await PostAsync(Open311Client.Request(key));
        var rubbish = Open311Client.Request(key, $"Tumpukan sampah di pinggir kali ({Guid.NewGuid():N}).");
        rubbish["service_code"] = "sampah-liar";
        var dumped = await PostAsync(rubbish);
        var hourAgo = W3c(DateTimeOffset.UtcNow.AddHours(-1));
        var inAnHour = W3c(DateTimeOffset.UtcNow.AddHours(1));

        Assert.Equal([dumped, pothole], await IdsAsync(format, $"service_request_id={pothole},{dumped},TIDAK-ADA&status=closed&service_code=pemakaman"));
        Assert.Equal([pothole], await IdsAsync(format, $"service_request_id={pothole.ToLowerInvariant()}"));
        var rubbishOnly = await IdsAsync(format, "service_code=sampah-liar");
        Assert.Contains(dumped, rubbishOnly);
        Assert.DoesNotContain(pothole, rubbishOnly);
        Assert.Contains(pothole, await IdsAsync(format, "service_code=sampah-liar,jalan-rusak&status=open"));
        Assert.DoesNotContain(pothole, await IdsAsync(format, "status=closed"));
        Assert.Contains(pothole, await IdsAsync(format, $"start_date={hourAgo}&end_date={inAnHour}"));
        Assert.DoesNotContain(pothole, await IdsAsync(format, $"start_date={inAnHour}"));
        Assert.DoesNotContain(pothole, await IdsAsync(format, $"end_date={hourAgo}"));
        // A "+" sent unencoded arrives as a space and is still understood.
        var local = DateTimeOffset.UtcNow.AddHours(-1).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.Contains(pothole, await IdsAsync(format, $"start_date={local}+07:00"));
    }

    [Theory]
    [InlineData("xml", "start_date=kemarin", "start_date")]
    [InlineData("json", "end_date=2026-13-45T00:00:00Z", "end_date")]
    [InlineData("xml", "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "90")]
    [InlineData("json", "start_date=2026-06-01T00:00:00%2B07:00&end_date=2026-05-01T00:00:00%2B07:00", "end_date")]
    [InlineData("xml", "status=pending", "status")]
    [InlineData("json", "service_code=tidak-ada", "tidak-ada")]
    public async Task Bad_filters_are_400_naming_the_problem(string format, string query, string named)
    {
        var response = await _client.GetAsync($"{Open311Client.Root}/requests.{format}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(await response.ErrorsAsync(format), d => d.Contains(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Unknown_request_ids_and_tokens_are_404(string format)
    {
        var unknownCode = await _client.GetAsync($"{Open311Client.Root}/requests/ABCDE-FGHJK.{format}");
        var notACode = await _client.GetAsync($"{Open311Client.Root}/requests/12345.{format}");
        var unknownToken = await _client.GetAsync($"{Open311Client.Root}/tokens/{Guid.NewGuid():N}.{format}");
        var notAToken = await _client.GetAsync($"{Open311Client.Root}/tokens/abc.{format}");

        foreach (var response in new[] { unknownCode, notACode, unknownToken, notAToken })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Single(await response.ErrorsAsync(format));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{Open311Client.Root}/services.csv")).StatusCode);
    }

    [Fact]
    public async Task Requests_cover_the_last_90_days_by_default_and_give_at_most_1000_newest_first()
    {
        var now = DateTimeOffset.UtcNow;
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 1005; i++)
                db.Reports.Add(Report.Submit(Grave($"Makam terbengkalai nomor {i}."), now.AddDays(-1).AddSeconds(i)));
            db.Reports.Add(Report.Submit(Grave("Makam lama terbengkalai."), now.AddDays(-100)));
            return await db.SaveChangesAsync();
        });

        var recent = await (await _client.GetAsync($"{Open311Client.Root}/requests.json?service_code=pemakaman")).RecordsAsync("json");
        var old = await (await _client.GetAsync(
            $"{Open311Client.Root}/requests.xml?service_code=pemakaman&start_date={W3c(now.AddDays(-120))}&end_date={W3c(now.AddDays(-95))}")).RecordsAsync("xml");

        Assert.Equal(1000, recent.Count);
        Assert.Equal("Makam terbengkalai nomor 1004.", recent[0]["description"]);
        Assert.Equal("Makam terbengkalai nomor 5.", recent[^1]["description"]);
        Assert.Equal("Makam lama terbengkalai.", Assert.Single(old)["description"]);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Once_dispatched_a_request_names_its_agency_and_expected_datetime_and_updates_carry_the_timeline(string format)
    {
        var id = await PostAsync(Open311Client.Request(await app.CreateKeyAsync([ApiScopes.ReportsWrite])));
        await new DispatchDesk(app).VerifyAsync(id);

        var request = Assert.Single(await (await _client.GetAsync($"{Open311Client.Root}/requests/{id}.{format}")).RecordsAsync(format));
        var due = await app.WithDbAsync(db => db.Reports.Where(r => r.Code == id.Replace("-", "")).Select(r => r.ResolutionDueAt).SingleAsync());
        Assert.NotNull(due);
        Assert.Equal("Suku Dinas Bina Marga Kota Administrasi Jakarta Pusat", request["agency_responsible"]);
        Assert.Equal(W3cWib(due.Value), request["expected_datetime"]);
        Assert.Equal("open", request["status"]);
        Assert.NotNull(request["status_notes"]);

        var response = await _client.GetAsync($"{Open311Client.Root}/servicerequestupdates.{format}?service_request_id={id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (format == "xml")
            Assert.Equal("service_requests_updates", await response.XmlRootAsync());
        var updates = await response.RecordsAsync(format);
        Assert.Equal(["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url"], updates[0].Keys);
        Assert.All(updates, u => Assert.Equal(id, u["service_request_id"]));
        Assert.Equal("open", updates[0]["status"]);
        Assert.Equal("action_scheduled", updates[^1]["status"]);
        Assert.All(updates, u => Assert.Matches(@"\+07:00$", u["updated_datetime"]));

        var recent = await (await _client.GetAsync(
            $"{Open311Client.Root}/servicerequestupdates.{format}?start_date={W3c(DateTimeOffset.UtcNow.AddHours(-1))}&end_date={W3c(DateTimeOffset.UtcNow.AddHours(1))}")).RecordsAsync(format);
        Assert.Equal(updates.Select(u => u["update_id"]), recent.Where(u => u["service_request_id"] == id).Select(u => u["update_id"]));
        var body = await (await _client.GetAsync($"{Open311Client.Root}/servicerequestupdates.{format}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Rahmawati", body, StringComparison.Ordinal);
        Assert.DoesNotContain("siti.rahmawati@example.id", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Updates_with_bad_dates_are_400(string format)
    {
        var response = await _client.GetAsync($"{Open311Client.Root}/servicerequestupdates.{format}?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(await response.ErrorsAsync(format));
    }

    private async Task<string> PostAsync(Dictionary<string, string> fields)
    {
        var response = await _client.PostAsync("json", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(await response.RecordsAsync("json"))["service_request_id"]!;
    }

    private async Task<List<string>> IdsAsync(string format, string query)
    {
        var response = await _client.GetAsync($"{Open311Client.Root}/requests.{format}?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.RecordsAsync(format)).Select(r => r["service_request_id"]!)];
    }

    private static NewReport Grave(string description) => new(
        TrackingCode.New(), "pemakaman", description, Samples.MonasLatitude, Samples.MonasLongitude, null, Samples.GambirKelurahan,
        Channel.Web, ReportVisibility.Public, null, null, "pelapor", []);

    private static string W3c(DateTimeOffset instant) => Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static string W3cWib(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

[Collection(Open311SqliteCollection.Name)]
public sealed class Open311QueryOnSqlite(Open311SqliteApp app) : Open311QueryTests(app);

[Collection(Open311PostgresCollection.Name)]
public sealed class Open311QueryOnPostgres(Open311PostgresApp app) : Open311QueryTests(app);
