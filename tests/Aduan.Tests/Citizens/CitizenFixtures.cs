using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Citizens;

/// <summary>
/// Helpers for the citizen tests. Codes are read from the outbox, since delivery is not built yet.
/// The app is shared within a collection, so every test uses phone numbers of its own.
/// </summary>
internal static partial class CitizenFixtures
{
    public static string NewPhone() => "0813" + Random.Shared.NextInt64(10_000_000, 99_999_999);

    public static string NewEmail() => $"warga.{Guid.NewGuid():N}@example.id";

    public static async Task<string> SubmitAsync(this HttpClient client, string? phone, string? email = null, string visibility = "publik")
    {
        var body = Samples.Report($"Saluran air tersumbat di gang kami sejak minggu lalu ({Guid.NewGuid():N}).");
        body["phone"] = phone;
        body["email"] = email;
        body["visibility"] = visibility;
        var response = await client.PostReportAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }

    public static Task<HttpResponseMessage> RequestCodeAsync(this HttpClient client, string contact) =>
        client.PostAsJsonAsync("/api/warga/kode", new { contact });

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string contact, string code) =>
        client.PostAsJsonAsync("/api/warga/masuk", new { contact, code });

    /// <summary>The newest code sent to a normalised contact, read from the outbox.</summary>
    public static async Task<string> LatestCodeAsync(this AduanApp app, string contact)
    {
        var body = await app.WithDbAsync(db => db.Outbox.AsNoTracking()
            .Where(m => m.Purpose == "citizen-code" && m.Recipient == contact)
            .OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync());
        return SixDigits().Match(body).Value;
    }

    /// <summary>A client of its own (its own cookies), signed in as the contact.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this AduanApp app, string contact)
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.RequestCodeAsync(contact)).StatusCode);
        var response = await client.SignInAsync(contact, await app.LatestCodeAsync(contact));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>The messages of a problem+json's errors for one field.</summary>
    public static async Task<string[]> ProblemMessagesAsync(this HttpResponseMessage response, string field)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.JsonAsync();
        return [.. json.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()!)];
    }

    public static async Task<List<string>> OwnReportCodesAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/warga/laporan");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
