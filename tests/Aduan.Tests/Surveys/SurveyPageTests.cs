using System.Net;
using Aduan.Staff;
using Aduan.Surveys;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Surveys;

/// <summary>The SKM pages through their real forms: the public questionnaire, the paper entry, the results and the printable report.</summary>
public abstract class SurveyPageTests(AduanApp app)
{
    private Task<int> CountAsync(string agency) => app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.AgencyCode == agency));

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Dictionary<string, string> Answers(params int[] answers)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] != 0)
                fields[$"u{i + 1}"] = answers[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return fields;
    }

    [Fact]
    public async Task The_public_questionnaire_names_each_missing_or_wrong_element_keeps_the_answers_and_stores_nothing_until_complete()
    {
        const string agency = "kec-31.72.01";
        using var client = Browser();
        var page = await client.GetStringAsync($"/survei/{agency}");
        Assert.Contains("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?", page, StringComparison.Ordinal);
        Assert.Contains("Ada tetapi tidak berfungsi", page, StringComparison.Ordinal);
        Assert.Equal(36, page.Split("type=\"radio\" name=\"u").Length - 1);

        var fields = Answers(4, 4, 3, 3, 7, 3, 3, 0, 2);
        fields["age"] = "5";
        var refused = await Infrastructure.Staff.PostFormAsync(client, $"/survei/{agency}", fields);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<p class=\"field-error\" id=\"u8-error\">Unsur 8 (Penanganan Pengaduan, Saran dan Masukan) belum dijawab", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"u5-error\">Unsur 5 (Produk Spesifikasi Jenis Pelayanan): jawaban \"7\" tidak sah", html, StringComparison.Ordinal);
        Assert.Contains("Umur harus bilangan bulat dari 10 sampai 120 tahun.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"4\" id=\"u1-4\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(agency));

        var sent = await Infrastructure.Staff.PostFormAsync(client, $"/survei/{agency}", Answers(4, 4, 3, 3, 3, 3, 3, 2, 2));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/survei/{agency}?terkirim=true", sent.Headers.Location!.OriginalString);
        Assert.Contains("Terima kasih. Jawaban Anda sudah kami simpan.", await client.GetStringAsync(sent.Headers.Location.OriginalString), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.AgencyCode == agency));
        Assert.Equal([4, 4, 3, 3, 3, 3, 3, 2, 2], stored.Answers());
        Assert.Equal((SurveySource.Public, (Guid?)null, (int?)null), (stored.Source, stored.EnteredBy, stored.Age));
    }

    [Fact]
    public async Task An_unknown_agency_gets_a_clear_page_and_the_survey_index_lists_only_government_units()
    {
        using var client = Browser();

        var unknown = await client.GetAsync("/survei/dinas-tidak-ada");
        var index = await client.GetStringAsync("/survei");
        var chosen = await client.GetAsync("/survei?instansi=kec-31.72.01");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Unit layanan &quot;dinas-tidak-ada&quot; tidak ditemukan.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("value=\"kec-31.72.01\"", index, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"pln\"", index, StringComparison.Ordinal);
        Assert.Equal("/survei/kec-31.72.01", chosen.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_operator_types_in_a_paper_questionnaire_with_its_date_and_is_ready_for_the_next()
    {
        const string agency = "kec-31.72.02";
        var staff = await app.CreateAsync(StaffRole.Operator);
        using var desk = await app.SignInAsync(staff);
        var date = Skm.Day(Skm.Today.AddDays(-3));
        var fields = Answers(3, 4, 2, 4, 3, 3, 4, 1, 3);
        (fields["agency"], fields["date"], fields["gender"], fields["age"], fields["occupation"]) = (agency, date, "L", "45", "PNS");

        var saved = await Infrastructure.Staff.PostFormAsync(desk.Http, "/staf/skm/entri", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/staf/skm/entri?instansi={agency}&tanggal={date}&tersimpan=1", saved.Headers.Location!.OriginalString);
        var next = await desk.Http.GetStringAsync(saved.Headers.Location.OriginalString);
        Assert.Contains($"Kuesioner tersimpan untuk Kecamatan Tanjung Priok, tanggal {date}. Kuesioner tersimpan sesi ini: 1.", next, StringComparison.Ordinal);
        Assert.Contains($"value=\"{date}\"", next, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.AgencyCode == agency));
        Assert.Equal((SurveySource.Operator, staff.Id, Skm.Today.AddDays(-3)), (stored.Source, stored.EnteredBy!.Value, stored.SurveyDate));
        Assert.Equal((RespondentGender.Male, 45, RespondentOccupation.Pns, (RespondentEducation?)null), (stored.Gender!.Value, stored.Age!.Value, stored.Occupation!.Value, stored.Education));
        Assert.Equal([3, 4, 2, 4, 3, 3, 4, 1, 3], stored.Answers());
    }

    [Theory]
    [InlineData("u7", "", "Unsur 7 (Perilaku Pelaksana) belum dijawab")]
    [InlineData("u2", "5", "Unsur 2 (Sistem, Mekanisme, dan Prosedur): jawaban \"5\" tidak sah")]
    [InlineData("date", "", "Isi tanggal survei yang tertulis pada kuesioner.")]
    [InlineData("date", "tomorrow", "Tanggal survei tidak boleh setelah hari ini.")]
    [InlineData("date", "2026-13-40", "Tanggal survei harus berformat tttt-bb-hh.")]
    [InlineData("date", "long-ago", "Tanggal survei paling lama 366 hari yang lalu.")]
    [InlineData("agency", "kec-tidak-ada", "Unit layanan \"kec-tidak-ada\" tidak dikenal.")]
    public async Task A_bad_paper_entry_is_shown_next_to_its_field_and_nothing_is_stored(string field, string value, string message)
    {
        const string agency = "kec-31.72.02";
        using var desk = await app.SignInAsync(await app.CreateAsync(StaffRole.Operator));
        var fields = Answers(Skm.All(3));
        (fields["agency"], fields["date"]) = (agency, Skm.Day(Skm.Today));
        fields[field] = value switch
        {
            "tomorrow" => Skm.Day(Skm.Today.AddDays(1)),
            "long-ago" => Skm.Day(Skm.Today.AddDays(-400)),
            _ => value,
        };
        var before = await app.WithDbAsync(db => db.SurveyResponses.CountAsync());

        var refused = await Infrastructure.Staff.PostFormAsync(desk.Http, "/staf/skm/entri", fields);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"<p class=\"field-error\"{(field.StartsWith('u') ? $" id=\"{field}-error\"" : "")}>{message}", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.SurveyResponses.CountAsync()));
    }

    [Fact]
    public async Task Agency_officers_enter_only_for_their_own_agency_and_verifiers_see_no_survey_pages()
    {
        var own = Infrastructure.Staff.SudinBinaMargaJakpus;
        var other = Infrastructure.Staff.SudinLingkunganJakpus;
        using var officer = await app.SignInAsync(await app.CreateAsync(StaffRole.AgencyOfficer, own));
        var fields = Answers(Skm.All(4));
        (fields["agency"], fields["date"]) = (other, Skm.Day(Skm.Today));

        var foreign = await Infrastructure.Staff.PostFormAsync(officer.Http, "/staf/skm/entri", fields);
        fields["agency"] = own;
        var mine = await Infrastructure.Staff.PostFormAsync(officer.Http, "/staf/skm/entri", new Dictionary<string, string>(fields));

        Assert.Equal(HttpStatusCode.Redirect, foreign.StatusCode);
        Assert.Equal("/masuk/ditolak", foreign.Headers.Location!.AbsolutePath);
        Assert.Equal(0, await CountAsync(other));
        Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
        Assert.StartsWith("/staf/skm/entri?", mine.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(own));

        using var verifier = await app.SignInAsync(await app.CreateAsync(StaffRole.Verifier));
        foreach (var url in new[] { "/staf/skm", "/staf/skm/entri", $"/staf/skm/cetak?instansi={own}&dari=2026-01-01&sampai=2026-12-31" })
        {
            var refused = await verifier.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/masuk/ditolak", refused.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task The_results_page_and_the_printable_report_show_the_index_band_respondents_and_the_weakest_elements()
    {
        const string agency = "kec-31.72.03";
        using var client = app.CreateClient();
        await client.SentAsync(Skm.Questionnaire(agency, [4, 4, 4, 4, 4, 4, 4, 2, 4]));
        await client.SentAsync(Skm.Questionnaire(agency, [3, 3, 2, 3, 3, 3, 3, 2, 3]));
        // 25 x (34 + 25) / 18 = 81.94: B (Baik); lowest U8 (4), U3 (6), then U1 (7).
        using var desk = await app.SignInAsync(await app.CreateAsync(StaffRole.Operator));
        var query = $"instansi={agency}&dari={Skm.Day(Skm.Today.AddDays(-1))}&sampai={Skm.Day(Skm.Today)}";

        var results = WebUtility.HtmlDecode(await desk.Http.GetStringAsync("/staf/skm?" + query));
        var print = WebUtility.HtmlDecode(await desk.Http.GetStringAsync("/staf/skm/cetak?" + query));

        Assert.Contains("<strong id=\"skm-respondents\">2</strong>", results, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" id=\"skm-ikm\">81,94</td>", results, StringComparison.Ordinal);
        Assert.Contains("<td id=\"skm-band\">B (Baik)</td>", results, StringComparison.Ordinal);
        Assert.Contains("<li>U8 Penanganan Pengaduan, Saran dan Masukan — NRR 2,000</li>", results, StringComparison.Ordinal);
        Assert.Contains("href=\"/survei/kec-31.72.03\"", results, StringComparison.Ordinal);
        Assert.Contains("Laporan Hasil Survei Kepuasan Masyarakat", print, StringComparison.Ordinal);
        Assert.Contains("<strong>Kecamatan Koja</strong>", print, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"skm-respondents\">2</dd>", print, StringComparison.Ordinal);
        var plan = print[print.IndexOf("id=\"skm-follow-up\"", StringComparison.Ordinal)..];
        plan = plan[..plan.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(["U8", "U3", "U1"], System.Text.RegularExpressions.Regex.Matches(plan, "<th scope=\"row\">(U\\d)").Select(m => m.Groups[1].Value));
        Assert.Contains("<tr class=\"current\">", print, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("instansi=kec-31.72.03&dari=2026-06-30&sampai=2026-01-01", "Tanggal akhir tidak boleh sebelum tanggal awal (2026-06-30).")]
    [InlineData("instansi=kec-31.72.03&dari=&sampai=2026-01-01", "Isi tanggal awal dan akhir periode (tttt-bb-hh).")]
    [InlineData("instansi=kec-tidak-ada&dari=2026-01-01&sampai=2026-06-30", "Unit layanan \"kec-tidak-ada\" tidak dikenal.")]
    public async Task A_reversed_or_empty_period_or_an_unknown_agency_is_explained_on_the_results_page(string query, string message)
    {
        using var desk = await app.SignInAsync(await app.CreateAsync(StaffRole.Operator));

        var page = await desk.Http.GetAsync("/staf/skm?" + query);
        var print = await desk.Http.GetAsync("/staf/skm/cetak?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, print.StatusCode);
        Assert.Equal("/staf/skm?" + query, print.Headers.Location!.OriginalString);
    }
}

[Collection(SurveySqliteCollection.Name)]
public sealed class SurveyPagesOnSqlite(SurveySqliteApp app) : SurveyPageTests(app);

[Collection(SurveyPostgresCollection.Name)]
public sealed class SurveyPagesOnPostgres(SurveyPostgresApp app) : SurveyPageTests(app);
