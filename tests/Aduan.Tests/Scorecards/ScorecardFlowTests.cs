using System.Net;
using System.Text.Json;
using Aduan.Data;
using Aduan.Dispatch;
using Aduan.Reports;
using Aduan.Scorecards;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Aduan.Tests.Scorecards;

/// <summary>
/// Reports go through their life over HTTP under a clock the test moves; the rollups are
/// refreshed as the job does it, and the scorecard API, the dashboard page and its CSV and XLSX
/// exports show what happened. Each test takes a week of its own, so their counts never mix.
/// </summary>
public abstract class ScorecardFlowTests(AduanApp app)
{
    private const string Agency = DispatchDesk.BinaMargaPusat;
    private const string Dinas = "dinas-bina-marga";
    private const string Gambir = "31.71.01.1001"; // the kelurahan of Monas, where the sample reports are
    private static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    private readonly DispatchDesk _desk = new(app);

    private FakeTimeProvider Clock => ((IFakeClockApp)app).Clock;

    [Fact]
    public async Task An_agencys_scorecard_counts_each_step_of_its_reports_in_working_time_and_a_rebuild_gives_the_same()
    {
        var monday = NextMonday();
        var (officer, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, Agency);
        var phone = DispatchDesk.UniquePhone();
        string[] codes = [await _desk.DispatchedAsync(phone: phone), await _desk.DispatchedAsync(), await _desk.DispatchedAsync(), await _desk.DispatchedAsync()];
        var (confirmed, reopened, open, handedBack) = (codes[0], codes[1], codes[2], codes[3]);

        Clock.Advance(TimeSpan.FromHours(2)); // 10:00: three accepted after two working hours
        foreach (var code in codes[..3])
            await officer.StepAsync(code, "accept").OkAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        await officer.StepAsync(handedBack, "hand-back", new { reason = "Saluran ini milik Dinas SDA." }).OkAsync();
        Clock.Advance(TimeSpan.FromHours(1)); // 12:00: two resolved with the evidence photo, four working hours after dispatch
        await officer.ResolveAtTheSpotAsync(confirmed);
        await officer.ResolveAtTheSpotAsync(reopened);
        Clock.Advance(TimeSpan.FromHours(1));
        await _desk.CitizenAsync(confirmed, "confirmation", new { token = await _desk.LinkTokenAsync(confirmed, "laporan-selesai"), done = true, rating = 5, text = "Cepat." }).OkAsync();
        await _desk.CitizenAsync(reopened, "confirmation", new { token = await _desk.LinkTokenAsync(reopened, "laporan-selesai"), done = false, text = "Masih berlubang." }).OkAsync();

        // The working minutes were stored on the part when each step happened.
        var part = (await _desk.LoadAsync(confirmed)).Assignments.Single(a => a.Role == AssignmentRole.Lead);
        Assert.Equal((120, 240, true), (part.ResponseMinutes!.Value, part.ResolutionMinutes!.Value, part.Evidenced));
        Assert.NotNull((await _desk.LoadAsync(reopened)).Assignments.Single(a => a.Status == AssignmentStatus.Done).ReopenedAt);
        var rating = (await _desk.LoadAsync(confirmed)).Rating!;
        Assert.Equal((Agency, 5, "Cepat."), (rating.AgencyCode!, rating.Value, rating.Comment!));

        await RefreshAsync();
        using var client = app.CreateClient();
        var week = $"from={monday:yyyy-MM-dd}&to={monday.AddDays(6):yyyy-MM-dd}";
        var response = await client.GetAsync($"/api/scorecards/agencies/{Agency}?{week}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var card = JsonDocument.Parse(body).RootElement;
        var f = card.GetProperty("figures");
        Assert.Equal(5, f.GetProperty("dispatched").GetInt64()); // four dispatches and the reopened report's new round
        Assert.Equal(3, f.GetProperty("responded").GetInt64());
        Assert.Equal(1.0, f.GetProperty("responseOnTimeShare").GetDouble());
        Assert.Equal(150, f.GetProperty("responseMedianMinutes").GetDouble()); // three at 120 in the bucket [120, 180): the middle one
        Assert.Equal(2, f.GetProperty("resolved").GetInt64());
        Assert.Equal(300, f.GetProperty("resolutionMedianMinutes").GetDouble()); // two at 240 in [240, 360)
        Assert.Equal(1.0, f.GetProperty("resolutionOnTimeShare").GetDouble());
        Assert.Equal(0.5, f.GetProperty("confirmedWithEvidenceShare").GetDouble());
        Assert.Equal((1, 0.5), (f.GetProperty("reopened").GetInt64(), f.GetProperty("reopenRate").GetDouble()));
        Assert.Equal((1, 0.2), (f.GetProperty("handedBack").GetInt64(), f.GetProperty("handBackRate").GetDouble()));
        Assert.Equal((5.0, 1), (f.GetProperty("ratingMean").GetDouble(), f.GetProperty("ratingCount").GetInt64()));
        Assert.Equal(JsonValueKind.Null, card.GetProperty("rank").ValueKind); // three finished parts: shown, not ranked
        Assert.Equal(RankingScore.Formula, card.GetProperty("formula").GetString());
        Assert.DoesNotContain(phone, body, StringComparison.Ordinal); // aggregates only
        Assert.DoesNotContain("berlubang", body, StringComparison.OrdinalIgnoreCase);

        // The kelurahan's scorecard counts the reports that came in there.
        var area = (await client.GetAsync($"/api/scorecards/areas/{Gambir}?{week}").OkAsync()).GetProperty("figures");
        Assert.Equal(4, area.GetProperty("received").GetInt64());
        var province = await client.GetAsync($"/api/scorecards/areas/31?{week}").OkAsync(); // no peers: its own total, unranked
        Assert.Equal((4, JsonValueKind.Null), (province.GetProperty("figures").GetProperty("received").GetInt64(), province.GetProperty("rank").ValueKind));

        // Rebuilding from the base tables gives exactly what the job kept, also when the parts'
        // working minutes were never stored (rows of a bulk load, or from before scorecards): the
        // rebuild works them out and stores them.
        var period = new ScorecardPeriod(monday, monday.AddDays(6));
        var before = await UnitsAsync(period);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            var stored = codes.Select(c => TrackingCode.Parse(c)!).ToList();
            var ids = await db.Reports.Where(r => stored.Contains(r.Code)).Select(r => r.Id).ToListAsync();
            Assert.Equal(3, await db.Assignments.Where(a => ids.Contains(a.ReportId) && (a.ResponseMinutes != null || a.ResolutionMinutes != null))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResponseMinutes, (int?)null).SetProperty(a => a.ResolutionMinutes, (int?)null)));
            await scope.ServiceProvider.GetRequiredService<ScorecardRollups>().RebuildAsync(null, CancellationToken.None);
        }
        Assert.Equal(before, await UnitsAsync(period));
        part = (await _desk.LoadAsync(confirmed)).Assignments.Single(a => a.Role == AssignmentRole.Lead);
        Assert.Equal((120, 240), (part.ResponseMinutes!.Value, part.ResolutionMinutes!.Value));

        // A week later the report still open is past its 168-hour target: the worst overdue list shows it to the dinas head.
        Clock.Advance(TimeSpan.FromDays(8));
        var head = await app.SignInAsync(await app.CreateAsync(StaffRole.AgencyHead, Dinas));
        var dashboard = await head.Http.GetAsync($"/api/staff/dashboard?{week}&agency={Agency}").OkAsync();
        Assert.Contains(dashboard.GetProperty("overdue").EnumerateArray(), o => o.GetProperty("code").GetString() == open);
        Assert.DoesNotContain(dashboard.GetProperty("overdue").EnumerateArray(), o => o.GetProperty("code").GetString() == confirmed);
        Assert.Equal(JsonValueKind.Null, dashboard.GetProperty("areas").ValueKind); // a head sees agencies, not areas
        var mine = Assert.Single(dashboard.GetProperty("agencies").GetProperty("units").EnumerateArray(), u => u.GetProperty("code").GetString() == Agency);
        Assert.Equal((3, 1, 1, 1), (mine.GetProperty("finished").GetInt64(), mine.GetProperty("good").GetInt64(), mine.GetProperty("reopened").GetInt64(), mine.GetProperty("handedBack").GetInt64()));

        await DashboardPageAndExportsAsync(head, week);
    }

    /// <summary>The page draws the ranking with the formula; the exports carry the same numbers (the XLSX read back with ClosedXML).</summary>
    private static async Task DashboardPageAndExportsAsync(StaffClient head, string week)
    {
        var page = await head.Http.GetAsync($"/staf/dasbor?{week}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"ranking-agencies\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-code=\"{Agency}\"", html, StringComparison.Ordinal);
        Assert.Contains(WebUtilityEncode(RankingScore.Formula), html, StringComparison.Ordinal);
        Assert.Contains("id=\"trend-chart\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"ranking-areas\"", html, StringComparison.Ordinal);

        var xlsx = await head.Http.GetAsync($"/api/staff/dashboard/export?table=agencies&format=xlsx&{week}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using (var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var sheet = workbook.Worksheet(1);
            var headers = sheet.Row(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
            var row = sheet.RowsUsed().Single(r => r.Cell(headers["Kode"]).GetString() == Agency);
            Assert.Equal(2, row.Cell(headers["Selesai"]).GetDouble());
            Assert.Equal(1, row.Cell(headers["Dibuka ulang (U)"]).GetDouble());
            Assert.Equal(50, row.Cell(headers["Selesai dengan bukti dan dikonfirmasi"]).GetDouble());
            Assert.Equal(300, row.Cell(headers["Median waktu penyelesaian"]).GetDouble());
            Assert.True(row.Cell(headers["Peringkat"]).IsEmpty()); // not ranked
        }

        var csv = await head.Http.GetAsync($"/api/staff/dashboard/export?table=trend&format=csv&{week}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Awal periode,Laporan masuk,Selesai", lines[0]);
        Assert.Equal(2, lines.Length); // one week: one row after the header
        Assert.EndsWith(",5,2", lines[1], StringComparison.Ordinal); // the dinas head's view: parts dispatched to its agencies, and resolved
    }

    [Fact]
    public async Task Bad_periods_unknown_areas_and_agencies_and_unknown_exports_get_clear_errors_in_the_callers_format()
    {
        NextMonday();
        using var client = app.CreateClient();
        Assert.Equal(["to"], await (await client.GetAsync("/api/scorecards/areas/31.71?from=2026-11-20&to=2026-11-10")).ProblemFieldsAsync());
        Assert.Equal(["from"], await (await client.GetAsync("/api/scorecards/areas/31.71?from=2030-01-01")).ProblemFieldsAsync());
        Assert.Equal(["from"], await (await client.GetAsync("/api/scorecards/areas/31.71?from=30-11-2026")).ProblemFieldsAsync());
        Assert.Equal(["code"], await (await client.GetAsync("/api/scorecards/areas/99.99")).ProblemFieldsAsync());
        Assert.Equal(["code"], await (await client.GetAsync("/api/scorecards/agencies/bukan-instansi")).ProblemFieldsAsync());
        Assert.Equal(["kind"], await (await client.GetAsync("/api/scorecards/ranking?kind=kota")).ProblemFieldsAsync());
        var english = new HttpRequestMessage(HttpMethod.Get, "/api/scorecards/ranking?kind=areas&from=2026-11-20&to=2026-11-10");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var reversed = await (await client.SendAsync(english)).JsonAsync();
        Assert.Contains("reversed", reversed.GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);

        var head = await app.SignInAsync(await app.CreateAsync(StaffRole.AgencyHead, Dinas));
        Assert.Equal(["agency"], await (await head.Http.GetAsync("/api/staff/dashboard?agency=sudin-lingkungan-hidup-31-71")).ProblemFieldsAsync());
        Assert.Equal(["area"], await (await head.Http.GetAsync("/api/staff/dashboard?area=31.99")).ProblemFieldsAsync());
        Assert.Equal(["format", "table"], await (await head.Http.GetAsync("/api/staff/dashboard/export?table=semua&format=pdf")).ProblemFieldsAsync());
        Assert.Equal(["table"], await (await head.Http.GetAsync("/api/staff/dashboard/export?table=areas&format=csv")).ProblemFieldsAsync());
        Assert.Equal(["area"], await (await head.Http.GetAsync("/api/staff/dashboard/export?table=reports&format=csv")).ProblemFieldsAsync());

        var page = await head.Http.GetAsync("/staf/dasbor?from=2026-11-20&to=2026-11-10");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Periode terbalik", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_leaders_admins_and_agency_heads_open_the_dashboard()
    {
        NextMonday();
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/staff/dashboard")).StatusCode);
        var (officer, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, Agency);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Http.GetAsync("/api/staff/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.Http.GetAsync("/staf/dasbor")).StatusCode); // to the access-denied page
        var (operatorSession, _) = await _desk.SignInAsync(StaffRole.Operator);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorSession.Http.GetAsync("/api/staff/dashboard/export?table=trend&format=csv")).StatusCode);
    }

    private async Task RefreshAsync()
    {
        var days = await app.Services.GetRequiredService<RefreshRollupsJob>().RunOnceAsync(CancellationToken.None);
        Assert.True(days >= 2);
    }

    private async Task<List<(string Code, string Values)>> UnitsAsync(ScorecardPeriod period)
    {
        using var scope = app.Services.CreateScope();
        var units = await scope.ServiceProvider.GetRequiredService<ScorecardQuery>().UnitsAsync(period, UnitKind.Agencies, new ScorecardFilter(), CancellationToken.None);
        return [.. units.Select(u => (u.Code, string.Join(",", u.Counts.Values)))];
    }

    /// <summary>Moves the clock to the next Monday, 08:00 WIB: a week of its own for each test.</summary>
    private DateOnly NextMonday()
    {
        var local = TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), Jakarta);
        var days = ((int)DayOfWeek.Monday - (int)local.DayOfWeek + 7) % 7;
        var monday = DateOnly.FromDateTime(local.Date).AddDays(days == 0 ? 7 : days);
        Clock.SetUtcNow(new DateTimeOffset(monday.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(7)).ToUniversalTime());
        return monday;
    }

    private static string WebUtilityEncode(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);
}

[Collection(ScorecardSqliteCollection.Name)]
public sealed class ScorecardFlowOnSqlite(ScorecardSqliteApp app) : ScorecardFlowTests(app);

[Collection(ScorecardPostgresCollection.Name)]
public sealed class ScorecardFlowOnPostgres(ScorecardPostgresApp app) : ScorecardFlowTests(app);
