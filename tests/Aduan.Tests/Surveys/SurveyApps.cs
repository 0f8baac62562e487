using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aduan.Tests.Infrastructure;

namespace Aduan.Tests.Surveys;

/// <summary>Databases of their own for the SKM tests, so counts of questionnaires are theirs alone.</summary>
public sealed class SurveySqliteApp : SqliteApp;

public sealed class SurveyPostgresApp : PostgresApp;

[CollectionDefinition(Name)]
public sealed class SurveySqliteCollection : ICollectionFixture<SurveySqliteApp>
{
    public const string Name = "SQLite, SKM";
}

[CollectionDefinition(Name)]
public sealed class SurveyPostgresCollection : ICollectionFixture<SurveyPostgresApp>
{
    public const string Name = "PostgreSQL, SKM";
}

internal static class Skm
{
    /// <summary>Today in Jakarta (WIB), the day public questionnaires are dated.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta")).DateTime);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A questionnaire for the API: the agency and u1 … u9.</summary>
    public static Dictionary<string, object?> Questionnaire(string agency, params int[] answers)
    {
        var body = new Dictionary<string, object?> { ["agency"] = agency };
        for (var i = 0; i < answers.Length; i++)
            body[$"u{i + 1}"] = answers[i];
        return body;
    }

    public static int[] All(int answer) => [.. Enumerable.Repeat(answer, 9)];

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, object body, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/skm/responses") { Content = JsonContent.Create(body) };
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        return client.SendAsync(request);
    }

    public static async Task SentAsync(this HttpClient client, object body)
    {
        var response = await client.SendAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>The messages of a problem+json's errors, by field.</summary>
    public static async Task<Dictionary<string, string[]>> ErrorsAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }

    public static string ResultsUrl(string agency, DateOnly from, DateOnly to) => $"/api/skm/results?agency={agency}&from={Day(from)}&to={Day(to)}";
}
