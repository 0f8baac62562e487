using System.Net;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Open311;

/// <summary>
/// <c>POST servicerequestupdates</c> (FixMyStreet's update extension): the fields an Open311 client
/// such as FixMyStreet posts, the answer's shape in both formats, reopening by the reporter only,
/// one update per <c>update_id</c>, and every error in the spec's format.
/// </summary>
public abstract class Open311UpdateTests(AduanApp app)
{
    private readonly HttpClient _client = app.CreateClient();
    private readonly DispatchDesk _desk = new(app);

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task A_posted_update_becomes_a_comment_for_staff_answered_with_its_update_id_and_stored_once(string format)
    {
        var key = await app.CreateKeyAsync([ApiScopes.ReportsWrite]);
        var id = await FileAsync(key);
        var fields = Update(key, id, "OPEN", "Lubangnya makin dalam setelah hujan semalam.");

        var first = await PostAsync(format, fields);
        var again = await PostAsync(format, fields);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        if (format == "xml")
            Assert.Equal("service_request_updates", await first.XmlRootAsync());
        var answer = Assert.Single(await first.RecordsAsync(format));
        Assert.Equal(["update_id"], answer.Keys);
        Assert.Equal(answer["update_id"], Assert.Single(await again.RecordsAsync(format))["update_id"]);
        var report = await _desk.LoadAsync(id);
        var comment = Assert.Single(report.Updates, u => u.Text == fields["description"]);
        Assert.Equal(comment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), answer["update_id"]);
        Assert.Equal((UpdateKind.Comment, "pelapor", false), (comment.Kind, comment.Actor, comment.IsPublic));
        Assert.Equal(ReportStatus.Received, report.Status); // OPEN on an open report asks for nothing more
    }

    [Fact]
    public async Task Only_the_reporter_saying_OPEN_on_a_resolved_report_reopens_it_others_add_a_comment()
    {
        var key = await app.CreateKeyAsync([ApiScopes.ReportsWrite]);
        var id = await FileAsync(key);
        await _desk.VerifyAsync(id);
        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, DispatchDesk.BinaMargaPusat);
        await lead.StepAsync(id, "accept").OkAsync();
        await lead.ResolveAtTheSpotAsync(id);

        var stranger = Update(key, id, "REOPEN", "Saya lewat tadi, masih ada lubang.");
        stranger["email"] = "orang.lain@example.id";
        await PostAsync("json", stranger);
        Assert.Equal(ReportStatus.Resolved, (await _desk.LoadAsync(id)).Status);

        var reporter = await PostAsync("xml", Update(key, id, "OPEN", "Lubangnya hanya ditimbun tanah, sudah terbuka lagi."));

        Assert.Equal(HttpStatusCode.OK, reporter.StatusCode);
        var report = await _desk.LoadAsync(id);
        Assert.Equal(ReportStatus.Reopened, report.Status);
        var reopened = Assert.Single(report.Updates, u => u.ToStatus == ReportStatus.Reopened);
        Assert.Equal("Lubangnya hanya ditimbun tanah, sudah terbuka lagi.", reopened.Text);
        Assert.Contains(report.Updates, u => u.Kind == UpdateKind.Comment && u.Text == stranger["description"]);
        // The reopen is public: GET servicerequestupdates lists it under the id the POST answered with.
        var listed = await (await _client.GetAsync($"{Open311Client.Root}/servicerequestupdates.json?service_request_id={id}")).RecordsAsync("json");
        var answered = Assert.Single(await reporter.RecordsAsync("xml"))["update_id"];
        var entry = Assert.Single(listed, u => u["update_id"] == answered);
        Assert.Equal("open", entry["status"]);
    }

    [Theory]
    [InlineData("xml", "api_key", "adn_000000000000_bukan-kunci", HttpStatusCode.Forbidden, "api_key")]
    [InlineData("json", "api_key", "", HttpStatusCode.Forbidden, "api_key")]
    [InlineData("xml", "update_id", "", HttpStatusCode.BadRequest, "update_id")]
    [InlineData("json", "status", "SELESAI", HttpStatusCode.BadRequest, "SELESAI")]
    [InlineData("xml", "updated_datetime", "kemarin sore", HttpStatusCode.BadRequest, "updated_datetime")]
    [InlineData("json", "description", "", HttpStatusCode.BadRequest, "description")]
    [InlineData("xml", "email", "bukan-email", HttpStatusCode.BadRequest, "email")]
    [InlineData("json", "service_request_id", "ZZZZZ-ZZZZZ", HttpStatusCode.NotFound, "ZZZZZ-ZZZZZ")]
    public async Task Bad_input_gets_the_specs_error_format_and_changes_nothing(string format, string field, string value, HttpStatusCode status, string named)
    {
        var key = await app.CreateKeyAsync([ApiScopes.ReportsWrite]);
        var id = await FileAsync(key);
        var fields = Update(key, id, "OPEN", "Tambahan keterangan dari warga.");
        fields[field] = value;
        var before = (await _desk.LoadAsync(id)).Version;

        var response = await PostAsync(format, fields);

        Assert.Equal(status, response.StatusCode);
        var errors = await response.ErrorsAsync(format);
        if (status != HttpStatusCode.Forbidden) // a caller without a key learns nothing about the fields
            Assert.Contains(errors, e => e.Contains(named, StringComparison.Ordinal));
        Assert.Equal(before, (await _desk.LoadAsync(id)).Version);
        var taken = "open311:update:" + id.Replace("-", "", StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.ChannelMessages.AnyAsync(m => m.Key.StartsWith(taken))));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_400_in_the_urls_format()
    {
        var response = await _client.PostAsync($"{Open311Client.Root}/servicerequestupdates.json", new StringContent("{\"update_id\":1}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(await response.ErrorsAsync("json"));
    }

    private async Task<string> FileAsync(string key)
    {
        var response = await _client.PostAsync("json", Open311Client.Request(key));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(await response.RecordsAsync("json"))["service_request_id"]!;
    }

    /// <summary>An update as FixMyStreet posts one: its own update id, upper-case status, the person who wrote it.</summary>
    private static Dictionary<string, string> Update(string key, string id, string status, string description) => new()
    {
        ["api_key"] = key,
        ["service_request_id"] = id,
        ["update_id"] = "fms-" + Guid.NewGuid().ToString("N"),
        ["status"] = status,
        ["updated_datetime"] = "2026-11-28T10:15:00+07:00",
        ["description"] = description,
        ["email"] = "siti.rahmawati@example.id",
        ["first_name"] = "Siti",
        ["last_name"] = "Rahmawati",
        ["media_url"] = "",
    };

    private Task<HttpResponseMessage> PostAsync(string format, Dictionary<string, string> fields) =>
        _client.PostAsync($"{Open311Client.Root}/servicerequestupdates.{format}", new FormUrlEncodedContent(fields));
}

[Collection(Open311SqliteCollection.Name)]
public sealed class Open311UpdateOnSqlite(Open311SqliteApp app) : Open311UpdateTests(app);

[Collection(Open311PostgresCollection.Name)]
public sealed class Open311UpdateOnPostgres(Open311PostgresApp app) : Open311UpdateTests(app);
