using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>An operator works the triage queue with the keyboard: sees a suggested duplicate and merges it, then verifies the next report.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TriageTests(BrowserApp app)
{

    [Fact]
    public async Task An_operator_merges_a_suggested_duplicate_and_verifies_a_report_from_the_keyboard()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var first = await SubmitAsync($"Jalan berlubang besar dan dalam di depan halte, bahaya untuk motor {marker}", -6.17540, 106.82720);
        var second = await SubmitAsync($"Ada lubang besar dan dalam di jalan depan halte, motor hampir jatuh {marker}", -6.17552, 106.82728);
        await app.Services.GetRequiredService<TriageWorker>().RunOnceAsync(500, CancellationToken.None);
        var page = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Operator, name: "Operator Uji"), width: 1280, height: 900);

        await page.GotoAsync("/staf/triase");
        await Expect(page.Locator("table.queue")).ToContainTextAsync(second);
        await page.GotoAsync($"/staf/triase/{second}");
        var duplicates = page.Locator("ul.duplicates");
        await Expect(duplicates).ToContainTextAsync(first);
        await page.Keyboard.PressAsync("m"); // merge with the first suggestion
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(second);

        await page.GotoAsync($"/staf/triase/{first}");
        await page.Keyboard.PressAsync("v"); // verify
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(first);

        var (merged, verified) = await app.WithDbAsync(async db => (
            await db.Reports.AsNoTracking().SingleAsync(r => r.Code == second.Replace("-", "")),
            await db.Reports.AsNoTracking().SingleAsync(r => r.Code == first.Replace("-", ""))));
        Assert.Equal(ReportStatus.Merged, merged.Status);
        Assert.Equal(first.Replace("-", ""), merged.MergedIntoCode);
        Assert.Equal(ReportStatus.Dispatched, verified.Status); // verified, then routed to the agency at once
    }

    private async Task<string> SubmitAsync(string description, double latitude, double longitude)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/reports", new { category = "jalan-rusak", description, latitude, longitude });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
    }
}
