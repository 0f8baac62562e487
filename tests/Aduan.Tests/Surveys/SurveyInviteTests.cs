using System.Net;
using System.Text.RegularExpressions;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Aduan.Tests.Infrastructure.DispatchDesk;

namespace Aduan.Tests.Surveys;

/// <summary>The citizen who confirms a report done is invited to the SKM of the agency that did it, by a link good for one answer.</summary>
public abstract partial class SurveyInviteTests(AduanApp app)
{
    private readonly DispatchDesk _desk = new(app);

    [Fact]
    public async Task Confirming_a_report_done_offers_a_one_time_survey_of_the_agency_that_resolved_it()
    {
        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var code = await _desk.DispatchedAsync();
        await lead.StepAsync(code, "accept").OkAsync();
        await lead.ResolveAtTheSpotAsync(code);
        var token = await _desk.LinkTokenAsync(code, "laporan-selesai");
        using var citizen = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = $"/lacak/{code}/tanggapan?t={Uri.EscapeDataString(token)}";

        var confirmed = await citizen.PostAsync($"/lacak/{code}/tanggapan?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["t"] = token,
            ["beres"] = "ya",
            ["nilai"] = "5",
            ["__RequestVerificationToken"] = await Infrastructure.Staff.FormTokenAsync(citizen, page),
        }));

        var html = WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync());
        Assert.Contains("isi Survei Kepuasan Masyarakat", html, StringComparison.Ordinal);
        var link = SurveyLink().Match(html);
        Assert.True(link.Success, "no survey link on the confirmation page");
        Assert.Equal(BinaMargaPusat, link.Groups["agency"].Value);
        var survey = link.Groups["url"].Value;
        Assert.DoesNotContain(token, survey, StringComparison.Ordinal); // the citizen's own secret never travels in the survey link

        var fields = new Dictionary<string, string>();
        for (var i = 1; i <= 9; i++)
            fields[$"u{i}"] = "4";
        var first = await Infrastructure.Staff.PostFormAsync(citizen, survey, new(fields) { ["t"] = Token(survey) });
        var again = await citizen.GetAsync(survey);
        var second = await citizen.PostAsync(survey, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["t"] = Token(survey), ["__RequestVerificationToken"] = await Infrastructure.Staff.FormTokenAsync(citizen, $"/survei/{BinaMargaPusat}") }));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Survei dari tautan ini sudah diisi.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.UsedSurveyTickets.CountAsync()));
    }

    private static string Token(string url) => Uri.UnescapeDataString(url[(url.IndexOf("?t=", StringComparison.Ordinal) + 3)..]);

    [GeneratedRegex("href=\"(?<url>/survei/(?<agency>[a-z0-9.-]+)\\?t=[^\"]+)\"")]
    private static partial Regex SurveyLink();
}

[Collection(DispatchSqliteCollection.Name)]
public sealed class SurveyInviteOnSqlite(DispatchSqliteApp app) : SurveyInviteTests(app);

[Collection(DispatchPostgresCollection.Name)]
public sealed class SurveyInviteOnPostgres(DispatchPostgresApp app) : SurveyInviteTests(app);
