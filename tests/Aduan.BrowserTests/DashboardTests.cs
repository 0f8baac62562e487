using System.Globalization;
using Aduan.Agencies;
using Aduan.Dispatch;
using Aduan.Packs;
using Aduan.Scorecards;
using Aduan.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>The leaders' dashboard in a real browser, over the demo reports: the trend chart and the ranking table show what the reports say.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserApp app)
{
    private const string Dinas = "dinas-bina-marga";

    [Fact]
    public async Task An_agency_head_opens_the_dashboard_and_sees_the_trend_chart_and_the_ranking_of_their_agencies_with_the_formula()
    {
        await app.Services.GetRequiredService<RefreshRollupsJob>().RunOnceAsync(CancellationToken.None);
        var pack = await app.Services.GetRequiredService<CurrentPack>().GetAsync(CancellationToken.None);
        var today = ScorecardRollups.LocalDay(DateTimeOffset.UtcNow, pack.TimeZone);
        var from = today.AddDays(-27);
        var agencies = await app.Services.GetRequiredService<AgencyTree>().SubtreeAsync(Dinas, CancellationToken.None);

        // What the base tables say, counted here without the rollups: lead parts dispatched to the dinas's agencies per week, and finished per agency.
        var start = ScorecardRollups.Instant(from, pack.TimeZone);
        var parts = await app.WithDbAsync(db => db.Assignments.AsNoTracking()
            .Where(a => a.Role == AssignmentRole.Lead && agencies.Contains(a.AgencyCode))
            .Select(a => new { a.AgencyCode, a.DispatchedAt, a.FinishedAt, a.Status }).ToListAsync());
        var weeks = Enumerable.Range(0, 5).Select(i => Monday(from).AddDays(7 * i)).Where(w => w <= today).ToList();
        var dispatchedPerWeek = weeks.Select(w => parts.Count(p => p.DispatchedAt >= start && Monday(ScorecardRollups.LocalDay(p.DispatchedAt, pack.TimeZone)) == w)).ToList();
        var finished = parts.Where(p => p.FinishedAt >= start && p.Status is AssignmentStatus.Done or AssignmentStatus.HandedBack)
            .GroupBy(p => p.AgencyCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(dispatchedPerWeek.Sum() > 0, "the demo reports give the dinas's agencies work in the last four weeks");

        var page = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.AgencyHead, Dinas, "Kepala Dinas Uji"), width: 1280, height: 900);
        await page.GetByRole(AriaRole.Link, new() { Name = BrowserApp.Text("Nav_Dashboard") }).ClickAsync();
        await page.GetByLabel(BrowserApp.Text("Dash_From")).FillAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel(BrowserApp.Text("Dash_To")).FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("Dash_Show") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = BrowserApp.Text("Dash_Trend") })).ToBeVisibleAsync();

        // The chart is drawn by Chart.js with the weekly numbers, and its canvas has been painted.
        var drawn = await page.EvaluateAsync<int[]>("() => Chart.getChart('trend-chart').data.datasets[0].data");
        Assert.Equal(dispatchedPerWeek, drawn);
        Assert.True(await page.EvaluateAsync<bool>("() => { const c = document.getElementById('trend-chart'); return c.width > 0 && c.height > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0); }"));

        // The ranking table shows the formula and, for each agency, its finished parts (N).
        var ranking = page.Locator("#ranking-agencies");
        await Expect(page.Locator("[data-formula]").First).ToContainTextAsync(RankingScore.Formula);
        foreach (var (agency, count) in finished)
        {
            var row = ranking.Locator($"tr[data-code='{agency}']");
            await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture)); // rank, score, then N
        }
        Assert.Equal(agencies.Count, await ranking.Locator("tbody tr").CountAsync()); // every agency of the dinas, ranked or not
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
