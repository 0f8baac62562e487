using System.Net;
using System.Text.Json;

namespace Aduan.Messaging;

public enum SendOutcome
{
    Sent,

    /// <summary>A passing problem (timeout, connection, 5xx, 429, bad credentials): try again later.</summary>
    Retry,

    /// <summary>The provider refused this message (bad number, rejected): trying again would not help.</summary>
    Rejected,
}

public sealed record SendResult(SendOutcome Outcome, string? ProviderMessageId, string? Error)
{
    /// <summary>For a retry: not before this time, when the provider said so (X's x-rate-limit-reset); the usual backoff when later.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    public static SendResult Sent(string? providerMessageId) => new(SendOutcome.Sent, providerMessageId, null);

    public static SendResult Retry(string error) => new(SendOutcome.Retry, null, error);

    public static SendResult Rejected(string error) => new(SendOutcome.Rejected, null, error);
}

/// <summary>One provider for one channel. Configuration decides which one is in use.</summary>
public interface IMessageSender
{
    MessageChannel Channel { get; }

    /// <summary>Whether the settings name this provider; when no sender of a channel is, its messages wait.</summary>
    bool IsConfigured { get; }

    /// <summary>
    /// Sends one message. <paramref name="idempotencyKey"/> is the same on every attempt of the same
    /// message; providers that support one get it. Never throws for provider answers.
    /// </summary>
    Task<SendResult> SendAsync(OutboxMessage message, string idempotencyKey, CancellationToken ct);
}

/// <summary>
/// What HTTP providers share: one pooled client with the configured timeout, and one reading of
/// answers. 2xx is sent; 408, 425, 429 and 5xx, timeouts and connection failures are passing;
/// 401 and 403 are our settings' fault, not the message's, so they are retried too (and visible
/// to admins); any other 4xx is the provider refusing this message.
/// </summary>
public abstract class HttpMessageSender : IMessageSender, IDisposable
{
    private readonly HttpClient _http;
    private readonly int _timeoutSeconds;

    protected HttpMessageSender(int timeoutSeconds)
    {
        _timeoutSeconds = timeoutSeconds;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        };
    }

    public abstract MessageChannel Channel { get; }

    public abstract bool IsConfigured { get; }

    /// <summary>The pooled client, for a provider's other calls (e.g. fetching media).</summary>
    protected HttpClient Http => _http;

    public abstract Task<SendResult> SendAsync(OutboxMessage message, string idempotencyKey, CancellationToken ct);

    /// <summary>Sends the request; <paramref name="readId"/> takes the id from a 2xx answer, <paramref name="readError"/> the reason from an error answer.</summary>
    protected async Task<SendResult> PostAsync(HttpRequestMessage request, Func<JsonElement, string?> readId, Func<JsonElement, string?> readError, CancellationToken ct)
    {
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, ct);
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Retry($"timeout: no answer within {_timeoutSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Retry($"connection failed: {ex.Message}");
        }
        using (response)
        {
            var json = TryParse(text);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return SendResult.Sent(json is { } ok ? Safe(() => readId(ok)) : null);
            var reason = (json is { } error ? Safe(() => readError(error)) : null) ?? Shorten(text);
            var described = $"HTTP {status}: {reason}";
            if (Classify(response, described) is { } own)
                return own;
            var passing = status is 408 or 425 or 429 or >= 500
                || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
            return passing ? SendResult.Retry(described) : SendResult.Rejected(described);
        }
    }

    /// <summary>A provider's own reading of an error answer (its status, headers and <paramref name="described"/> reason); null for the shared rules above.</summary>
    protected virtual SendResult? Classify(HttpResponseMessage response, string described) => null;

    public void Dispose()
    {
        _http.Dispose();
        GC.SuppressFinalize(this);
    }

    private static JsonElement? TryParse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Safe(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return null; // an answer of another shape than documented
        }
    }

    private static string Shorten(string text) =>
        string.IsNullOrWhiteSpace(text) ? "(empty answer)" : text.Length <= 500 ? text.Trim() : text[..500].Trim() + "…";

    /// <summary>A property of a JSON object as text (string or number), or null.</summary>
    protected static string? Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}

/// <summary>Phone numbers as providers want them. Aduan stores Indonesian numbers as 08…</summary>
public static class PhoneNumbers
{
    public static string Format(string stored, PhoneFormat format)
    {
        var digits = new string(stored.Where(char.IsDigit).ToArray());
        var international = stored.StartsWith('+') ? digits : digits.StartsWith('0') ? "62" + digits[1..] : digits;
        return format switch
        {
            PhoneFormat.E164 => "+" + international,
            PhoneFormat.Digits => international,
            _ => international.StartsWith("62", StringComparison.Ordinal) ? "0" + international[2..] : digits,
        };
    }
}
