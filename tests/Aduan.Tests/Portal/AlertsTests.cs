using System.Net;
using System.Text.RegularExpressions;
using Aduan.Alerts;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Portal;

/// <summary>E-mail alerts: double opt-in, a mail per public status change, a daily digest per area or category, unsubscribe in every mail.</summary>
public abstract partial class AlertsTests<TApp>(TApp app)
    where TApp : AduanApp, IFakeClockApp
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Subscribe_confirm_get_a_mail_per_status_change_with_an_unsubscribe_link_then_unsubscribe()
    {
        var code = await new DispatchDesk(app).SubmitAsync("jalan-rusak", DispatchDesk.UniquePhone());
        var email = $"pengikut-{Guid.NewGuid():N}@contoh.id";

        var subscribed = await Infrastructure.Staff.PostFormAsync(_client, $"/peringatan?laporan={code}", new() { ["email"] = email, ["laporan"] = code });
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);
        Assert.Contains("Periksa e-mail Anda", await subscribed.Content.ReadAsStringAsync());
        var confirmation = Assert.Single(await MailsAsync(email, "peringatan-konfirmasi"));
        var (id, secret) = ConfirmLink(confirmation.Body);
        Assert.Contains(code, confirmation.Body);
        Assert.Matches(UnsubscribeLink(), confirmation.Body);

        // Nothing is sent before the citizen confirms.
        await ChangeAsync(code, (report, now) => report.Verify(now, "operator"));
        Assert.Equal((0, 0), await RunAsync());

        var opened = await _client.GetAsync($"/peringatan/konfirmasi/{id}?t={secret}");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Null(await SubscriptionAsync(id) is { ConfirmedAt: not null } ? "confirmed by opening" : null); // a scanner opening the link confirms nothing
        var confirmed = await Infrastructure.Staff.PostFormAsync(_client, $"/peringatan/konfirmasi/{id}?t={secret}", new() { ["t"] = secret });
        Assert.Contains("Terima kasih", await confirmed.Content.ReadAsStringAsync());
        Assert.NotNull((await SubscriptionAsync(id))!.ConfirmedAt);

        // An internal note is no public change; a status change is, once.
        await ChangeAsync(code, (report, now) => report.Comment(now, "operator", "catatan internal", isPublic: false));
        Assert.Equal((0, 0), await RunAsync());
        await ChangeAsync(code, (report, now) => report.Dispatch("sudin-bina-marga-31-71", [], now, "operator", "diteruskan"));
        Assert.Equal((1, 0), await RunAsync());
        Assert.Equal((0, 0), await RunAsync());
        var status = Assert.Single(await MailsAsync(email, "peringatan-status"));
        Assert.Contains("Diteruskan ke instansi", status.Body);
        Assert.Contains("Sent to agency", status.Body);
        Assert.Contains($"/lacak/{code}", status.Body);
        Assert.Equal(MessageChannel.Email, status.Channel);
        var stop = UnsubscribeLink().Match(status.Body);
        Assert.True(stop.Success, status.Body);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/peringatan/berhenti/{id}?t=salah")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(stop.Value)).StatusCode);
        var stopped = await Infrastructure.Staff.PostFormAsync(_client, stop.Value, new() { ["t"] = stop.Groups["token"].Value });
        Assert.Contains("sudah dihapus", await stopped.Content.ReadAsStringAsync());
        Assert.Null(await SubscriptionAsync(id));
        await ChangeAsync(code, (report, now) => report.Accept("sudin-bina-marga-31-71", now, "petugas"));
        Assert.Equal((0, 0), await RunAsync());
        Assert.Empty(await app.WithDbAsync(db => db.AlertSubscriptions.Where(s => s.Email == email).ToListAsync()));
    }

    [Fact]
    public async Task An_area_subscription_gets_one_daily_digest_of_new_public_reports_only()
    {
        var email = $"warga-{Guid.NewGuid():N}@contoh.id";
        var kecamatan = "31.71.01";
        await Infrastructure.Staff.PostFormAsync(_client, "/peringatan", new() { ["email"] = email, ["wilayah"] = kecamatan });
        var (id, secret) = ConfirmLink(Assert.Single(await MailsAsync(email, "peringatan-konfirmasi")).Body);
        await Infrastructure.Staff.PostFormAsync(_client, $"/peringatan/konfirmasi/{id}?t={secret}", new() { ["t"] = secret });

        var now = app.Clock.GetUtcNow();
        var inside = new[]
        {
            Report.Submit(PortalSeed.At("sampah-liar", Samples.MonasLatitude, Samples.MonasLongitude, Samples.GambirKelurahan, "Sampah menumpuk di trotoar"), now.AddMinutes(5)),
            Report.Submit(PortalSeed.At("parkir-liar", null, null, "31.71.01.1002", "Parkir liar di depan sekolah"), now.AddMinutes(6)),
        };
        var confidential = Report.Submit(PortalSeed.At("sampah-liar", Samples.MonasLatitude, Samples.MonasLongitude, Samples.GambirKelurahan, "rahasia", ReportVisibility.Confidential), now.AddMinutes(7));
        var elsewhere = Report.Submit(PortalSeed.At("sampah-liar", null, null, "31.74.01.1001", "Sampah di Tebet"), now.AddMinutes(8));
        await PortalSeed.SaveAsync(app, [.. inside, confidential, elsewhere]);

        Assert.Equal(0, (await RunAsync()).Digests); // not before 07:00 the next day
        app.Clock.Advance(TimeSpan.FromDays(1));
        var (_, digests) = await RunAsync();
        var again = await RunAsync();

        Assert.True(digests >= 1);
        Assert.Equal(0, again.Digests);
        var digest = Assert.Single(await MailsAsync(email, "peringatan-ringkasan"));
        Assert.StartsWith("2 laporan baru untuk kecamatan Gambir", digest.Body);
        Assert.All(inside, r => Assert.Contains(TrackingCode.Format(r.Code), digest.Body));
        Assert.DoesNotContain(TrackingCode.Format(confidential.Code), digest.Body);
        Assert.DoesNotContain(TrackingCode.Format(elsewhere.Code), digest.Body);
        Assert.Matches(UnsubscribeLink(), digest.Body);
    }

    [Theory]
    [InlineData("bukan-email", "wilayah", "31.71.01", "Alamat email tidak valid.")]
    [InlineData("warga@contoh.id", "wilayah", "99.99", "Wilayah &#x27;99.99&#x27; tidak dikenal.")]
    [InlineData("warga@contoh.id", "kategori", "tidak-ada", "Kategori &#x27;tidak-ada&#x27; tidak dikenal.")]
    [InlineData("warga@contoh.id", "laporan", "AAAAA-AAAAA", "Laporan dengan kode ini tidak ditemukan.")]
    [InlineData("warga@contoh.id", "lain", "x", "Pilih wilayah atau kategori")]
    public async Task A_bad_address_or_target_gets_a_message_on_the_page_and_nothing_is_stored_or_sent(string email, string field, string target, string message)
    {
        var before = await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Purpose == "peringatan-konfirmasi"));

        var response = await Infrastructure.Staff.PostFormAsync(_client, "/peringatan", new() { ["email"] = email, [field] = target });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Purpose == "peringatan-konfirmasi")));
    }

    [Fact]
    public async Task Asking_again_answers_the_same_and_a_flood_of_requests_stops_mailing_the_address()
    {
        var email = $"korban-{Guid.NewGuid():N}@contoh.id";
        var categories = new[] { "parkir-liar", "sampah-liar", "jalan-rusak", "trotoar-rusak", "lampu-jalan-mati", "kabel-semrawut", "banjir-genangan" };

        foreach (var category in categories)
        {
            var response = await Infrastructure.Staff.PostFormAsync(_client, "/peringatan", new() { ["email"] = email, ["kategori"] = category });
            Assert.Contains("Periksa e-mail Anda", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(AlertSubscriptions.MaxUnconfirmedPerDay, (await MailsAsync(email, "peringatan-konfirmasi")).Count);
        Assert.Equal(AlertSubscriptions.MaxUnconfirmedPerDay, await app.WithDbAsync(db => db.AlertSubscriptions.CountAsync(s => s.Email == email)));
    }

    [Fact]
    public async Task A_wrong_or_reused_confirmation_secret_confirms_nothing()
    {
        var email = $"coba-{Guid.NewGuid():N}@contoh.id";
        await Infrastructure.Staff.PostFormAsync(_client, "/peringatan", new() { ["email"] = email, ["kategori"] = "pohon-tumbang" });
        var (id, _) = ConfirmLink(Assert.Single(await MailsAsync(email, "peringatan-konfirmasi")).Body);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/peringatan/konfirmasi/{id}?t=tebakan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/peringatan/konfirmasi/bukan-id?t=tebakan")).StatusCode);
        Assert.Null((await SubscriptionAsync(id))!.ConfirmedAt);
    }

    private async Task<(int StatusMails, int Digests)> RunAsync() => await app.Services.GetRequiredService<SendAlertsJob>().RunOnceAsync(CancellationToken.None);

    private Task<List<OutboxMessage>> MailsAsync(string email, string purpose) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Recipient == email && m.Purpose == purpose).OrderBy(m => m.Id).ToListAsync());

    private Task<AlertSubscription?> SubscriptionAsync(string id) =>
        app.WithDbAsync(db => db.AlertSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == Guid.ParseExact(id, "N")));

    private Task<int> ChangeAsync(string code, Action<Report, DateTimeOffset> change) => app.WithDbAsync(async db =>
    {
        var report = await db.Reports.Include(r => r.Assignments).SingleAsync(r => r.Code == code.Replace("-", "", StringComparison.Ordinal));
        change(report, app.Clock.GetUtcNow());
        return await db.SaveChangesAsync();
    });

    private static (string Id, string Secret) ConfirmLink(string body)
    {
        var match = ConfirmPattern().Match(body);
        Assert.True(match.Success, body);
        return (match.Groups["id"].Value, match.Groups["secret"].Value);
    }

    [GeneratedRegex(@"/peringatan/konfirmasi/(?<id>[0-9a-f]{32})\?t=(?<secret>[A-Za-z0-9_-]+)")]
    private static partial Regex ConfirmPattern();

    [GeneratedRegex(@"/peringatan/berhenti/[0-9a-f]{32}\?t=(?<token>[0-9a-f]{32})")]
    private static partial Regex UnsubscribeLink();
}

[Collection(AlertsSqliteCollection.Name)]
public sealed class SqliteAlertsTests(AlertsSqliteApp app) : AlertsTests<AlertsSqliteApp>(app);

[Collection(AlertsPostgresCollection.Name)]
public sealed class PostgresAlertsTests(AlertsPostgresApp app) : AlertsTests<AlertsPostgresApp>(app);
