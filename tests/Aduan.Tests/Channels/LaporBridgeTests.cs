using System.Text.Json;
using Aduan.Channels.Lapor;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Aduan.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Channels;

/// <summary>
/// The SP4N-LAPOR! bridge against a local endpoint speaking the bridge's documented JSON
/// (docs/lapor.md): dispositions become reports once, are acknowledged with our code, and what
/// the citizen would be told goes back as follow-ups.
/// </summary>
public abstract class LaporBridgeTests(AduanApp app)
{
    private readonly FakeProviders _lapor = ((IDeliveryApp)app).Providers;
    private readonly DispatchDesk _desk = new(app);

    [Fact]
    public async Task A_disposition_becomes_one_confidential_report_acknowledged_with_our_code_and_an_empty_one_stays_at_lapor()
    {
        var id = "LPR-" + Random.Shared.Next(1_000_000, 9_999_999);
        var empty = "LPR-" + Random.Shared.Next(1_000_000, 9_999_999);
        Offer($$"""{"id":"{{id}}","judul":"Jalan rusak parah","isi":"Jalan di depan SDN 01 Cikini berlubang besar dan membahayakan anak sekolah.","kategori":"jalan-rusak","lokasi":{"lat":-6.1754,"lng":106.8272,"alamat":"Jl. Cikini Raya"},"pelapor":{"nama":"Warga","telepon":"081311112222"},"sifat":"rahasia"}""");
        Offer($$"""{"id":"{{empty}}","isi":" "}""");

        var first = await ImportAsync();
        var second = await ImportAsync();

        Assert.True(first.Filed >= 1);
        Assert.Equal(0, second.Filed);
        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.IdempotencyKey == "lapor:" + id));
        Assert.Equal((Channel.Lapor, ReportVisibility.Confidential, "jalan-rusak"), (report.Channel, report.Visibility, report.CategoryCode));
        Assert.StartsWith("Jalan rusak parah", report.Description, StringComparison.Ordinal);
        Assert.Equal(TrackingCode.Format(report.Code), _lapor.LaporAcknowledged[id]);
        Assert.False(_lapor.LaporAcknowledged.ContainsKey(empty));
    }

    [Fact]
    public async Task What_the_citizen_would_be_told_goes_back_to_lapor_as_a_follow_up_with_our_status()
    {
        var id = "LPR-" + Random.Shared.Next(1_000_000, 9_999_999);
        Offer($$"""{"id":"{{id}}","isi":"Lampu jalan mati di depan Jl. Cikini Raya no. 73 sudah tiga hari.","kategori":"lampu-jalan-mati","lokasi":{"lat":-6.1754,"lng":106.8272},"sifat":"anonim"}""");
        await ImportAsync();
        var code = await app.WithDbAsync(db => db.Reports.Where(r => r.IdempotencyKey == "lapor:" + id).Select(r => r.Code).SingleAsync());

        await _desk.VerifyAsync(code); // dispatched by the routing table: the citizen "hears" it was passed on
        await app.Services.GetRequiredService<OutboxDelivery>().RunOnceAsync(CancellationToken.None);

        var pushed = Assert.Single(_lapor.Requests, r => r.Provider == "lapor" && r.Recipient == id);
        using var body = JsonDocument.Parse(pushed.Body);
        Assert.Equal("tindak_lanjut", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(TrackingCode.Format(code), body.RootElement.GetProperty("kode_aduan").GetString());
        Assert.Contains("diteruskan ke", body.RootElement.GetProperty("isi").GetString(), StringComparison.Ordinal);
        Assert.Equal($"Bearer {FakeProviders.LaporToken}", pushed.Authorization);
    }

    [Theory]
    [InlineData("Received", "verifikasi")]
    [InlineData("Rejected", "ditolak")]
    [InlineData("InProgress", "tindak_lanjut")]
    [InlineData("Closed", "selesai")]
    public void Our_statuses_map_to_lapors_words(string status, string lapor) =>
        Assert.Equal(lapor, HttpLaporTransport.StatusFor(status));

    private void Offer(string json) => _lapor.LaporDispositions.Add(JsonDocument.Parse(json).RootElement.Clone());

    private async Task<(int Filed, int Refused)> ImportAsync() =>
        await app.Services.GetRequiredService<LaporImportJob>().RunOnceAsync(CancellationToken.None);
}

[Collection(DeliverySqliteCollection.Name)]
public sealed class LaporBridgeOnSqlite(DeliverySqliteApp app) : LaporBridgeTests(app);

[Collection(DeliveryPostgresCollection.Name)]
public sealed class LaporBridgeOnPostgres(DeliveryPostgresApp app) : LaporBridgeTests(app);
