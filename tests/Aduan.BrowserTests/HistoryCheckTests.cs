using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>A citizen checks a report's history chain in their own browser (wwwroot/js/history.js).</summary>
[Collection(BrowserCollection.Name)]
public sealed class HistoryCheckTests(BrowserApp app)
{
    [Fact]
    public async Task The_browser_recomputes_the_links_and_catches_a_row_changed_by_hand()
    {
        var code = await SubmitAsync();
        var stored = code.Replace("-", "", StringComparison.Ordinal);
        var (internalId, head) = await app.WithDbAsync(async db =>
        {
            var report = await db.Reports.SingleAsync(r => r.Code == stored);
            report.Comment(DateTimeOffset.UtcNow, "operator-uji", "Catatan internal", isPublic: false);
            await db.SaveChangesAsync();
            return (report.Updates.Single().Id, report.HistoryHead!);
        });
        var page = await app.NewPageAsync();
        var check = page.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("History_CheckHere") });

        await page.GotoAsync($"/lacak/{code}");
        await check.ClickAsync();

        await Expect(page.Locator("#history-result")).ToHaveTextAsync(Format("History_BrowserIntact", 2, head[..12]));

        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE report_updates SET "Text" = {"Diubah diam-diam"} WHERE "Id" = {internalId}"""));
        await page.ReloadAsync();
        await Expect(page.Locator(".history-verdict")).ToHaveTextAsync(Format("History_Problem_Changed", 2));
        await check.ClickAsync();

        await Expect(page.Locator("#history-result")).ToHaveTextAsync(Format("History_BrowserBroken", 2));
    }

    [Fact]
    public async Task Without_web_crypto_the_page_says_so_and_keeps_the_servers_verdict()
    {
        var code = await SubmitAsync();
        var page = await app.NewPageAsync();
        // What a page served over plain http (not localhost) sees: no crypto.subtle.
        await page.AddInitScriptAsync("Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined });");

        await page.GotoAsync($"/lacak/{code}");

        await Expect(page.Locator("#history-result")).ToHaveTextAsync(BrowserApp.Text("History_NoCrypto"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("History_CheckHere") })).ToBeDisabledAsync();
        await Expect(page.Locator(".history-verdict")).ToHaveTextAsync(Format("History_Intact", 1));
    }

    private static string Format(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, BrowserApp.Text(key), args);

    private async Task<string> SubmitAsync()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/reports", new { category = "jalan-rusak", description = "Jalan berlubang besar di depan halte, bahaya untuk pemotor.", latitude = -6.1754, longitude = 106.8272 });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
    }
}
