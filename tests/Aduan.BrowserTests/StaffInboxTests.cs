using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>Agency staff sign in through the real form and see their own agency's reports, and only those.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffInboxTests(BrowserApp app)
{
    private const string AgencyA = "sudin-bina-marga-31-71";
    private const string AgencyB = "sudin-lingkungan-hidup-31-71";

    [Fact]
    public async Task Each_agency_officer_signs_in_and_sees_only_their_agencys_reports()
    {
        var forA = await SubmitAndDispatchAsync(AgencyA, "Jalan berlubang di depan pasar, sudah tiga minggu belum ditambal");
        var forB = await SubmitAndDispatchAsync(AgencyB, "Tumpukan sampah liar di pinggir kali, berbau menyengat");
        var officerA = await app.CreateStaffAsync(StaffRole.AgencyOfficer, AgencyA);
        var officerB = await app.CreateStaffAsync(StaffRole.AgencyOfficer, AgencyB);

        var pageA = await app.SignInAsync(officerA);
        await Expect(pageA).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/staf$"));
        await Expect(pageA.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(BrowserApp.Text("Inbox_Title"));
        await Expect(pageA.Locator("table.inbox")).ToContainTextAsync(forA);
        await Expect(pageA.Locator("table.inbox")).Not.ToContainTextAsync(forB);

        // Opening the other agency's report by its address answers like a report that does not exist.
        var peek = await pageA.GotoAsync($"/staf/laporan/{forB}");
        Assert.Equal(404, peek!.Status);

        // The officer can open their own report, see the reporter (a public report) and add an internal note.
        await pageA.GotoAsync("/staf");
        await pageA.GetByRole(AriaRole.Link, new() { Name = forA }).ClickAsync();
        await Expect(pageA.Locator("h1")).ToContainTextAsync(forA);
        await pageA.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("Staff_ShowReporter") }).ClickAsync();
        await Expect(pageA.Locator("#reporter")).ToContainTextAsync("081277776666");
        await pageA.Locator("#teks").FillAsync("Tim sudah dijadwalkan ke lokasi besok pagi.");
        await pageA.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("Staff_SaveNote") }).ClickAsync();
        await Expect(pageA.GetByRole(AriaRole.Status)).ToHaveTextAsync(BrowserApp.Text("Staff_NoteAdded"));
        await Expect(pageA.Locator("ol.timeline")).ToContainTextAsync("Tim sudah dijadwalkan ke lokasi besok pagi.");

        var pageB = await app.SignInAsync(officerB);
        await Expect(pageB.Locator("table.inbox")).ToContainTextAsync(forB);
        await Expect(pageB.Locator("table.inbox")).Not.ToContainTextAsync(forA);
    }

    private async Task<string> SubmitAndDispatchAsync(string agency, string description)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/reports", new
        {
            category = "jalan-rusak",
            description = $"{description} ({Guid.NewGuid():N}).",
            latitude = -6.1754,
            longitude = 106.8272,
            name = "Warga Uji",
            phone = "081277776666",
        });
        response.EnsureSuccessStatusCode();
        var code = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
        await app.WithDbAsync(async db =>
        {
            var stored = code.Replace("-", "", StringComparison.Ordinal);
            var report = await db.Reports.Include(r => r.Updates).SingleAsync(r => r.Code == stored);
            report.Verify(DateTimeOffset.UtcNow, "operator-uji");
            report.Dispatch(agency, [], DateTimeOffset.UtcNow, "operator-uji", $"ke {agency}");
            return await db.SaveChangesAsync();
        });
        return code;
    }
}
