using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Aduan.Reports;
using Aduan.Scorecards;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Aduan.Tests.Portal;

/// <summary>
/// The "Rapor kinerja" section of the public area and agency pages, over known reports: in the
/// week of Monday 16 November 2026 (WIB), kelurahan Gambir's six reports were all fixed by Suku
/// Dinas Bina Marga Jakarta Pusat with an evidence photo and confirmed by the citizen, Cideng's
/// five were closed by Satpol PP without proof or confirmation, Petojo Utara had two resolved and
/// one never dispatched; in September, three reports came in at Gambir and were never touched.
/// The clock stands at Monday 30 November 2026, so the pages' default period (the last 30 days)
/// holds November.
/// </summary>
public abstract partial class ScorecardPageTests(AduanApp app)
{
    private const string Gambir = "31.71.01.1001";
    private const string Cideng = "31.71.01.1002";
    private const string PetojoUtara = "31.71.01.1003";
    private const string KecamatanGambir = "31.71.01";
    private const string BinaMarga = DispatchDesk.BinaMargaPusat;
    private const string SatpolPp = DispatchDesk.SatpolPpPusat;
    private const string LingkunganHidup = DispatchDesk.LingkunganHidupPusat;

    private static readonly ConcurrentDictionary<AduanApp, Lazy<Task>> Seeded = new();

