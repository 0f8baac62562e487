using System.Globalization;
using Aduan.Dispatch;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Scorecards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>
/// An area page's "Rapor kinerja" in a real browser, among the demo reports and whatever other
/// tests added: the test plants work in two kelurahan of Kepulauan Seribu Utara (far from the
/// Monas reports the other journeys use) and checks what is drawn against the base tables.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicScorecardTests(BrowserApp app)
{
    private const string Kecamatan = "31.01.01";
    private const string PulauPanggang = "31.01.01.1001"; // six resolutions with evidence, each confirmed by the citizen
    private const string PulauKelapa = "31.01.01.1002"; // five resolutions without proof, never confirmed

    [Fact]
    public async Task A_citizen_opens_an_area_page_and_sees_its_scorecard_rank_and_formula_and_the_kecamatan_ranking()
    {
        var now = DateTimeOffset.UtcNow;
        var reports = new List<Report>();
        for (var i = 0; i < 6; i++)
            reports.Add(Worked(PulauPanggang, "sudin-lingkungan-hidup-31-01", now.AddDays(-3).AddMinutes(i), evidence: true));
        for (var i = 0; i < 5; i++)
            reports.Add(Worked(PulauKelapa, "satpol-pp-31-01", now.AddDays(-3).AddMinutes(i), evidence: false));
        await app.WithDbAsync(async db =>
        {
            db.Reports.AddRange(reports);
            return await db.SaveChangesAsync();
        });
        await app.Services.GetRequiredService<RefreshRollupsJob>().RunOnceAsync(CancellationToken.None);
        var (received, rankedSiblings) = await ExpectedAsync();
        Assert.True(rankedSiblings >= 2, "both planted kelurahan have enough finished reports to be ranked");

        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync($"/wilayah/{PulauPanggang}");
        var section = page.Locator("#rapor-kinerja");

        await Expect(section.GetByRole(AriaRole.Heading, new() { Name = BrowserApp.Text("Portal_Score_Heading") })).ToBeVisibleAsync();
        await Expect(section.Locator("[data-figure='received']")).ToHaveTextAsync(received.ToString(CultureInfo.InvariantCulture));
        await Expect(section.Locator("[data-rank]")).ToHaveAttributeAsync("data-rank", "1"); // the only sibling with positive value
        await Expect(section.Locator("[data-rank]")).ToContainTextAsync($"peringkat 1 dari {rankedSiblings}");
        await Expect(section.Locator("[data-figure='resolution-median']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("(menit|jam|hari) kerja$"));
        await Expect(section.Locator("[data-figure='rating']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d,\d \(\d+\)$"));
        var formula = section.Locator("[data-formula]");
        await Expect(formula).ToBeVisibleAsync();
        await Expect(formula).ToContainTextAsync(RankingScore.Formula);

        // The kecamatan page ranks its kelurahan; the planted one leads, and its row opens its own page.
        await page.GotoAsync($"/wilayah/{Kecamatan}");
        var table = page.Locator("#peringkat-wilayah");
        await Expect(table.Locator("tbody tr").First).ToHaveAttributeAsync("data-code", PulauPanggang);
        await Expect(table.Locator($"tr[data-code='{PulauPanggang}'] td").First).ToHaveTextAsync("1");
        var kelapaRank = await table.Locator($"tr[data-code='{PulauKelapa}'] td").First.TextContentAsync();
        Assert.True(int.Parse(kelapaRank!, CultureInfo.InvariantCulture) > 1);
        await Expect(page.Locator("#peringkat-wilayah-title ~ [data-formula]")).ToContainTextAsync(RankingScore.Formula);
        await table.Locator($"tr[data-code='{PulauPanggang}'] a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/wilayah/{PulauPanggang.Replace(".", "\\.", StringComparison.Ordinal)}$"));

        // The explanation is one click away.
        await page.Locator("#rapor-kinerja [data-formula] a").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = BrowserApp.Text("Portal_Score_How_Title"), Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>
    /// From the base tables, not the rollups: reports received in the kelurahan in the page's default
    /// period (the last 30 days), and how many kelurahan of the kecamatan finished enough lead parts to be ranked.
    /// </summary>
    private async Task<(int Received, int RankedSiblings)> ExpectedAsync()
    {
        var pack = await app.Services.GetRequiredService<CurrentPack>().GetAsync(CancellationToken.None);
        var today = ScorecardRollups.LocalDay(DateTimeOffset.UtcNow, pack.TimeZone);
        var (start, end) = (ScorecardRollups.Instant(today.AddDays(-29), pack.TimeZone), ScorecardRollups.Instant(today.AddDays(1), pack.TimeZone));
        var below = Kecamatan + ".";
        var received = await app.WithDbAsync(db => db.Reports.CountAsync(r => r.AreaCode == PulauPanggang && r.ReceivedAt >= start && r.ReceivedAt < end));
        var finished = await app.WithDbAsync(db => db.Assignments
            .Where(a => a.Role == AssignmentRole.Lead && a.FinishedAt >= start && a.FinishedAt < end && (a.Status == AssignmentStatus.Done || a.Status == AssignmentStatus.HandedBack))
            .Join(db.Reports, a => a.ReportId, r => r.Id, (a, r) => r.AreaCode)
            .Where(area => area!.StartsWith(below))
            .GroupBy(area => area).Select(g => g.Count()).ToListAsync());
        return (received, finished.Count(n => n >= RankingScore.MinimumFinished));
    }

    /// <summary>A report dispatched, accepted and resolved on one morning; with evidence it has the "after" photo and the citizen confirms it with a 5.</summary>
    private static Report Worked(string area, string agency, DateTimeOffset at, bool evidence)
    {
        var report = Report.Submit(new NewReport(TrackingCode.New(), "sampah-liar", "Sampah menumpuk di dermaga, belum diangkut sejak kemarin.", null, null,
            null, area, Channel.Web, ReportVisibility.Public, null, null, "pelapor", []), at);
        report.Verify(at.AddMinutes(10), "operator");
        report.Dispatch(agency, [], at.AddMinutes(20), "operator", $"didisposisikan ke {agency}");
        report.Accept(agency, at.AddMinutes(50), "petugas");
        if (evidence)
        {
            var photo = new ReportPhoto { Sha256 = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), ContentType = "image/png", Size = 1024 };
            report.AttachPhotos([photo], at.AddHours(3), "petugas", "Sampah sudah diangkut.", isPublic: true);
        }
        report.Resolve(at.AddHours(3).AddMinutes(10), "petugas", "Sampah sudah diangkut.", null);
        if (evidence)
            report.ConfirmResolved(at.AddHours(4), "pelapor", 5, null);
        return report;
    }
}
