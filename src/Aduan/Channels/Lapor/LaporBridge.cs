using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aduan.Messaging;
using Aduan.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Channels.Lapor;

/// <summary>
/// A report SP4N-LAPOR! disposed to this government, in the bridge's documented JSON
/// (docs/lapor.md). LAPOR!'s own API is not public: a relay or a future official endpoint maps to
/// this shape, and only <see cref="ILaporTransport"/> changes.
/// </summary>
public sealed record LaporDisposition(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("isi")] string Text,
    [property: JsonPropertyName("judul")] string? Title = null,
    [property: JsonPropertyName("kategori")] string? Category = null,
    [property: JsonPropertyName("lokasi")] LaporPlace? Place = null,
    [property: JsonPropertyName("pelapor")] LaporReporter? Reporter = null,
    [property: JsonPropertyName("sifat")] string? Visibility = null);

public sealed record LaporPlace(
    [property: JsonPropertyName("lat")] double? Latitude = null,
    [property: JsonPropertyName("lng")] double? Longitude = null,
    [property: JsonPropertyName("alamat")] string? Address = null);

public sealed record LaporReporter(
    [property: JsonPropertyName("nama")] string? Name = null,
    [property: JsonPropertyName("telepon")] string? Phone = null,
    [property: JsonPropertyName("email")] string? Email = null);

/// <summary>A follow-up (tindak lanjut) pushed back to LAPOR!: our status and the text the citizen would get.</summary>
public sealed record LaporFollowUp(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("isi")] string Text,
    [property: JsonPropertyName("kode_aduan")] string Code);

public sealed record LaporPage(
    [property: JsonPropertyName("items")] IReadOnlyList<LaporDisposition> Items,
    [property: JsonPropertyName("berikutnya")] string? Next = null);

/// <summary>How the bridge reaches LAPOR! (swappable: HTTP today, anything that speaks the same records tomorrow).</summary>
public interface ILaporTransport
{
    bool IsConfigured { get; }

    /// <summary>Dispositions not yet acknowledged; <paramref name="cursor"/> continues a previous page.</summary>
    Task<LaporPage> FetchAsync(string? cursor, CancellationToken ct);

    /// <summary>Tells LAPOR! the disposition was taken (with our tracking code), so it is not offered again.</summary>
    Task AcknowledgeAsync(string laporId, string code, CancellationToken ct);

    Task<SendResult> PushAsync(LaporFollowUp followUp, CancellationToken ct);
}

/// <summary>
/// The HTTP transport: <c>GET {BaseUrl}/disposisi[?berikutnya=…]</c>, <c>POST {BaseUrl}/disposisi/{id}/diterima</c>,
/// <c>POST {BaseUrl}/tindak-lanjut</c>, each with a bearer token (docs/lapor.md).
/// </summary>
public sealed class HttpLaporTransport(IOptions<MessagingOptions> options) : HttpMessageSender(options.Value.TimeoutSeconds), ILaporTransport
{
    private readonly LaporSettings _lapor = options.Value.Lapor;

    public override MessageChannel Channel => MessageChannel.Lapor;

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(_lapor.BaseUrl) && !string.IsNullOrWhiteSpace(_lapor.Token);

