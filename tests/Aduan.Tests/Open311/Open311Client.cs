using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Aduan.Tests.Infrastructure;

namespace Aduan.Tests.Open311;

/// <summary>Apps of their own: these tests dispatch reports and add a thousand, which would upset other collections' counts.</summary>
public sealed class Open311SqliteApp : SqliteApp;

public sealed class Open311PostgresApp : PostgresApp;

[CollectionDefinition(Name)]
public sealed class Open311SqliteCollection : ICollectionFixture<Open311SqliteApp>
{
    public const string Name = "SQLite, Open311";
}

[CollectionDefinition(Name)]
public sealed class Open311PostgresCollection : ICollectionFixture<Open311PostgresApp>
{
    public const string Name = "PostgreSQL, Open311";
}

/// <summary>What an Open311 client sends and reads, in either format, read back into flat records.</summary>
internal static class Open311Client
{
    public const string Root = "/open311/v2";

    /// <summary>A citizen's pothole at Monas as an Open311 app posts it.</summary>
    public static Dictionary<string, string> Request(string apiKey, string? description = null) => new()
    {
        ["api_key"] = apiKey,
        ["service_code"] = "jalan-rusak",
        ["lat"] = "-6.1754",
        ["long"] = "106.8272",
        ["address_string"] = "Jl. Medan Merdeka Barat",
        ["description"] = description ?? $"Jalan berlubang besar di depan halte ({Guid.NewGuid():N}).",
        ["first_name"] = "Siti",
        ["last_name"] = "Rahmawati",
        ["email"] = "siti.rahmawati@example.id",
        ["phone"] = "0812-3456-7890",
        ["device_id"] = "tablet-42", // in the spec, unused here
        ["x_unknown_field"] = "ignored",
    };

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string format, Dictionary<string, string> fields) =>
        client.PostAsync($"{Root}/requests.{format}", new FormUrlEncodedContent(fields));

    public static Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string format, Dictionary<string, string> fields, byte[] photo)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        var media = new ByteArrayContent(photo);
        media.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(media, "media", "lubang.png");
        return client.PostAsync($"{Root}/requests.{format}", form);
    }

    /// <summary>The records of a list answer (<c>&lt;service_requests&gt;&lt;request&gt;…</c> or a JSON array), each field as text; an empty element or JSON null is null.</summary>
    public static async Task<List<Dictionary<string, string?>>> RecordsAsync(this HttpResponseMessage response, string format)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (format == "xml")
        {
            Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.Ordinal);
            return [.. XDocument.Parse(body).Root!.Elements().Select(e => e.Elements().ToDictionary(c => c.Name.LocalName, c => c.HasElements ? c.ToString() : c.Value.Length == 0 ? null : c.Value))];
        }
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.EnumerateArray().Select(o => o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => p.Value.GetString(),
            _ => p.Value.GetRawText(),
        }))];
    }

    /// <summary>The root element's name (XML) or null (JSON): checks the spec's wrappers.</summary>
    public static async Task<string> XmlRootAsync(this HttpResponseMessage response) =>
        XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Name.LocalName;

    /// <summary>An error answer's descriptions, after checking its shape and that its codes are the HTTP status.</summary>
    public static async Task<List<string>> ErrorsAsync(this HttpResponseMessage response, string format)
    {
        if (format == "xml")
            Assert.Equal("errors", await response.XmlRootAsync());
        var errors = await response.RecordsAsync(format);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), e["code"]));
        return [.. errors.Select(e => e["description"]!)];
    }
}