    [Fact]
    public async Task An_area_page_shows_its_figures_in_working_time_and_its_rank_among_its_sibling_kelurahan()
    {
        var page = await PageAsync($"/wilayah/{Gambir}");

        Assert.Equal("Periode: 1 November 2026 – 30 November 2026 (WIB).", Between(page, "<p class=\"hint\">", "</p>", after: "id=\"rapor-kinerja\""));
        Assert.Equal("6", Figure(page, "received"));
        Assert.Equal("1 jam 15 menit kerja", Figure(page, "response-median")); // six at 60 working minutes, in the bucket [60, 90)
        Assert.Equal("5 jam kerja", Figure(page, "resolution-median")); // six at 240, in [240, 360): the middle of it
        Assert.Equal("5 jam 48 menit kerja", Figure(page, "resolution-p90"));
        Assert.Equal("100%", Figure(page, "confirmed-with-evidence"));
        Assert.Equal("0%", Figure(page, "reopen-rate"));
        Assert.Equal("4,7 (6)", Figure(page, "rating")); // 5, 5, 5, 5, 4, 4
        Assert.Equal("1", Rank(page));
        Assert.Contains("peringkat 1 dari 2", page, StringComparison.Ordinal); // Gambir and Cideng; the other four have too few finished
        Assert.Contains(RankingScore.Formula, page, StringComparison.Ordinal);
        Assert.Contains("href=\"/rapor-kinerja\"", page, StringComparison.Ordinal);

        var cideng = await PageAsync($"/wilayah/{Cideng}");
        Assert.Equal(("5", "2", "0%", "–"), (Figure(cideng, "received"), Rank(cideng), Figure(cideng, "confirmed-with-evidence"), Figure(cideng, "rating")));
        Assert.Contains("peringkat 2 dari 2", cideng, StringComparison.Ordinal);

        // The API finds the same place among the same peers: one implementation.
        using var client = app.CreateClient();
        var card = await client.GetAsync($"/api/scorecards/areas/{Gambir}?from=2026-11-01&to=2026-11-30").OkAsync();
        Assert.Equal((1, 2), (card.GetProperty("rank").GetInt32(), card.GetProperty("rankedOf").GetInt32()));
        Assert.Contains(card.GetProperty("score").GetDouble().ToString("0.0", new System.Globalization.CultureInfo("id-ID")), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_under_the_minimum_is_shown_but_not_yet_ranked_with_the_reason_and_dashes_where_nothing_was_measured()
    {
        var page = await PageAsync($"/wilayah/{PetojoUtara}");

        Assert.Equal("3", Figure(page, "received"));
        Assert.Equal("", Rank(page));
        Assert.Contains($"belum diperingkat</strong>: baru 2 laporan selesai atau dikembalikan dalam periode ini, minimal {RankingScore.MinimumFinished}.", page, StringComparison.Ordinal);
        Assert.Equal(("–", "–"), (Figure(page, "rating"), Figure(page, "response-median"))); // nothing accepted nor rated: no 0, no NaN
        Assert.DoesNotContain("NaN", page, StringComparison.Ordinal);

        var agency = await PageAsync($"/instansi/{LingkunganHidup}");
        Assert.Equal(("2", ""), (Figure(agency, "received"), Rank(agency)));
        Assert.Contains("belum diperingkat", agency, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agency_page_shows_the_reports_dispatched_to_it_and_its_place_among_all_agencies()
    {
        var page = await PageAsync($"/instansi/{BinaMarga}");

        Assert.Equal("6", Figure(page, "received"));
        Assert.Equal("5 jam kerja", Figure(page, "resolution-median"));
        Assert.Equal("100%", Figure(page, "resolution-on-time"));
        Assert.Equal("0%", Figure(page, "hand-back-rate"));
        Assert.Equal("1", Rank(page));
        Assert.Contains("peringkat 1 dari 2", page, StringComparison.Ordinal);
        Assert.Contains("Laporan yang didisposisikan", page, StringComparison.Ordinal);
        // Its place among agencies: the ranked ones around it, each linking to its own page.
        Assert.Contains("id=\"peringkat-instansi\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/instansi/{SatpolPp}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-code=\"{LingkunganHidup}\"", page, StringComparison.Ordinal); // not ranked: not among the neighbours

        var satpol = await PageAsync($"/instansi/{SatpolPp}");
        Assert.Equal(("5", "2", "0%"), (Figure(satpol, "received"), Rank(satpol), Figure(satpol, "confirmed-with-evidence")));
    }

    [Fact]
    public async Task A_kecamatan_page_ranks_its_kelurahan_each_linking_to_its_own_page_with_the_same_period()
    {
        var page = await PageAsync($"/wilayah/{KecamatanGambir}?dari=2026-11-01&sampai=2026-11-30");

        Assert.Equal("14", Figure(page, "received")); // Gambir's six, Cideng's five, Petojo Utara's three (September's are outside)
        var table = Between(page, "id=\"peringkat-wilayah\"", "</table>");
        var rows = RowPattern().Matches(table).Select(m => (Code: m.Groups["code"].Value, Rank: m.Groups["rank"].Value)).ToList();
        Assert.Equal(6, rows.Count); // every kelurahan of Gambir, ranked or not
        Assert.Equal((Gambir, "1"), rows[0]);
        Assert.Equal((Cideng, "2"), rows[1]);
        Assert.Equal("tidak diperingkat", rows.Single(r => r.Code == PetojoUtara).Rank);
        Assert.Contains($"href=\"/wilayah/{Gambir}?dari=2026-11-01&sampai=2026-11-30\"", table, StringComparison.Ordinal);
        Assert.Contains(RankingScore.Formula, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_section_follows_the_pages_period()
    {
        var september = await PageAsync($"/wilayah/{Gambir}?dari=2026-09-01&sampai=2026-09-30");
        Assert.Contains("Periode: 1 September 2026 – 30 September 2026 (WIB).", september, StringComparison.Ordinal);
        Assert.Equal(("3", "–", ""), (Figure(september, "received"), Figure(september, "resolution-median"), Rank(september)));
        Assert.Contains("baru 0 laporan selesai", september, StringComparison.Ordinal);

        var both = await PageAsync($"/wilayah/{Gambir}?dari=2026-09-01");
        Assert.Equal("9", Figure(both, "received"));

        var agencyInSeptember = await PageAsync($"/instansi/{BinaMarga}?dari=2026-09-01&sampai=2026-09-30");
        Assert.Equal(("0", "–"), (Figure(agencyInSeptember, "received"), Figure(agencyInSeptember, "response-median")));
    }

    [Fact]
    public async Task Bad_periods_give_the_pages_clear_error_and_no_scorecard()
    {
        await EnsureSeededAsync();
        using var client = app.CreateClient();
        foreach (var url in new[] { $"/wilayah/{Gambir}?dari=2026-11-20&sampai=2026-11-10", $"/instansi/{BinaMarga}?dari=bukan-tanggal", $"/wilayah/{KecamatanGambir}?dari=2024-01-01&sampai=2026-11-30" })
        {
            var response = await client.GetAsync(url);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("class=\"alert error\" role=\"alert\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"rapor-kinerja\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"peringkat-", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_explanation_page_defines_each_figure_and_shows_the_formula()
    {
        using var client = app.CreateClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/rapor-kinerja"));

        Assert.Contains("Cara rapor kinerja dihitung", html, StringComparison.Ordinal);
        Assert.Contains(RankingScore.Formula, html, StringComparison.Ordinal);
        Assert.Equal(8, Regex.Count(Between(html, "id=\"definisi\"", "</dl>"), "<dt>"));
    }

    /// <summary>The page, seeded and with rollups refreshed, HTML-decoded.</summary>
    private async Task<string> PageAsync(string url)
    {
        await EnsureSeededAsync();
        using var client = app.CreateClient();
        var response = await client.GetAsync(url);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        Assert.Contains("id=\"rapor-kinerja\"", html, StringComparison.Ordinal);
        return html;
    }

    private static string Figure(string html, string name)
    {
        var match = Regex.Match(html, $"data-figure=\"{name}\">(?<value>[^<]*)</dd>");
        Assert.True(match.Success, $"no figure {name}");
        return match.Groups["value"].Value;
    }

    private static string Rank(string html)
    {
        var match = Regex.Match(html, "data-rank=\"(?<rank>[0-9]*)\"");
        Assert.True(match.Success, "no rank line");
        return match.Groups["rank"].Value;
    }

    private static string Between(string html, string start, string end, string? after = null)
    {
        var from = after is null ? 0 : html.IndexOf(after, StringComparison.Ordinal);
        var at = html.IndexOf(start, Math.Max(0, from), StringComparison.Ordinal);
        Assert.True(from >= 0 && at >= 0, $"no {start}");
        at += start.Length;
        return html[at..html.IndexOf(end, at, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr data-code=\"(?<code>[0-9.]+)\">\\s*<td>(?<rank>[^<]*)</td>")]
    private static partial Regex RowPattern();

    private Task EnsureSeededAsync() => Seeded.GetOrAdd(app, a => new Lazy<Task>(() => SeedAsync(a))).Value;

    private static async Task SeedAsync(AduanApp app)
    {
        var november = Wib(2026, 11, 16, 8, 30);
        var reports = new List<Report>();
        for (var i = 0; i < 6; i++)
            reports.Add(Worked(Gambir, BinaMarga, november.AddMinutes(i), acceptAfter: 60, resolveAfter: 240, evidence: true, rating: i < 4 ? 5 : 4));
        for (var i = 0; i < 5; i++)
            reports.Add(Worked(Cideng, SatpolPp, november.AddMinutes(i), acceptAfter: 120, resolveAfter: 360, evidence: false, rating: null));
        for (var i = 0; i < 2; i++)
            reports.Add(Worked(PetojoUtara, LingkunganHidup, november.AddMinutes(i), acceptAfter: null, resolveAfter: 300, evidence: false, rating: null));
        reports.Add(Report.Submit(PortalSeed.At("jalan-rusak", null, null, PetojoUtara, "Jalan berlubang di depan sekolah dasar."), november));
        for (var i = 0; i < 3; i++)
            reports.Add(Report.Submit(PortalSeed.At("jalan-rusak", null, null, Gambir, "Trotoar retak di dekat halte."), Wib(2026, 9, 14, 9, i)));
        await PortalSeed.SaveAsync(app, reports);
        var days = await app.Services.GetRequiredService<RefreshRollupsJob>().RunOnceAsync(CancellationToken.None);
        Assert.True(days > 60); // rebuilt from the first report, in September
    }

    /// <summary>A report received at <paramref name="at"/>, dispatched half an hour later and worked by the agency; minutes are working minutes after dispatch.</summary>
    private static Report Worked(string area, string agency, DateTimeOffset at, int? acceptAfter, int resolveAfter, bool evidence, int? rating)
    {
        var report = Report.Submit(PortalSeed.At("jalan-rusak", null, null, area, "Jalan berlubang besar, membahayakan pemotor."), at);
        report.Verify(at.AddMinutes(15), "operator");
        var dispatched = at.AddMinutes(30);
        report.Dispatch(agency, [], dispatched, "operator", $"didisposisikan ke {agency}");
        if (acceptAfter is { } accept)
            report.Accept(agency, dispatched.AddMinutes(accept), "petugas");
        if (evidence)
        {
            var photo = new ReportPhoto { Sha256 = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), ContentType = "image/png", Size = 1024 };
            report.AttachPhotos([photo], dispatched.AddMinutes(resolveAfter - 10), "petugas", "Sesudah diperbaiki.", isPublic: true);
        }
        report.Resolve(dispatched.AddMinutes(resolveAfter), "petugas", "Lubang sudah ditambal.", null);
        if (rating is { } value)
            report.ConfirmResolved(dispatched.AddMinutes(resolveAfter + 60), "pelapor", value, null);
        return report;
    }

    private static DateTimeOffset Wib(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)).ToUniversalTime();
}

/// <summary>Apps of their own, with the clock at Monday 30 November 2026: the section's figures are exact.</summary>
public sealed class ScorecardPageSqliteApp : SqliteApp, IFakeClockApp
{
    public FakeTimeProvider Clock { get; } = new(FakeClock.Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FakeClock.Use(builder, Clock);
    }
}

public sealed class ScorecardPagePostgresApp : PostgresApp, IFakeClockApp
{
    public FakeTimeProvider Clock { get; } = new(FakeClock.Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FakeClock.Use(builder, Clock);
    }
}

[CollectionDefinition(Name)]
public sealed class ScorecardPageSqliteCollection : ICollectionFixture<ScorecardPageSqliteApp>
{
    public const string Name = "SQLite, portal scorecards";
}

[CollectionDefinition(Name)]
public sealed class ScorecardPagePostgresCollection : ICollectionFixture<ScorecardPagePostgresApp>
{
    public const string Name = "PostgreSQL, portal scorecards";
}

[Collection(ScorecardPageSqliteCollection.Name)]
public sealed class ScorecardPagesOnSqlite(ScorecardPageSqliteApp app) : ScorecardPageTests(app);

[Collection(ScorecardPagePostgresCollection.Name)]
public sealed class ScorecardPagesOnPostgres(ScorecardPagePostgresApp app) : ScorecardPageTests(app);
