using System.Text.RegularExpressions;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>A citizen's path through the public pages in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ReportFormTests(BrowserApp app)
{
    /// <summary>A real 1x1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [GeneratedRegex(@"/lacak/([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\?baru=1$")]
    private static partial Regex TrackUrl();

    [Fact]
    public async Task A_citizen_submits_a_report_with_a_photo_and_finds_it_again_by_its_code()
    {
        var description = $"Lampu jalan mati sepanjang gang, gelap sekali malam hari ({Guid.NewGuid():N}).";
        var page = await app.NewPageAsync(width: 390, height: 844); // a phone

        await page.GotoAsync("/lapor");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(BrowserApp.Text("Form_Title"));
        await page.Locator("#category").SelectOptionAsync("lampu-jalan-mati");
        await page.Locator("#description").FillAsync(description);
        await page.Locator("#photos").SetInputFilesAsync(new FilePayload { Name = "lampu.png", MimeType = "image/png", Buffer = Png });
        await page.Locator("#address").FillAsync("Jl. Medan Merdeka Barat, Gambir");
        await page.Locator("#latitude").FillAsync("-6.1754");
        await page.Locator("#longitude").FillAsync("106.8272");
        await page.Locator("#name").FillAsync("Budi Santoso");
        await page.Locator("#phone").FillAsync("0812-1111-2222");
        await page.GetByLabel(BrowserApp.Text("Visibility_Anonymous")).CheckAsync();
        // Nothing on the form is wider than the phone's screen.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

        await page.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("Form_Submit") }).ClickAsync();

        await Expect(page).ToHaveURLAsync(TrackUrl());
        var code = TrackUrl().Match(page.Url).Groups[1].Value;
        var banner = page.GetByRole(AriaRole.Status);
        await Expect(banner).ToContainTextAsync(BrowserApp.Text("Track_Received"));
        await Expect(banner).ToContainTextAsync(code);
        await Expect(page.Locator(".description")).ToHaveTextAsync(description);
        // The photo is served back and really renders.
        var photo = page.Locator("img.photo");
        await Expect(photo).ToHaveCountAsync(1);
        await Expect(photo).ToHaveJSPropertyAsync("naturalWidth", 1);
        // Anonymous: the name never reaches the public page.
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Budi Santoso");

        // Later, from the track page, typed the way people type: lower case, no dash.
        await page.GotoAsync("/lacak");
        await page.Locator("#kode").FillAsync(code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("Track_Find") }).ClickAsync();
        await Expect(page.Locator("#report-heading")).ToContainTextAsync(code);
        await Expect(page.Locator(".description")).ToHaveTextAsync(description);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0); // no "just received" banner this time

        var stored = await app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Description == description));
        Assert.Equal(code, TrackingCode.Format(stored.Code));
        Assert.Equal(ReportVisibility.Anonymous, stored.Visibility);
        Assert.Equal(Channel.Web, stored.Channel);
    }

    [Fact]
    public async Task An_incomplete_form_shows_the_problems_next_to_the_fields_keeps_what_was_typed_and_stores_nothing()
    {
        var before = await app.WithDbAsync(db => db.Reports.CountAsync());
        var page = await app.NewPageAsync();
        await page.GotoAsync("/lapor");
        await page.Locator("#address").FillAsync("Kelurahan Gambir");
        await page.Locator("#latitude").FillAsync("95");
        await page.Locator("#longitude").FillAsync("106.8");

        await page.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("Form_Submit") }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(BrowserApp.Text("Form_HasErrors"));
        await Expect(page.Locator("#description + .field-error")).ToHaveTextAsync(BrowserApp.Text("Error_Required"));
        await Expect(page.Locator("#category")).ToHaveAttributeAsync("aria-invalid", "false"); // the category may be left to triage
        await Expect(page.Locator(".pair + .field-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#address")).ToHaveValueAsync("Kelurahan Gambir");
        Assert.Equal(before, await app.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task An_unknown_tracking_code_gets_a_clear_message()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/lacak?kode=ZZZZZ-ZZZZZ");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ZZZZZ-ZZZZZ");
        await Expect(page.Locator("article.report")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_language_switch_turns_the_pages_to_English_and_back()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/lapor");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/lapor$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(BrowserApp.Text("Form_Title", "en"));

        // The choice sticks on the next page.
        await page.GotoAsync("/lacak");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(BrowserApp.Text("Track_Title", "en"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Bahasa Indonesia" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(BrowserApp.Text("Track_Title"));
    }
}
