using System.Net;
using System.Net.Http.Json;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Aduan.Tests.Security;

/// <summary>An app with small per-address limits, to see them bite. Its own database, its own collection.</summary>
public sealed class LimitedApp : AduanApp
{
    protected override Aduan.DatabaseProvider Provider => Aduan.DatabaseProvider.Sqlite;

    protected override string? ConnectionString => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Aduan:RateLimits:SubmitPerMinute", "3");
        builder.UseSetting("Aduan:RateLimits:SignInPerMinute", "2");
        builder.UseSetting("Aduan:RateLimits:LookupPerMinute", "5");
        builder.UseSetting("Aduan:RateLimits:SurveyPerMinute", "2");
    }
}

[CollectionDefinition(Name)]
public sealed class LimitedCollection : ICollectionFixture<LimitedApp>
{
    public const string Name = "Rate limits";
}

[Collection(LimitedCollection.Name)]
public sealed class RateLimitTests(LimitedApp app)
{
    [Fact]
    public async Task A_fourth_report_in_a_minute_from_one_address_gets_429_with_retry_after_and_is_not_stored()
    {
        using var client = app.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            var body = Samples.Report($"Sampah menumpuk di bantaran kali, kiriman ke-{i} {Guid.NewGuid():N}.");
            body.Remove("name");
            body.Remove("phone");
            body.Remove("email");
            answers.Add(await client.PostReportAsync(body));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var refused = answers[3];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(3, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Reports)));
        // Reading pages is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lacak")).StatusCode);
    }

    [Fact]
    public async Task A_third_survey_answer_in_a_minute_from_one_address_gets_429_and_is_not_stored()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsJsonAsync("/api/skm/responses", new { agency = "kec-31.73.01", u1 = 4, u2 = 4, u3 = 4, u4 = 4, u5 = 4, u6 = 4, u7 = 4, u8 = 4, u9 = 4 });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.SurveyResponses)));
        // The public form shares the limit; opening it is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/survei/kec-31.73.01")).StatusCode);
    }

    [Fact]
    public async Task Guessing_tracking_codes_hits_a_wall_after_a_few_look_ups()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            statuses.Add((await client.GetAsync(i % 2 == 0 ? $"/api/reports/ZZZZZ-ZZZZ{i + 2}" : $"/lacak/ZZZZZ-ZZZZ{i + 2}")).StatusCode);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 5), statuses.Take(5));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(5));
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_address_on_top_of_the_lockout()
    {
        var staff = await app.CreateAsync(StaffRole.Operator);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            statuses.Add((await Infrastructure.Staff.PostFormAsync(client, "/masuk", new() { ["email"] = staff.Email, ["password"] = "salah-salah-123" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
    }
}
