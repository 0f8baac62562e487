using System.Net;
using System.Text.RegularExpressions;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Admin;

/// <summary>The admin pages (/admin, /admin/pengguna/{id}, /admin/kunci-api, /admin/log-identitas) over HTTP with the real sign-in, on both databases.</summary>
public abstract partial class AdminPagesTests(AduanApp app)
{
    private const string SignInFailed = "Email atau kata sandi salah";

    [Fact]
    public async Task An_invited_person_signs_in_with_the_temporary_password_shown_once()
    {
        using var admin = await SignInAdminAsync();
        var email = $"undangan-{Guid.NewGuid():N}@uji.aduan.id";

        var response = await PostAsync(admin, "/admin", "Invite",
            [new("email", email), new("displayName", "Dewi Lestari"), new("roles", "operator"), new("roles", "verifier"), new("agency", ""), new("password", "")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var html = await response.Content.ReadAsStringAsync();
        var password = WebUtility.HtmlDecode(TemporaryPasswordPattern().Match(html).Groups[1].Value);
        Assert.Matches("^[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}-[2-9]{2}$", password);
        var user = await FindAsync(email);
        Assert.Equal(StaffRole.Operator | StaffRole.Verifier, user.Roles);
        Assert.Equal("Dewi Lestari", user.DisplayName);
        var list = await admin.Http.GetStringAsync("/admin");
        Assert.Contains(email, list);
        Assert.Contains("Operator media center, Verifikator lapangan", list);
        Assert.DoesNotContain(password, list);
        using var invited = await app.SignInAsync(new TestStaff(user.Id, email, password, user.Roles, null));
        Assert.Equal(HttpStatusCode.OK, (await invited.Http.GetAsync("/akun/keamanan")).StatusCode);
    }

    [Fact]
    public async Task Inviting_an_officer_without_an_agency_shows_the_field_error_and_saves_nothing()
    {
        using var admin = await SignInAdminAsync();
        var email = $"undangan-{Guid.NewGuid():N}@uji.aduan.id";

        var response = await PostAsync(admin, "/admin", "Invite",
            [new("email", email), new("displayName", "Budi Santoso"), new("roles", "officer"), new("agency", "")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<p class=\"field-error\">Petugas dan kepala instansi harus terdaftar pada satu instansi.</p>", html);
        Assert.Contains($"value=\"{email}\"", html); // the form keeps what was typed
        Assert.DoesNotMatch(TemporaryPasswordPattern(), html);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task The_account_page_changes_name_roles_and_agency()
    {
        using var admin = await SignInAdminAsync();
        var verifier = await app.CreateAsync(StaffRole.Verifier);
        var page = await admin.Http.GetStringAsync($"/admin/pengguna/{verifier.Id}");
        Assert.Contains($"action=\"/admin/pengguna/{verifier.Id}?handler=Save\"", page);

        var response = await PostAsync(admin, $"/admin/pengguna/{verifier.Id}", "Save",
            [new("displayName", "Rina Kartika"), new("roles", "officer"), new("roles", "head"), new("agency", Infrastructure.Staff.DinasBinaMarga)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Perubahan tersimpan.", await response.Content.ReadAsStringAsync());
        var user = await FindAsync(verifier.Email);
        Assert.Equal(StaffRole.AgencyOfficer | StaffRole.AgencyHead, user.Roles);
        Assert.Equal(Infrastructure.Staff.DinasBinaMarga, user.AgencyCode);
        Assert.Equal("Rina Kartika", user.DisplayName);
        Assert.Contains("Dinas Bina Marga", await admin.Http.GetStringAsync("/admin"));
    }

    [Fact]
    public async Task Resetting_a_password_refuses_the_old_one_and_accepts_the_new_one()
    {
        using var admin = await SignInAdminAsync();
        var officer = await app.CreateAsync(StaffRole.AgencyOfficer, Infrastructure.Staff.SudinBinaMargaJakpus);

        var response = await PostAsync(admin, $"/admin/pengguna/{officer.Id}", "Reset", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = WebUtility.HtmlDecode(TemporaryPasswordPattern().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.NotEmpty(password);
        Assert.DoesNotContain(password, await admin.Http.GetStringAsync($"/admin/pengguna/{officer.Id}"));
        var (oldStatus, oldHtml) = await TrySignInAsync(officer.Email, officer.Password);
        Assert.Equal(HttpStatusCode.BadRequest, oldStatus);
        Assert.Contains(SignInFailed, oldHtml);
        using var signedIn = await app.SignInAsync(officer with { Password = password });
    }

    [Fact]
    public async Task Disabling_refuses_sign_in_ends_the_open_session_and_enabling_lets_the_person_back_in()
    {
        using var admin = await SignInAdminAsync();
        var operatorStaff = await app.CreateAsync(StaffRole.Operator);
        using var session = await app.SignInAsync(operatorStaff);
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/akun/keamanan")).StatusCode);

        var disabled = await PostAsync(admin, $"/admin/pengguna/{operatorStaff.Id}", "Disable", []);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await FindAsync(operatorStaff.Email)).IsDisabled);
        var afterDisable = await session.Http.GetAsync("/akun/keamanan");
        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        Assert.StartsWith("/masuk", afterDisable.Headers.Location!.PathOnly(), StringComparison.Ordinal);
        var (status, html) = await TrySignInAsync(operatorStaff.Email, operatorStaff.Password);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(SignInFailed, html);
        Assert.Contains("<span class=\"badge secret\">Nonaktif</span>", await admin.Http.GetStringAsync($"/admin/pengguna/{operatorStaff.Id}"));

        var enabled = await PostAsync(admin, $"/admin/pengguna/{operatorStaff.Id}", "Enable", []);

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.False((await FindAsync(operatorStaff.Email)).IsDisabled);
        using var again = await app.SignInAsync(operatorStaff);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/akun/keamanan")).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themself_or_remove_their_own_admin_role()
    {
        var me = await app.CreateAsync(StaffRole.Admin, withTwoFactor: true);
        using var admin = await app.SignInAsync(me);

        var disable = await PostAsync(admin, $"/admin/pengguna/{me.Id}", "Disable", []);
        var demote = await PostAsync(admin, $"/admin/pengguna/{me.Id}", "Save",
            [new("displayName", "Admin Uji"), new("roles", "operator"), new("agency", "")]);

        Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode);
        Assert.Contains("tidak dapat menonaktifkan akun Anda sendiri", await disable.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Contains("tidak dapat mencabut peran Admin dari akun Anda sendiri", await demote.Content.ReadAsStringAsync());
        var user = await FindAsync(me.Email);
        Assert.False(user.IsDisabled);
        Assert.Equal(StaffRole.Admin, user.Roles);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task An_admin_who_gives_themself_another_role_stays_signed_in()
    {
        var me = await app.CreateAsync(StaffRole.Admin, withTwoFactor: true);
        using var admin = await app.SignInAsync(me);

        var response = await PostAsync(admin, $"/admin/pengguna/{me.Id}", "Save",
            [new("displayName", "Admin Uji"), new("roles", "admin"), new("roles", "operator"), new("agency", "")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaffRole.Admin | StaffRole.Operator, (await FindAsync(me.Email)).Roles);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_new_key_is_shown_once_works_as_a_bearer_token_and_stops_working_when_revoked()
    {
        using var admin = await SignInAdminAsync();
        var name = $"dasbor-uji-{Guid.NewGuid():N}";

        var response = await PostAsync(admin, "/admin/kunci-api", "Create",
            [new("name", name), new("scopes", ApiScopes.ReportsRead), new("agency", "")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        Assert.StartsWith("adn_", token, StringComparison.Ordinal);
        Assert.Contains($"Authorization: Bearer {token}", WebUtility.HtmlDecode(html));
        var list = await admin.Http.GetStringAsync("/admin/kunci-api");
        Assert.Contains(name, list);
        Assert.DoesNotContain(token, list);
        using var integration = app.KeyClient(token);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/reports")).StatusCode);

        var id = await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == name).Select(k => k.Id).SingleAsync());
        var revoked = await PostAsync(admin, "/admin/kunci-api", "Revoke", [new("id", id.ToString())]);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("/api/reports")).StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == id).Select(k => k.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task A_key_without_a_scope_is_refused_with_a_field_error()
    {
        using var admin = await SignInAdminAsync();
        var name = $"tanpa-cakupan-{Guid.NewGuid():N}";

        var response = await PostAsync(admin, "/admin/kunci-api", "Create", [new("name", name), new("agency", "")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Pilih setidaknya satu cakupan", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.Name == name)));
    }

    [Fact]
    public async Task The_identity_log_shows_a_reporter_read_by_an_operator()
    {
        var code = await SubmitReportAsync();
        var operatorStaff = await app.CreateAsync(StaffRole.Operator);
        using (var operatorSession = await app.SignInAsync(operatorStaff))
        {
            var read = await operatorSession.Http.GetAsync($"/api/staff/reports/{code}/reporter?purpose=konfirmasi+lokasi");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        using var admin = await SignInAdminAsync();

        var filtered = WebUtility.HtmlDecode(await admin.Http.GetStringAsync($"/admin/log-identitas?kode={code.ToLowerInvariant()}"));
        var all = WebUtility.HtmlDecode(await admin.Http.GetStringAsync("/admin/log-identitas"));
        var other = WebUtility.HtmlDecode(await admin.Http.GetStringAsync($"/admin/log-identitas?kode={await SubmitReportAsync()}"));

        Assert.Contains(operatorStaff.Email, filtered);
        Assert.Contains(code, filtered);
        Assert.Contains("konfirmasi lokasi", filtered);
        Assert.Contains(code, all);
        Assert.DoesNotContain(operatorStaff.Email, other);
        Assert.Contains("Belum ada catatan.", other);
    }

    [Fact]
    public async Task Other_staff_are_refused_and_anonymous_visitors_are_sent_to_sign_in()
    {
        var operatorStaff = await app.CreateAsync(StaffRole.Operator);
        using var session = await app.SignInAsync(operatorStaff);
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var page in new[] { "/admin", $"/admin/pengguna/{operatorStaff.Id}", "/admin/kunci-api", "/admin/log-identitas" })
        {
            var refused = await session.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/masuk/ditolak", refused.Headers.Location!.PathOnly());
            Assert.Equal(HttpStatusCode.Forbidden, (await session.Http.GetAsync(refused.Headers.Location)).StatusCode);
            var visitor = await anonymous.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
            Assert.Equal("/masuk", visitor.Headers.Location!.PathOnly());
        }
        var post = await PostAsync(session, $"/admin/pengguna/{operatorStaff.Id}", "Reset", []);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/masuk/ditolak", post.Headers.Location!.PathOnly());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected_and_changes_nothing()
    {
        using var admin = await SignInAdminAsync();
        var operatorStaff = await app.CreateAsync(StaffRole.Operator);
        var email = $"undangan-{Guid.NewGuid():N}@uji.aduan.id";

        var invite = await admin.Http.PostAsync("/admin?handler=Invite", new FormUrlEncodedContent(
            [new("email", email), new("displayName", "Tanpa Token"), new("roles", "operator")]));
        var disable = await admin.Http.PostAsync($"/admin/pengguna/{operatorStaff.Id}?handler=Disable", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, invite.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.False((await FindAsync(operatorStaff.Email)).IsDisabled);
    }

    [Fact]
    public async Task An_unknown_account_gets_a_404_page()
    {
        using var admin = await SignInAdminAsync();

        var response = await admin.Http.GetAsync($"/admin/pengguna/{Guid.NewGuid()}");
        var post = await PostAsync(admin, $"/admin/pengguna/{Guid.NewGuid()}", "Reset", []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Akun petugas tidak ditemukan.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    private async Task<StaffClient> SignInAdminAsync() =>
        await app.SignInAsync(await app.CreateAsync(StaffRole.Admin, withTwoFactor: true));

    /// <summary>Posts a page form with the session's antiforgery token; fields may repeat (checkboxes).</summary>
    private static Task<HttpResponseMessage> PostAsync(StaffClient client, string url, string handler, KeyValuePair<string, string>[] fields) =>
        client.Http.PostAsync($"{url}?handler={handler}",
            new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", client.FormToken)]));

    private async Task<(HttpStatusCode Status, string Html)> TrySignInAsync(string email, string password)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await Infrastructure.Staff.PostFormAsync(client, "/masuk", new() { ["email"] = email, ["password"] = password });
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private Task<StaffUser> FindAsync(string email) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    private async Task<string> SubmitReportAsync()
    {
        using var citizen = app.CreateClient();
        var response = await citizen.PostReportAsync(Samples.Report());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }

    [GeneratedRegex("id=\"temporary-password\">([^<]+)<")]
    private static partial Regex TemporaryPasswordPattern();

    [GeneratedRegex("id=\"api-token\">([^<]+)<")]
    private static partial Regex TokenPattern();
}

internal static class RedirectLocation
{
    /// <summary>The path of a redirect, whether the app sent it absolute (cookie challenges) or relative (pages).</summary>
    public static string PathOnly(this Uri location) =>
        location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
}

[Collection(SqliteCollection.Name)]
public sealed class AdminPagesOnSqlite(SqliteApp app) : AdminPagesTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AdminPagesOnPostgres(PostgresApp app) : AdminPagesTests(app);
