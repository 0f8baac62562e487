using System.Net;
using System.Text.Json;
using Aduan.Staff;
using Aduan.Surveys;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Surveys;

/// <summary>The SKM API: questionnaires in, results and the anonymous answers out, every bad input refused with nothing stored.</summary>
public abstract class SurveyApiTests(AduanApp app)
{
    private Task<int> CountAsync() => app.WithDbAsync(db => db.SurveyResponses.CountAsync());

    [Fact]
    public async Task Questionnaires_from_the_public_are_stored_anonymously_and_make_the_agencys_index()
    {
        const string agency = "kec-31.71.01";
        using var client = app.CreateClient();
        await client.SentAsync(Skm.Questionnaire(agency, Skm.All(4)));
        await client.SentAsync(With(Skm.Questionnaire(agency, [3, 3, 3, 3, 3, 3, 3, 3, 2]), ("gender", "P"), ("age", 34), ("education", "SMA"), ("occupation", "wirausaha")));
        await client.SentAsync(Skm.Questionnaire(agency, [4, 3, 2, 4, 3, 3, 4, 3, 2]));

        var stored = await app.WithDbAsync(db => db.SurveyResponses.AsNoTracking().Where(r => r.AgencyCode == agency).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.All(stored, r => Assert.Equal((SurveySource.Public, (Guid?)null, Skm.Today), (r.Source, r.EnteredBy, r.SurveyDate)));
        Assert.Equal((RespondentGender.Female, 34, RespondentEducation.SMA, RespondentOccupation.Wirausaha), (stored[1].Gender!.Value, stored[1].Age!.Value, stored[1].Education!.Value, stored[1].Occupation!.Value));

        using var leader = await app.SignInAsync(await app.CreateAsync(StaffRole.Leader, withTwoFactor: true));
        var results = JsonDocument.Parse(await leader.Http.GetStringAsync(Skm.ResultsUrl(agency, Skm.Today.AddDays(-7), Skm.Today))).RootElement;

        Assert.Equal(3, results.GetProperty("respondents").GetInt32());
        // Sums per element: 11, 10, 9, 11, 10, 10, 11, 10, 8 = 90 of 27 answers; IKM = 25 x 90 / 27 = 83.33 (B).
        var elements = results.GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal([11, 10, 9, 11, 10, 10, 11, 10, 8], elements.Select(e => e.GetProperty("sum").GetInt64()));
        Assert.Equal(3.6667m, elements[0].GetProperty("nrr").GetDecimal());
        Assert.Equal(0.4074m, elements[0].GetProperty("weightedNrr").GetDecimal());
        Assert.Equal(91.67m, elements[0].GetProperty("converted").GetDecimal());
        Assert.Equal("A", elements[0].GetProperty("band").GetString());
        Assert.Equal("Waktu Penyelesaian", elements[2].GetProperty("name").GetString());
        Assert.Equal(83.33m, results.GetProperty("ikm").GetDecimal());
        Assert.Equal(3.3333m, results.GetProperty("unitValue").GetDecimal());
        Assert.Equal(("B", "Baik"), (results.GetProperty("band").GetString(), results.GetProperty("bandLabel").GetString()));
        Assert.Equal([9, 3, 2], results.GetProperty("lowest").EnumerateArray().Select(e => e.GetInt32()));
        var gender = results.GetProperty("profile").GetProperty("gender").EnumerateArray().ToDictionary(e => e.GetProperty("value").GetString() ?? "-", e => e.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["L"] = 0, ["P"] = 1, ["-"] = 2 }, gender);
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> body, params (string Key, object Value)[] fields)
    {
        foreach (var (key, value) in fields)
            body[key] = value;
        return body;
    }

