using Aduan.Areas;
using Aduan.Portal;
using Aduan.Reports;
using Aduan.Web.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>The public map (/peta) among the demo reports: boundaries drawn, counts that add up to the data, a filter that changes them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicMapTests(BrowserApp app)
{
    [Fact]
    public async Task The_map_draws_the_boundaries_and_counts_matching_the_reports_and_a_filter_changes_them()
    {
        var (kecamatan, total, byStatus) = await ExpectedAsync();
        var (status, expected) = byStatus.Where(s => s.Value < total).OrderByDescending(s => s.Value).First();
        var page = await app.NewPageAsync(width: 390, height: 844);
        var map = page.Locator("#peta");

        await page.GotoAsync("/peta");

        await Expect(map).ToHaveAttributeAsync("data-boundary-level", "kecamatan");
        await Expect(map).ToHaveAttributeAsync("data-mode", "areas");
        await Expect(map).ToHaveAttributeAsync("data-loading", "false");
        Assert.Equal(kecamatan, await page.Locator("#peta path.leaflet-interactive").CountAsync());
        Assert.Equal(total, await CountsDrawnAsync(page));
        Assert.Equal(0, await page.Locator("#peta .map-point").CountAsync());

        await page.GetByLabel(BrowserApp.Text("Portal_Filter_status")).SelectOptionAsync(status.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("Portal_Apply") }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/peta\\?status={status}$"));
        await Expect(map).ToHaveAttributeAsync("data-total", expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(map).ToHaveAttributeAsync("data-loading", "false");
        Assert.Equal(expected, await CountsDrawnAsync(page));
        var listed = page.Locator("#peta-daftar li .status");
        await Expect(listed.First).ToHaveTextAsync(BrowserApp.Text($"Status_{status}"));
        Assert.All(await listed.AllTextContentsAsync(), text => Assert.Equal(BrowserApp.Text($"Status_{status}"), text));
    }

    [Fact]
    public async Task Zoomed_in_with_the_keyboard_the_map_shows_points_that_open_the_track_page()
    {
        // A report at the middle of kelurahan Gambir's extent, where the area page's map is centred.
        const string gambir = "31.71.01.1001";
        var extent = (await app.Services.GetRequiredService<BoundaryLayer>().FindAsync(gambir, CancellationToken.None))!.Extent!;
        var report = Report.Submit(new NewReport(TrackingCode.New(), "jalan-rusak", "Jalan berlubang di tengah kelurahan", extent.Centre.Y, extent.Centre.X,
            null, gambir, Channel.Web, ReportVisibility.Public, null, null, "pelapor", []), DateTimeOffset.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Reports.Add(report);
            return await db.SaveChangesAsync();
        });
        var page = await app.NewPageAsync();
        var map = page.Locator("#peta");

        await page.GotoAsync($"/wilayah/{gambir}");
        await Expect(map).ToHaveAttributeAsync("data-loading", "false");
        await map.FocusAsync();
        for (var i = 0; i < 4 && await map.GetAttributeAsync("data-mode") != "points"; i++)
        {
            var zoom = int.Parse((await map.GetAttributeAsync("data-view"))!, System.Globalization.CultureInfo.InvariantCulture);
            await page.Keyboard.PressAsync("Equal"); // Leaflet's keyboard zoom in
            await Expect(map).ToHaveAttributeAsync("data-view", (zoom + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(map).ToHaveAttributeAsync("data-loading", "false");
        }

        await Expect(map).ToHaveAttributeAsync("data-mode", "points");
        var points = page.Locator("#peta .map-point");
        Assert.True(await points.CountAsync() >= 1);
        var mine = page.Locator($"#peta .map-point[title$='{TrackingCode.Format(report.Code)}']");
        await mine.FocusAsync();
        await page.Keyboard.PressAsync("Enter"); // the marker opens like a button, and other tests' reports may sit on top of it
        await Expect(page.Locator(".leaflet-popup-content a")).ToHaveAttributeAsync("href", $"/lacak/{TrackingCode.Format(report.Code)}");
    }

    private static async Task<int> CountsDrawnAsync(IPage page) =>
        (await page.Locator("#peta .map-count").AllTextContentsAsync()).Sum(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture));

    private async Task<(int Kecamatan, int Total, Dictionary<ReportStatus, int> ByStatus)> ExpectedAsync()
    {
        using var scope = app.Services.CreateScope();
        var (filter, errors) = await scope.ServiceProvider.GetRequiredService<PublicFilter>().ParseAsync(new PublicFilterInput(null, null, null, null, null, null), CancellationToken.None);
        Assert.Empty(errors);
        var db = scope.ServiceProvider.GetRequiredService<Aduan.Data.AduanDbContext>();
        var listed = filter.Apply(db.Reports.AsNoTracking().Listed()).Where(r => r.AreaCode != null);
        var byStatus = await listed.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var kecamatan = await db.Areas.CountAsync(a => a.Level == AreaLevel.District && a.BoundaryGeoJson != null);
        return (kecamatan, byStatus.Values.Sum(), byStatus);
    }
}
