using System.Net.Http.Headers;
using System.Text;
using Aduan.Messaging;
using Aduan.Photos;
using Aduan.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Channels;

/// <summary>One attachment of an MMS as the gateway announced it: where to fetch it, and the type it claims (may be null).</summary>
public sealed record SmsMedia(string Url, string? ContentType);

/// <summary>The photos taken from an MMS, and a line for staff about what could not be kept (null when all was kept).</summary>
public sealed record SmsPhotoSet(IReadOnlyList<PhotoUpload> Photos, string? Note);

/// <summary>
/// Fetches the images of an MMS (Twilio's <c>MediaUrl{N}</c>, a gateway's media links) so they join the
/// report through the same photo path as the web form: only images, read from their first bytes
/// (JPEG, PNG, WebP), at most <see cref="AduanOptions.MaxPhotos"/> of at most
/// <see cref="AduanOptions.MaxPhotoBytes"/>. Anything else is left out with a note; a failed fetch is
/// logged and never stops the report. Twilio's media URLs are fetched with the account's basic auth
/// (needed when the account enforces it), sent only to Twilio's own API origin; a redirect to
/// Twilio's storage drops the header, as .NET does on every redirect.
/// </summary>
public sealed class SmsPhotos : IDisposable
{
    private readonly HttpClient _http;
    private readonly MessagingOptions _messaging;
    private readonly AduanOptions _limits;
    private readonly ILogger<SmsPhotos> _log;

    public SmsPhotos(IOptions<MessagingOptions> messaging, IOptions<AduanOptions> limits, ILogger<SmsPhotos> log)
    {
        (_messaging, _limits, _log) = (messaging.Value, limits.Value, log);
        // At least 10 s however short the delivery timeout: the citizen's photo is worth the wait, and Twilio waits 15 s for the webhook.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(FetchSeconds),
        };
    }

    private int FetchSeconds => Math.Max(_messaging.TimeoutSeconds, 10);

    public async Task<SmsPhotoSet> FetchAsync(IReadOnlyList<SmsMedia> media, string messageId, CancellationToken ct)
    {
        var photos = new List<PhotoUpload>();
        var left = new List<string>();
        foreach (var (item, index) in media.Select((m, i) => (m, i)))
        {
            var declared = item.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
            if (declared is { Length: > 0 } && !declared.StartsWith("image/", StringComparison.Ordinal))
            {
                left.Add($"{declared} bukan foto");
                continue;
            }
            if (photos.Count >= _limits.MaxPhotos)
            {
                left.Add($"lebih dari {_limits.MaxPhotos} foto");
                continue;
            }
            var (bytes, problem) = await DownloadAsync(item.Url, ct);
            if (bytes is null)
            {
                _log.LogWarning("MMS {MessageId}: attachment {Index} ({Url}) not fetched: {Problem}", messageId, index, item.Url, problem);
                left.Add($"gagal diambil ({problem})");
                continue;
            }
            if (PhotoStore.DetectContentType(bytes.AsSpan(0, Math.Min(16, bytes.Length))) is null)
            {
                left.Add($"{declared ?? "berkas"} bukan JPEG, PNG atau WebP");
                continue;
            }
            photos.Add(new PhotoUpload($"mms-{messageId}-{index}", bytes));
        }
        if (left.Count > 0)
            _log.LogWarning("MMS {MessageId}: {Count} of {Total} attachments not kept: {What}", messageId, left.Count, media.Count, string.Join("; ", left));
        return new SmsPhotoSet(photos, left.Count == 0 ? null : $"Lampiran MMS yang tidak disimpan: {string.Join("; ", left)}.");
    }

    /// <summary>The bytes, or null and why; more than the photo limit is not read past it.</summary>
    private async Task<(byte[]? Bytes, string? Problem)> DownloadAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return (null, "bukan alamat http(s)");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (TwilioCredentials(uri) is { } credentials)
                request.Headers.Authorization = credentials;
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                return (null, $"HTTP {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > _limits.MaxPhotoBytes)
                return (null, $"lebih dari {_limits.MaxPhotoBytes / 1024} KB");
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > _limits.MaxPhotoBytes)
                    return (null, $"lebih dari {_limits.MaxPhotoBytes / 1024} KB");
            }
            return buffer.Length == 0 ? (null, "empty") : (buffer.ToArray(), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            return (null, ex is TaskCanceledException ? $"tidak ada jawaban dalam {FetchSeconds} detik" : ex.Message);
        }
    }

    /// <summary>The account's sid and auth token, only for a URL on the configured Twilio API origin.</summary>
    private AuthenticationHeaderValue? TwilioCredentials(Uri media)
    {
        var twilio = _messaging.Twilio;
        if (string.IsNullOrWhiteSpace(twilio.AccountSid) || string.IsNullOrWhiteSpace(twilio.AuthToken)
            || !Uri.TryCreate(twilio.BaseUrl, UriKind.Absolute, out var api)
            || !string.Equals(api.GetLeftPart(UriPartial.Authority), media.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            return null;
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{twilio.AccountSid}:{twilio.AuthToken}")));
    }

    public void Dispose() => _http.Dispose();
}