    public static TheoryData<string, object?, string, string> BadAnswers => new()
    {
        { "u3", null, "u3", "Unsur 3 (Waktu Penyelesaian) belum dijawab" },
        { "u5", 5, "u5", "Unsur 5 (Produk Spesifikasi Jenis Pelayanan): jawaban \"5\" tidak sah" },
        { "u9", 0, "u9", "Unsur 9 (Sarana dan Prasarana): jawaban \"0\" tidak sah" },
        { "u1", "sangat", "u1", "Unsur 1 (Persyaratan): jawaban \"sangat\" tidak sah" },
        { "u2", 2.5, "u2", "Unsur 2 (Sistem, Mekanisme, dan Prosedur): jawaban \"2.5\" tidak sah" },
        { "u8", -1, "u8", "Unsur 8 (Penanganan Pengaduan, Saran dan Masukan): jawaban \"-1\" tidak sah" },
        { "u7", "", "u7", "Unsur 7 (Perilaku Pelaksana) belum dijawab" },
        { "agency", "dinas-yang-tidak-ada", "agency", "Unit layanan \"dinas-yang-tidak-ada\" tidak dikenal." },
        { "agency", "pln", "agency", "Unit layanan \"pln\" tidak dikenal." },
        { "agency", null, "agency", "Pilih unit layanan" },
        { "gender", "X", "gender", "yang boleh: L, P" },
        { "age", 7, "age", "Umur harus bilangan bulat dari 10 sampai 120 tahun." },
        { "education", "SMK", "education", "yang boleh: SD, SMP, SMA, S1, S2, S3" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_bad_questionnaire_is_refused_with_the_field_named_and_nothing_is_stored(string field, object? value, string errorField, string message)
    {
        using var client = app.CreateClient();
        var body = Skm.Questionnaire("kec-31.71.02", Skm.All(3));
        body[field] = value;
        var before = await CountAsync();

        var errors = await (await client.SendAsync(body)).ErrorsAsync();

        Assert.Equal([errorField], errors.Keys);
        Assert.Contains(message, Assert.Single(errors[errorField]), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_empty_questionnaire_names_all_nine_elements_in_english_when_asked()
    {
        using var client = app.CreateClient();
        var before = await CountAsync();

        var errors = await (await client.SendAsync(new { agency = "kec-31.71.02" }, "en")).ErrorsAsync();

        Assert.Equal(Enumerable.Range(1, 9).Select(n => $"u{n}"), errors.Keys.Order());
        Assert.Equal("Element 3 (Completion time) has no answer: choose one of the answers 1 to 4.", Assert.Single(errors["u3"]));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Malformed_or_non_json_bodies_are_refused()
    {
        using var client = app.CreateClient();
        var before = await CountAsync();

        var malformed = await client.PostAsync("/api/skm/responses", new StringContent("{\"agency\": ", System.Text.Encoding.UTF8, "application/json"));
        var array = await client.PostAsync("/api/skm/responses", new StringContent("[1,2,3]", System.Text.Encoding.UTF8, "application/json"));
        var form = await client.PostAsync("/api/skm/responses", new FormUrlEncodedContent(new Dictionary<string, string> { ["agency"] = "kec-31.71.02" }));

        Assert.Equal(["body"], (await malformed.ErrorsAsync()).Keys);
        Assert.Equal(["body"], (await array.ErrorsAsync()).Keys);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_one_time_link_gives_one_answer_and_a_forged_or_foreign_one_none()
    {
        const string agency = "kec-31.71.03";
        using var client = app.CreateClient();
        var links = app.Services.GetRequiredService<Aduan.Web.Surveys.SurveyLinks>();
        var token = links.NewToken(agency);
        var before = await CountAsync();

        var forged = await client.SendAsync(With(Skm.Questionnaire(agency, Skm.All(4)), ("token", token[..^4] + "AAAA")));
        var foreign = await client.SendAsync(With(Skm.Questionnaire("kec-31.71.04", Skm.All(4)), ("token", token)));
        Assert.Equal(["token"], (await forged.ErrorsAsync()).Keys);
        Assert.Equal(["token"], (await foreign.ErrorsAsync()).Keys);
        Assert.Equal(before, await CountAsync());

        var first = await client.SendAsync(With(Skm.Questionnaire(agency, Skm.All(4)), ("token", token)));
        var second = await client.SendAsync(With(Skm.Questionnaire(agency, Skm.All(1)), ("token", token)));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before + 1, await CountAsync());
        Assert.Equal(36, await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.AgencyCode == agency).SumAsync(r => r.Answer1 + r.Answer2 + r.Answer3 + r.Answer4 + r.Answer5 + r.Answer6 + r.Answer7 + r.Answer8 + r.Answer9)));
    }

    [Theory]
    [InlineData("agency=kec-31.71.01", new[] { "from", "to" })]
    [InlineData("agency=kec-31.71.01&from=2026-06-30&to=2026-01-01", new[] { "to" })]
    [InlineData("agency=kec-31.71.01&from=30-06-2026&to=2026-07-01", new[] { "from" })]
    [InlineData("agency=tidak-ada&from=2026-01-01&to=2026-06-30", new[] { "agency" })]
    [InlineData("from=2026-01-01&to=2026-06-30", new[] { "agency" })]
    [InlineData("agency=pln&from=&to=", new[] { "agency", "from", "to" })]
    public async Task Results_with_a_missing_reversed_or_bad_period_or_an_unknown_agency_are_refused(string query, string[] fields)
    {
        using var leader = await app.SignInAsync(await app.CreateAsync(StaffRole.Leader, withTwoFactor: true));

        var results = await (await leader.Http.GetAsync("/api/skm/results?" + query)).ErrorsAsync();
        var export = await (await leader.Http.GetAsync("/api/skm/responses.csv?" + query)).ErrorsAsync();

        Assert.Equal(fields, results.Keys.Order());
        Assert.Equal(fields, export.Keys.Order());
    }

    [Fact]
    public async Task Agency_staff_see_their_own_agencys_results_and_leaders_admins_and_operators_every_agencys()
    {
        var url = Skm.ResultsUrl(Infrastructure.Staff.SudinBinaMargaJakpus, Skm.Today.AddDays(-30), Skm.Today);
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);

        foreach (var (roles, agency, expected) in new (StaffRole, string?, HttpStatusCode)[]
        {
            (StaffRole.AgencyOfficer, Infrastructure.Staff.SudinBinaMargaJakpus, HttpStatusCode.OK),
            (StaffRole.AgencyOfficer, Infrastructure.Staff.SudinLingkunganJakpus, HttpStatusCode.Forbidden),
            (StaffRole.AgencyHead, Infrastructure.Staff.DinasBinaMarga, HttpStatusCode.OK), // the suku dinas is under the dinas
            (StaffRole.AgencyHead, Infrastructure.Staff.SudinBinaMargaJaksel, HttpStatusCode.Forbidden),
            (StaffRole.Verifier, null, HttpStatusCode.Forbidden),
            (StaffRole.Leader, null, HttpStatusCode.OK),
            (StaffRole.Admin, null, HttpStatusCode.OK),
            (StaffRole.Operator, null, HttpStatusCode.OK),
        })
        {
            using var staff = await app.SignInAsync(await app.CreateAsync(roles, agency, withTwoFactor: (roles & (StaffRole.Leader | StaffRole.Admin)) != 0));
            var response = await staff.Http.GetAsync(url);
            Assert.True(expected == response.StatusCode, $"{roles} of {agency}: {response.StatusCode}");
        }

        using var key = app.KeyClient(await app.CreateKeyAsync([ApiScopes.ReportsRead], Infrastructure.Staff.SudinLingkunganJakpus));
        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_csv_export_has_one_anonymous_row_per_questionnaire_of_the_agency_and_period()
    {
        const string agency = "kec-31.71.05";
        using var client = app.CreateClient();
        await client.SentAsync(With(Skm.Questionnaire(agency, [1, 2, 3, 4, 1, 2, 3, 4, 1]), ("gender", "L"), ("age", "61")));
        await client.SentAsync(Skm.Questionnaire(agency, Skm.All(2)));
        await client.SentAsync(Skm.Questionnaire("kec-31.71.06", Skm.All(3)));
        using var officer = await app.SignInAsync(await app.CreateAsync(StaffRole.AgencyOfficer, agency));

        var response = await officer.Http.GetAsync($"/api/skm/responses.csv?agency={agency}&from={Skm.Day(Skm.Today)}&to={Skm.Day(Skm.Today)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("instansi,tanggal_survei,sumber,u1,u2,u3,u4,u5,u6,u7,u8,u9,jenis_kelamin,umur,pendidikan,pekerjaan", lines[0]);
        Assert.Equal(
            [$"{agency},{Skm.Day(Skm.Today)},daring,1,2,3,4,1,2,3,4,1,L,61,,", $"{agency},{Skm.Day(Skm.Today)},daring,2,2,2,2,2,2,2,2,2,,,,"],
            lines.Skip(1));
    }
}

[Collection(SurveySqliteCollection.Name)]
public sealed class SurveyApiOnSqlite(SurveySqliteApp app) : SurveyApiTests(app);

[Collection(SurveyPostgresCollection.Name)]
public sealed class SurveyApiOnPostgres(SurveyPostgresApp app) : SurveyApiTests(app);
