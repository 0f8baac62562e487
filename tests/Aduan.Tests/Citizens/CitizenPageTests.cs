using System.Net;
using System.Text.RegularExpressions;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aduan.Tests.Citizens;

/// <summary>The /saya page over HTTP: ask for a code, enter it, see one's reports.</summary>
[Collection(SqliteCollection.Name)]
public sealed partial class CitizenPageTests(SqliteApp app)
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_citizen_asks_for_a_code_enters_it_and_sees_their_reports()
    {
        var phone = CitizenFixtures.NewPhone();
        var code = await _client.SubmitAsync(phone);

        var step1 = await _client.GetStringAsync("/saya");
        var step2 = await _client.PostAsync("/saya?handler=Kode", Form(step1, ("contact", phone)));
        var step2Html = await step2.Content.ReadAsStringAsync();
        var signIn = await _client.PostAsync("/saya?handler=Masuk", Form(step2Html, ("contact", phone), ("code", await app.LatestCodeAsync(phone))));
        var step3 = await _client.GetStringAsync("/saya");

        Assert.Contains("name=\"contact\"", step1);
        Assert.Equal(HttpStatusCode.OK, step2.StatusCode);
        Assert.Contains("name=\"code\"", step2Html);
        Assert.Contains($"value=\"{phone}\"", step2Html);
        Assert.Contains("Kirim ulang kode", step2Html);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/saya", signIn.Headers.Location?.OriginalString);
        Assert.Contains($"href=\"/lacak/{code}\"", step3);
        Assert.Contains("WIB", step3);
        Assert.Contains("Keluar", step3);
    }

    [Fact]
    public async Task A_wrong_code_on_the_page_says_so_and_does_not_sign_in()
    {
        var phone = CitizenFixtures.NewPhone();
        var step1 = await _client.GetStringAsync("/saya");
        var step2 = await (await _client.PostAsync("/saya?handler=Kode", Form(step1, ("contact", phone)))).Content.ReadAsStringAsync();
        var right = await app.LatestCodeAsync(phone);

        var response = await _client.PostAsync("/saya?handler=Masuk", Form(step2, ("contact", phone), ("code", right == "000000" ? "111111" : "000000")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Kode salah", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Keluar", await _client.GetStringAsync("/saya"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_sends_nothing()
    {
        var phone = CitizenFixtures.NewPhone();

        var response = await app.CreateClient().PostAsync("/saya?handler=Kode", new FormUrlEncodedContent([new("contact", phone)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Outbox.Count(m => m.Recipient == phone))));
    }

    private static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", AntiforgeryToken().Match(html).Groups[1].Value), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
