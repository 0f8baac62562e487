using System.Net;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Triage;

/// <summary>
/// A report's whole triage on a real database: automatic triage in the background worker, then
/// the operator's actions and the verifier's check on the ground.
/// </summary>
public abstract class TriageFlowTests(AduanApp app)
{
    private static readonly StaffActor Operator = new() { Name = "operator-uji@aduan.id", Roles = StaffRole.Operator };
    private static readonly StaffActor Verifier = new() { Name = "verifikator-uji@aduan.id", Roles = StaffRole.Verifier };
    private static readonly StaffActor Leader = new() { Name = "pimpinan-uji@aduan.id", Roles = StaffRole.Leader };

    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_text_only_report_finds_its_kelurahan_and_category_alone_and_a_second_one_is_offered_as_its_duplicate()
    {
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Aduan.Triage.Classification.TrainClassifier>().HandleAsync(null, CancellationToken.None);

        var first = await SubmitAsync(new() { ["description"] = "lampu jalan mati udah 3 hari di jl cikini raya kel cikini menteng jakpus" });
        var triaged = await TriageAsync(first);

        Assert.Equal("31.71.06.1003", triaged.AreaCode); // Cikini, Menteng, Jakarta Pusat
        Assert.Equal(AreaSource.AddressText, triaged.AreaSource);
        Assert.Equal("lampu-jalan-mati", triaged.CategoryCode);
        Assert.Equal(CategorySource.Classifier, triaged.CategorySource);
        Assert.False(triaged.Flags.HasFlag(TriageFlags.CategoryUncertain));
        Assert.False(triaged.Flags.HasFlag(TriageFlags.AreaUnknown));

        var second = await SubmitAsync(new() { ["description"] = "Lampu penerangan jalan di jl. Cikini Raya mati sudah beberapa malam, gelap sekali. Kel. Cikini" });
        var repeat = await TriageAsync(second);

        Assert.True(repeat.Flags.HasFlag(TriageFlags.PossibleDuplicate));
        var suggestions = TriageSuggestions.FromJson(repeat.TriageJson)!;
        Assert.Equal(first.Replace("-", ""), suggestions.Duplicates[0].Code);
        Assert.True(suggestions.Categories.Count is > 0 and <= 3);
    }

    [Fact]
    public async Task Meaningless_text_is_held_for_the_operator_and_gets_no_category()
    {
        var code = await SubmitAsync(new() { ["description"] = "test 😀😀" });

        var report = await TriageAsync(code);

        Assert.True(report.Flags.HasFlag(TriageFlags.MeaninglessText));
        Assert.Null(report.CategoryCode);
        Assert.Equal(ReportStatus.Received, report.Status);
        Assert.Contains(report.Updates, u => u.Kind == UpdateKind.Triaged && !u.IsPublic);
    }

    [Fact]
    public async Task A_report_from_a_blocked_contact_is_kept_but_held_for_the_operator()
    {
        var phone = UniquePhone();
        var blocked = await WithActionsAsync(actions => actions.BlockContactAsync(Operator, phone, "Kiriman iklan berulang", CancellationToken.None));
        Assert.Empty(blocked);
        var body = Samples.Report($"Jalan berlubang dalam di depan sekolah dasar ({Guid.NewGuid():N}).");
        body["phone"] = phone;

        var report = await TriageAsync(await SubmitAsync(body));

        Assert.True(report.Flags.HasFlag(TriageFlags.BlockedContact));
    }