    public async Task<LaporPage> FetchAsync(string? cursor, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, "disposisi" + (cursor is null ? "" : "?berikutnya=" + Uri.EscapeDataString(cursor)));
        using var response = await Http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<LaporPage>(ct) ?? new LaporPage([]);
    }

    public async Task AcknowledgeAsync(string laporId, string code, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"disposisi/{Uri.EscapeDataString(laporId)}/diterima");
        request.Content = JsonContent.Create(new { kode_aduan = code });
        using var response = await Http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    public Task<SendResult> PushAsync(LaporFollowUp followUp, CancellationToken ct)
    {
        var request = Request(HttpMethod.Post, "tindak-lanjut");
        request.Content = JsonContent.Create(followUp);
        return PostAsync(request, ok => ok.TryGetProperty("id", out var id) ? id.ToString() : null, error => error.TryGetProperty("pesan", out var m) ? m.GetString() : null, ct);
    }

    /// <summary>The outbox's LAPOR! messages: each is a follow-up with the report's status at the time.</summary>
    public override Task<SendResult> SendAsync(OutboxMessage message, string idempotencyKey, CancellationToken ct)
    {
        var fields = string.IsNullOrEmpty(message.Fields) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(message.Fields) ?? [];
        return PushAsync(new LaporFollowUp(message.Recipient, StatusFor(fields.GetValueOrDefault("status_aduan")), message.Body, fields.GetValueOrDefault("kode") ?? ""), ct);
    }

    /// <summary>Our statuses in LAPOR!'s own words for a follow-up.</summary>
    public static string StatusFor(string? status) => Enum.TryParse<ReportStatus>(status, out var s) ? s switch
    {
        ReportStatus.Received or ReportStatus.Verified => "verifikasi",
        ReportStatus.Rejected or ReportStatus.Merged => "ditolak",
        ReportStatus.Resolved or ReportStatus.Closed => "selesai",
        _ => "tindak_lanjut",
    } : "tindak_lanjut";

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, $"{_lapor.BaseUrl!.TrimEnd('/')}/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _lapor.Token);
        return request;
    }
}

/// <summary>
/// Imports LAPOR! dispositions every <see cref="LaporSettings.PollMinutes"/>: each becomes a report
/// (channel LAPOR!, its LAPOR! id as the idempotency key, so one disposition is one report) and is
/// acknowledged with our tracking code. What the citizen would be told afterwards goes back as
/// follow-ups through the outbox.
/// </summary>
public sealed class LaporImportJob(IServiceScopeFactory scopes, ILaporTransport transport, IOptions<MessagingOptions> options, IOptions<AduanOptions> aduan, TimeProvider clock, ILogger<LaporImportJob> log)
    : PeriodicJob(clock, log)
{
    protected override bool Enabled => aduan.Value.BackgroundFollowUp && transport.IsConfigured;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.Lapor.PollMinutes);

    protected override Task RunRoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    public async Task<(int Filed, int Refused)> RunOnceAsync(CancellationToken ct)
    {
        if (!transport.IsConfigured)
            return (0, 0);
        var (filed, refused) = (0, 0);
        string? cursor = null;
        do
        {
            var page = await transport.FetchAsync(cursor, ct);
            foreach (var item in page.Items)
            {
                await using var scope = scopes.CreateAsyncScope();
                var text = string.IsNullOrWhiteSpace(item.Title) || item.Text.Contains(item.Title, StringComparison.OrdinalIgnoreCase) ? item.Text : $"{item.Title}\n\n{item.Text}";
                var result = await scope.ServiceProvider.GetRequiredService<ChannelIntake>().ReceiveAsync(new InboundMessage
                {
                    Channel = Channel.Lapor,
                    MessageId = item.Id,
                    Text = text,
                    Category = item.Category,
                    Latitude = item.Place?.Latitude,
                    Longitude = item.Place?.Longitude,
                    Address = item.Place?.Address,
                    Name = item.Reporter?.Name,
                    Phone = item.Reporter?.Phone,
                    Email = item.Reporter?.Email,
                    Visibility = item.Visibility,
                }, ct);
                if (result.Report is { } report)
                {
                    await transport.AcknowledgeAsync(item.Id, TrackingCode.Format(report.Code), ct);
                    filed += result.Outcome == IntakeOutcome.Filed ? 1 : 0;
                }
                else
                {
                    // Kept at LAPOR! (not acknowledged) for a person to look at; logged for support.
                    log.LogWarning("LAPOR! disposition {Id} not taken: {Errors}", item.Id, string.Join(", ", result.Errors.Select(e => $"{e.Field} {e.Code}")));
                    refused++;
                }
            }
            cursor = page.Next;
        }
        while (cursor is not null);
        return (filed, refused);
    }
}
