using System.Net;
using System.Net.Http.Json;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Portal;

/// <summary>
/// Reports carrying distinctive personal data (names, phones, e-mails, a NIK in the reporter's
/// fields), an internal note and a confidential report, then every public endpoint
/// (<see cref="PublicEndpoints"/>): none of it may appear anywhere.
/// </summary>
public abstract class PrivacyTests(AduanApp app)
{
    private static readonly string[] Secrets =
    [
        "Sutarmi", "Wiryaatmadja", "3171015506780003", "081399887766", "0813-9988-7766", "99887766", "sutarmi.wiryaatmadja",
        "Bambang", "Kusumawardhana", "085711223344", "0857-1122-3344", "11223344", "bambang.kusuma",
        "Ratna", "Sulistyowati", "087855667788", "55667788", "ratna.sulis", "XQZ-RAHASIA-77",
        "XQZ-CATATAN-99", "pengikut.xqz",
    ];

    [Fact]
    public async Task No_personal_data_internal_note_or_confidential_report_appears_on_any_public_endpoint()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var open = await SubmitAsync(client, "publik", "Sutarmi Wiryaatmadja 3171015506780003", "0813-9988-7766", "sutarmi.wiryaatmadja@contoh.id",
            "Jalan berlubang besar di depan halte Monas, membahayakan pemotor.");
        var anonymous = await SubmitAsync(client, "anonim", "Bambang Kusumawardhana", "0857-1122-3344", "bambang.kusuma@contoh.id",
            "Trotoar rusak parah di dekat pintu masuk Monas, banyak yang tersandung.");
        var confidential = await SubmitAsync(client, "rahasia", "Ratna Sulistyowati", "0878-5566-7788", "ratna.sulis@contoh.id",
            "Pungli oleh petugas loket berinisial XQZ-RAHASIA-77 setiap pagi.");
        var desk = new DispatchDesk(app);
        foreach (var code in new[] { open, anonymous, confidential })
            await desk.VerifyAsync(code);
        using var staff = app.KeyClient(await app.CreateKeyAsync([Aduan.Staff.ApiScopes.ReportsRead, Aduan.Staff.ApiScopes.ReportsWrite]));
        var note = await staff.PostAsJsonAsync($"/api/staff/reports/{open}/notes", new { text = "Catatan internal XQZ-CATATAN-99: pelapor kerabat lurah.", @public = false });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var subscribed = await Infrastructure.Staff.PostFormAsync(client, "/peringatan", new() { ["email"] = "pengikut.xqz@contoh.id", ["wilayah"] = "31.71.01" });
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);
        var agency = await app.WithDbAsync(db => db.Reports.Where(r => r.Code == open.Replace("-", "")).Select(r => r.AgencyCode).SingleAsync());
        var subscription = await app.WithDbAsync(db => db.AlertSubscriptions.Where(s => s.Email == "pengikut.xqz@contoh.id").Select(s => s.Id).SingleAsync());
        Assert.NotNull(agency);

        var checkedAny = 0;
        foreach (var endpoint in PublicEndpoints.All(open, anonymous, confidential, agency!, subscription.ToString("N")))
        {
            var response = await client.GetAsync(endpoint.Url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(endpoint.Status == (int)response.StatusCode, $"{endpoint.Url}: {(int)response.StatusCode}");
            foreach (var secret in Secrets)
                Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{endpoint.Url} shows '{secret}'");
            if (endpoint.Lists)
            {
                Assert.False(body.Contains(confidential, StringComparison.Ordinal) || body.Contains(confidential.Replace("-", ""), StringComparison.Ordinal),
                    $"{endpoint.Url} lists the confidential report");
            }
            checkedAny++;
        }

        // The listings did list the other two, so the checks above looked at real content.
        var csv = await client.GetStringAsync("/data-terbuka/laporan.csv");
        Assert.Contains(open, csv);
        Assert.Contains(anonymous, csv);
        Assert.Contains("Jalan berlubang besar di depan halte Monas", await client.GetStringAsync($"/lacak/{open}"));
        Assert.True(checkedAny > 40);
    }

    private static async Task<string> SubmitAsync(HttpClient client, string visibility, string name, string phone, string email, string description)
    {
        var body = Samples.Report(description);
        (body["visibility"], body["name"], body["phone"], body["email"]) = (visibility, name, phone, email);
        if (visibility == "anonim")
            body["category"] = "trotoar-rusak";
        var response = await client.PostReportAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }
}

[Collection(PrivacySqliteCollection.Name)]
public sealed class SqlitePrivacyTests(PrivacySqliteApp app) : PrivacyTests(app);

[Collection(PrivacyPostgresCollection.Name)]
public sealed class PostgresPrivacyTests(PrivacyPostgresApp app) : PrivacyTests(app);
