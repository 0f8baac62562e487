using System.Net;
using System.Text.RegularExpressions;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aduan.Tests.Pages;

/// <summary>The public pages over HTTP (the browser journey is in Aduan.BrowserTests).</summary>
[Collection(SqliteCollection.Name)]
public sealed partial class PublicPagesTests(SqliteApp app)
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task The_form_lists_the_packs_categories_in_indonesian()
    {
        var html = await _client.GetStringAsync("/lapor");

        Assert.Contains("Buat laporan", html);
        Assert.Contains("value=\"parkir-liar\"", html);
        Assert.Contains("Parkir liar", html);
        Assert.Contains("__RequestVerificationToken", html);
    }

    [Fact]
    public async Task Posting_the_form_files_the_report_and_redirects_to_its_track_page()
    {
        var form = await FormWithTokenAsync();
        form["category"] = "sampah-liar";
        form["description"] = "Sampah menumpuk di depan pasar sejak Senin, baunya menyengat.";
        form["address"] = "Pasar Baru, Kelurahan Pasar Baru, Sawah Besar";

        var response = await _client.PostAsync("/lapor", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var track = response.Headers.Location!.OriginalString;
        Assert.Matches("^/lacak/[A-Z2-9]{5}-[A-Z2-9]{5}\\?baru=1$", track);
        var page = await _client.GetStringAsync(track);
        Assert.Contains("laporan Anda sudah kami terima", WebUtility.HtmlDecode(page));
        Assert.Contains("Pasar Baru", page);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_rejected_and_files_nothing()
    {
        var before = await app.WithDbAsync(db => Task.FromResult(db.Reports.Count()));
        var form = new Dictionary<string, string>
        {
            ["category"] = "sampah-liar",
            ["description"] = "Sampah menumpuk di depan pasar sejak Senin, baunya menyengat.",
            ["address"] = "Pasar Baru",
        };

        var response = await _client.PostAsync("/lapor", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => Task.FromResult(db.Reports.Count())));
    }

    [Fact]
    public async Task The_track_page_says_clearly_when_a_code_is_unknown()
    {
        var response = await _client.GetAsync("/lacak/AAAAA-AAAAA");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("tidak ditemukan", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_language_switch_sets_a_cookie_and_the_pages_turn_english()
    {
        var response = await _client.GetAsync("/bahasa/en?kembali=/lapor");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lapor");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);

        var html = await (await _client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Equal("/lapor", response.Headers.Location?.OriginalString);
        Assert.Contains("Report a problem", html);
        Assert.Contains("Illegal parking", html);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        var response = await _client.GetAsync("/bahasa/en?kembali=//evil.example/");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private async Task<Dictionary<string, string>> FormWithTokenAsync()
    {
        var response = await _client.GetAsync("/lapor");
        var html = await response.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        _client.DefaultRequestHeaders.Remove("Cookie");
        _client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        return new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["idempotencyKey"] = Guid.NewGuid().ToString("N") };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