    [Fact]
    public async Task Verifying_needs_a_category_and_an_area_and_only_operators_may_do_it()
    {
        var code = await SubmitAsync(new() { ["description"] = $"Ada masalah di dekat rumah saya, tolong dibantu segera ({Guid.NewGuid():N})." });
        await TriageAsync(code);
        var scope = await ScopeAsync(Operator);

        var refused = await WithActionsAsync(a => a.VerifyAsync(Operator, scope, code, null, CancellationToken.None));
        var leaderScope = await ScopeAsync(Leader);
        var byLeader = await WithActionsAsync(a => a.VerifyAsync(Leader, leaderScope, code, null, CancellationToken.None));
        Assert.Equal(TriageOutcome.Invalid, refused.Outcome);
        Assert.Equal(TriageOutcome.Forbidden, byLeader.Outcome);

        Assert.Equal(TriageOutcome.Done, (await WithActionsAsync(a => a.RecategorizeAsync(Operator, scope, code, "jalan-rusak", CancellationToken.None))).Outcome);
        Assert.Equal(TriageOutcome.Done, (await WithActionsAsync(a => a.RelocateAsync(Operator, scope, code, Samples.GambirKelurahan, CancellationToken.None))).Outcome);
        var verified = await WithActionsAsync(a => a.VerifyAsync(Operator, scope, code, "jelas", CancellationToken.None));

        Assert.Equal(TriageOutcome.Done, verified.Outcome);
        var stored = await LoadAsync(code);
        // Verified, and at once dispatched by the pack's routing: a road in Gambir goes to Jakarta Pusat's Bina Marga.
        Assert.Equal(ReportStatus.Dispatched, stored.Status);
        Assert.Contains(stored.Updates, u => u.ToStatus == ReportStatus.Verified && u.Text == "jelas");
        Assert.Equal(Infrastructure.Staff.SudinBinaMargaJakpus, stored.AgencyCode);
        Assert.Equal(CategorySource.Operator, stored.CategorySource);
        Assert.Equal(AreaSource.Operator, stored.AreaSource);
        // The operator's choice becomes a training example for the classifier.
        Assert.True(await app.WithDbAsync(db => db.ClassifierExamples.AnyAsync(e => e.Text == stored.Description && e.CategoryCode == "jalan-rusak" && e.Source == "operator")));
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_tells_the_citizen_on_their_own_channel()
    {
        var phone = UniquePhone();
        var body = Samples.Report($"Jalan berlubang dalam di depan pasar ({Guid.NewGuid():N}).");
        body["phone"] = phone;
        var code = await SubmitAsync(body);
        var scope = await ScopeAsync(Operator);

        Assert.Equal(TriageOutcome.Invalid, (await WithActionsAsync(a => a.RejectAsync(Operator, scope, code, " ", CancellationToken.None))).Outcome);
        Assert.Equal(TriageOutcome.Done, (await WithActionsAsync(a => a.RejectAsync(Operator, scope, code, "Bukan kewenangan pemerintah kota", CancellationToken.None))).Outcome);

        Assert.Equal(ReportStatus.Rejected, (await LoadAsync(code)).Status);
        var message = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Recipient == phone.Replace("-", "")));
        Assert.Equal(MessageChannel.Sms, message.Channel);
        Assert.Equal("laporan-ditolak", message.Purpose);
        Assert.Contains(code, message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merging_keeps_the_duplicates_reporter_channel_and_photos_and_tells_its_reporter()
    {
        var original = await SubmitAsync(Samples.Report($"Lubang besar di jalan depan halte busway ({Guid.NewGuid():N})."));
        var phone = UniquePhone();
        var body = Samples.Report($"Jalan di depan halte berlubang besar, bahaya untuk motor ({Guid.NewGuid():N}).");
        body["phone"] = phone;
        var duplicate = await SubmitWithPhotoAsync(body);
        var scope = await ScopeAsync(Operator);

        var merged = await WithActionsAsync(a => a.MergeAsync(Operator, scope, duplicate, original, CancellationToken.None));

        Assert.Equal(TriageOutcome.Done, merged.Outcome);
        var dup = await LoadAsync(duplicate);
        var orig = await LoadAsync(original);
        Assert.Equal(ReportStatus.Merged, dup.Status);
        Assert.Equal(original.Replace("-", ""), dup.MergedIntoCode);
        Assert.NotNull(dup.CitizenId); // the reporter stays with their report
        Assert.Single(orig.Photos); // the duplicate's photo joined the original
        Assert.Contains(orig.Updates, u => u.Text != null && u.Text.Contains(duplicate, StringComparison.Ordinal));
        var message = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Recipient == phone.Replace("-", "")));
        Assert.Equal("laporan-digabung", message.Purpose);
        Assert.Contains(original, message.Body, StringComparison.Ordinal);
        // Merging into itself or into a closed report is refused.
        Assert.Equal(TriageOutcome.Invalid, (await WithActionsAsync(a => a.MergeAsync(Operator, scope, original, original, CancellationToken.None))).Outcome);
    }

    [Fact]
    public async Task A_check_on_the_ground_with_photo_and_location_verifies_the_report_with_the_evidence_on_its_timeline()
    {
        var code = await SubmitAsync(Samples.Report($"Pohon tumbang menutup jalan di depan kantor pos ({Guid.NewGuid():N})."));
        var scope = await ScopeAsync(Operator);
        Assert.Equal(TriageOutcome.Done, (await WithActionsAsync(a => a.RequestGroundCheckAsync(Operator, scope, code, "Cek apakah pohon masih melintang", CancellationToken.None))).Outcome);
        var stored = await LoadAsync(code);
        var check = await app.WithDbAsync(db => db.GroundChecks.SingleAsync(c => c.ReportId == stored.Id));
        Assert.True(stored.Flags.HasFlag(TriageFlags.AwaitingGroundCheck));

        var withoutPhoto = await WithActionsAsync(a => a.RecordGroundCheckAsync(Verifier, check.Id, true, "Pohon masih melintang", null, null, null, CancellationToken.None));
        var byLeader = await WithActionsAsync(a => a.RecordGroundCheckAsync(Leader, check.Id, true, "x", new PhotoUpload("a.png", Samples.UniquePng()), null, null, CancellationToken.None));
        var done = await WithActionsAsync(a => a.RecordGroundCheckAsync(Verifier, check.Id, true, "Pohon masih melintang di jalur kiri",
            new PhotoUpload("bukti.png", Samples.UniquePng()), Samples.MonasLatitude + 0.0002, Samples.MonasLongitude, CancellationToken.None));

        Assert.Equal(TriageOutcome.Invalid, withoutPhoto.Outcome);
        Assert.Equal(TriageOutcome.Forbidden, byLeader.Outcome);
        Assert.Equal(TriageOutcome.Done, done.Outcome);
        var verified = await LoadAsync(code);
        Assert.Equal(ReportStatus.Dispatched, verified.Status); // verified on the ground, then routed
        Assert.False(verified.Flags.HasFlag(TriageFlags.AwaitingGroundCheck));
        Assert.Contains(verified.Photos, p => !p.IsPublic);
        Assert.Contains(verified.Updates, u => u.ToStatus == ReportStatus.Verified && u.Text!.Contains("m dari titik laporan", StringComparison.Ordinal));
        var recorded = await app.WithDbAsync(db => db.GroundChecks.SingleAsync(c => c.Id == check.Id));
        Assert.Equal(GroundCheckOutcome.Confirmed, recorded.Outcome);
        Assert.InRange(recorded.DistanceMeters!.Value, 15, 30); // 0.0002° of latitude is about 22 m
    }

    [Fact]
    public async Task The_queue_and_the_triage_screen_are_for_operators()
    {
        var code = await SubmitAsync(Samples.Report($"Saluran air tersumbat sampah plastik ({Guid.NewGuid():N})."));
        await TriageAsync(code);
        var operatorSession = await app.SignInAsync(await app.CreateAsync(StaffRole.Operator));
        var officerSession = await app.SignInAsync(await app.CreateAsync(StaffRole.AgencyOfficer, Infrastructure.Staff.SudinBinaMargaJakpus));

        var queue = await operatorSession.Http.GetStringAsync("/staf/triase");
        var screen = await operatorSession.Http.GetAsync($"/staf/triase/{code}");
        var officer = await officerSession.Http.GetAsync("/staf/triase");

        Assert.Contains(code, queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
        var html = await screen.Content.ReadAsStringAsync();
        Assert.Contains("<svg class=\"minimap\"", html, StringComparison.Ordinal); // the kelurahan and a pin, drawn from the pack's boundaries
        Assert.Contains("<circle", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, officer.StatusCode);
        Assert.StartsWith("/masuk/ditolak", officer.Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        // Verify through the page: the form posts, the report moves on, the operator lands on the next one.
        var verify = await Infrastructure.Staff.PostFormAsync(operatorSession.Http, $"/staf/triase/{code}", [], handler: "Verify");
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        Assert.Contains((await LoadAsync(code)).Updates, u => u.ToStatus == ReportStatus.Verified);
    }

    [Fact]
    public async Task The_queue_puts_the_most_urgent_report_first_even_when_it_came_later()
    {
        var body = Samples.Report($"Antrean pembuatan KTP di kantor kecamatan sangat lama ({Guid.NewGuid():N}).");
        body["category"] = "pelayanan-adminduk"; // 8 hours to respond
        var slow = await SubmitAsync(body);
        body = Samples.Report($"Kebakaran rumah warga, api mulai membesar ({Guid.NewGuid():N}).");
        body["category"] = "kebakaran"; // 1 hour to respond
        var urgent = await SubmitAsync(body);
        var session = await app.SignInAsync(await app.CreateAsync(StaffRole.Operator));

        var queue = await session.Http.GetStringAsync("/staf/triase");

        var (fire, idCard) = (queue.IndexOf(urgent, StringComparison.Ordinal), queue.IndexOf(slow, StringComparison.Ordinal));
        Assert.True(fire >= 0, "the fire must be on the first screen");
        // The ID-card report is further down, or not on the first screen at all when other tests' reports are more urgent.
        Assert.True(idCard == -1 || fire < idCard, "the fire should be listed before the ID-card queue");
        Assert.Contains("sisa", queue, StringComparison.Ordinal);
    }

    private static string UniquePhone() => "0813" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> SubmitAsync(Dictionary<string, object?> body)
    {
        var response = await _client.PostReportAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }

    private async Task<string> SubmitWithPhotoAsync(Dictionary<string, object?> body)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in body)
        {
            if (value is not null)
                form.Add(new StringContent(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!), name);
        }
        var photo = new ByteArrayContent(Samples.UniquePng());
        photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(photo, "photos", "lubang.png");
        var response = await _client.PostAsync("/api/reports", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }

    /// <summary>Runs the background worker's round now and returns the triaged report.</summary>
    private async Task<Report> TriageAsync(string code)
    {
        await app.Services.GetRequiredService<TriageWorker>().RunOnceAsync(500, CancellationToken.None);
        var report = await LoadAsync(code);
        Assert.NotNull(report.TriagedAt);
        return report;
    }

    private Task<Report> LoadAsync(string code) => app.WithDbAsync(db =>
        db.Reports.AsNoTracking().Include(r => r.Updates).Include(r => r.Photos).AsSplitQuery().SingleAsync(r => r.Code == code.Replace("-", "")));

    private async Task<ReportScope> ScopeAsync(StaffActor actor)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReportAccess>().ScopeForAsync(actor, CancellationToken.None);
    }

    private async Task<T> WithActionsAsync<T>(Func<TriageActions, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TriageActions>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TriageFlowOnSqlite(SqliteApp app) : TriageFlowTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TriageFlowOnPostgres(PostgresApp app) : TriageFlowTests(app);
