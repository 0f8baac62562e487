using System.Net.Http.Json;
using System.Text.Json;

namespace Aduan.Tests.Infrastructure;

internal static class Samples
{
    public const double MonasLatitude = -6.1754;
    public const double MonasLongitude = 106.8272;
    public const string GambirKelurahan = "31.71.01.1001";

    /// <summary>A real 1x1 PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A PNG with random trailing bytes, so each call has a different hash.</summary>
    public static byte[] UniquePng(int extraBytes = 16) => [.. Png(), .. Guid.NewGuid().ToByteArray(), .. new byte[Math.Max(0, extraBytes - 16)]];

    public static Dictionary<string, object?> Report(string description = "Jalan berlubang besar di depan halte, membahayakan pemotor.") => new()
    {
        ["category"] = "jalan-rusak",
        ["description"] = description,
        ["latitude"] = MonasLatitude,
        ["longitude"] = MonasLongitude,
        ["address"] = "Jl. Medan Merdeka Barat",
        ["name"] = "Siti Rahmawati",
        ["phone"] = "0812-3456-7890",
        ["email"] = "siti.rahmawati@example.id",
    };

    public static async Task<HttpResponseMessage> PostReportAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The field names of a problem+json's "errors" object.</summary>
    public static async Task<string[]> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.JsonAsync();
        return json.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(p => p.Name).Order()] : [];
    }
}
