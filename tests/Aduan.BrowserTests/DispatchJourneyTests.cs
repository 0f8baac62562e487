using System.Text.RegularExpressions;
using Aduan.Dispatch;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>The heart of the system in a real browser: from a citizen's report to their confirmation.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DispatchJourneyTests(BrowserApp app)
{
    private const string BinaMargaJakpus = "sudin-bina-marga-31-71";

    /// <summary>A real 1x1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [GeneratedRegex(@"/lacak/([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\?baru=1$")]
    private static partial Regex TrackUrl();

    [GeneratedRegex(@"/lacak/[2-9A-HJKMNP-Z-]+/tanggapan\?t=[A-Za-z0-9_%\-]+")]
    private static partial Regex FeedbackLink();

    [Fact]
    public async Task A_citizen_reports_the_operator_verifies_the_agency_resolves_with_a_photo_and_the_citizen_confirms_it_on_the_track_page()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var summary = $"Lubang sudah ditambal dengan aspal panas dan jalan sudah rata kembali ({marker}).";

        // 1. The citizen reports a pothole in Gambir from their phone.
        var citizen = await app.NewPageAsync(width: 390, height: 844);
        await citizen.GotoAsync("/lapor");
        await citizen.Locator("#category").SelectOptionAsync("jalan-rusak");
        await citizen.Locator("#description").FillAsync($"Jalan berlubang dalam di depan halte, motor sering terperosok ({marker}).");
        await citizen.Locator("#latitude").FillAsync("-6.1754");
        await citizen.Locator("#longitude").FillAsync("106.8272");
        await citizen.Locator("#name").FillAsync("Siti Aminah");
        await citizen.Locator("#phone").FillAsync("0812-7777-0" + Random.Shared.Next(100, 999));
        await citizen.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("Form_Submit") }).ClickAsync();
        await Expect(citizen).ToHaveURLAsync(TrackUrl());
        var code = TrackUrl().Match(citizen.Url).Groups[1].Value;
        await app.Services.GetRequiredService<TriageWorker>().RunOnceAsync(500, CancellationToken.None);

        // 2. The operator verifies it from the keyboard; the pack's routing sends it to Jakarta Pusat's Bina Marga.
        var operatorPage = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.Operator, name: "Operator Uji"), width: 1280, height: 900);
        await operatorPage.GotoAsync($"/staf/triase/{code}");
        await operatorPage.Keyboard.PressAsync("v");
        await Expect(operatorPage.GetByRole(AriaRole.Status)).ToContainTextAsync(code);
        var dispatched = await LoadAsync(code);
        Assert.Equal(ReportStatus.Dispatched, dispatched.Status);
        Assert.Equal(BinaMargaJakpus, dispatched.AgencyCode);

        // 3. The agency's officer, on a phone at the place, finds it in the work list, accepts and resolves it with a photo.
        var officer = await app.SignInAsync(await app.CreateStaffAsync(StaffRole.AgencyOfficer, BinaMargaJakpus), at: new Geolocation { Latitude = -6.17545f, Longitude = 106.82725f });
        await officer.GotoAsync("/staf/instansi");
        await Expect(officer.Locator("#agency-work")).ToContainTextAsync(code);
        await officer.Locator("#agency-work").GetByRole(AriaRole.Link, new() { NameRegex = new Regex(code) }).ClickAsync();
        await officer.Locator("#accept").ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync(BrowserApp.Text("Work_Accepted"));
        await officer.Locator("#resolve-toggle").ClickAsync();
        await Expect(officer.Locator("#latitude")).Not.ToHaveValueAsync(""); // the phone's position, asked only now
        await officer.Locator("#ringkasan").FillAsync(summary);
        await officer.Locator("#foto").SetInputFilesAsync(new FilePayload { Name = "bukti.png", MimeType = "image/png", Buffer = Png });
        await officer.Locator("#resolve").ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync(BrowserApp.Text("Work_Resolved"));
        Assert.Equal(ReportStatus.Resolved, (await LoadAsync(code)).Status);

        // 4. The citizen gets the link on their own channel and confirms from the track pages.
        var message = await app.WithDbAsync(db => db.Outbox.AsNoTracking()
            .SingleAsync(m => m.Purpose == "laporan-selesai" && m.Body.Contains(code)));
        var link = FeedbackLink().Match(message.Body).Value;
        Assert.NotEmpty(link);
        await citizen.GotoAsync(link);
        await Expect(citizen.Locator("#confirm-heading")).ToHaveTextAsync(BrowserApp.Text("Feedback_IsItDone"));
        await Expect(citizen.Locator("img.photo")).ToHaveCountAsync(1); // the evidence photo
        await citizen.Locator("input[name=nilai][value='5']").CheckAsync();
        await citizen.Locator("#confirm-yes").ClickAsync();
        await Expect(citizen.Locator("#feedback-message")).ToHaveTextAsync(BrowserApp.Text("Feedback_Thanks"));

        // 5. The whole public timeline, on the track page: every step, nobody's name.
        await citizen.GotoAsync($"/lacak/{code}");
        var timeline = citizen.Locator("ol.timeline");
        foreach (var status in new[] { ReportStatus.Received, ReportStatus.Verified, ReportStatus.Dispatched, ReportStatus.InProgress, ReportStatus.Resolved, ReportStatus.Closed })
            await Expect(timeline).ToContainTextAsync(BrowserApp.Text($"Status_{status}"));
        await Expect(timeline).ToContainTextAsync(summary);
        await Expect(timeline).ToContainTextAsync("Suku Dinas Bina Marga");
        await Expect(timeline).ToContainTextAsync("5/5");
        await Expect(citizen.Locator("main")).Not.ToContainTextAsync("Siti Aminah");
        var closed = await LoadAsync(code);
        Assert.Equal(ReportStatus.Closed, closed.Status);
        Assert.Equal(5, closed.CitizenRating);
        Assert.Equal(AssignmentStatus.Done, Assert.Single(closed.Assignments).Status);
    }

    private Task<Report> LoadAsync(string code) => app.WithDbAsync(db =>
        db.Reports.AsNoTracking().Include(r => r.Assignments).Include(r => r.Rating).SingleAsync(r => r.Code == code.Replace("-", "", StringComparison.Ordinal)));
}
