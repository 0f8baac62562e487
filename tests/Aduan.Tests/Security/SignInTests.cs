using System.Net;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Security;

/// <summary>Staff sign-in: generic failures, lockout, the second factor, and the headers every answer carries.</summary>
public abstract class SignInTests(AduanApp app)
{
    private const string GenericFailure = "Email atau kata sandi salah";

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task A_wrong_password_and_an_unknown_e_mail_get_the_same_generic_message()
    {
        var staff = await app.CreateAsync(StaffRole.Operator);

        var wrong = await Infrastructure.Staff.PostFormAsync(Browser(), "/masuk", new() { ["email"] = staff.Email, ["password"] = "salah-sekali-123" });
        var unknown = await Infrastructure.Staff.PostFormAsync(Browser(), "/masuk", new() { ["email"] = "tidak.ada@uji.aduan.id", ["password"] = "salah-sekali-123" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains(GenericFailure, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(GenericFailure, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(wrong.Headers.Contains("Set-Cookie") && wrong.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("aduan.staf=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        var staff = await app.CreateAsync(StaffRole.Operator);
        for (var i = 0; i < 5; i++)
            await Infrastructure.Staff.PostFormAsync(Browser(), "/masuk", new() { ["email"] = staff.Email, ["password"] = $"tebakan-salah-{i}" });

        var right = await Infrastructure.Staff.PostFormAsync(Browser(), "/masuk", new() { ["email"] = staff.Email, ["password"] = staff.Password });

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains(GenericFailure, await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var lockedUntil = await app.WithDbAsync(db => db.Users.Where(u => u.Id == staff.Id).Select(u => u.LockoutEnd).SingleAsync());
        Assert.True(lockedUntil > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task A_sign_in_form_without_its_token_is_refused()
    {
        var staff = await app.CreateAsync(StaffRole.Operator);
        using var client = Browser();

        var response = await client.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = staff.Email, ["password"] = staff.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("aduan.staf=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_admin_without_a_second_factor_is_sent_to_set_one_up_and_gets_in_once_it_works()
    {
        var admin = await app.CreateAsync(StaffRole.Admin);
        var session = await app.SignInAsync(admin);

        var blocked = await session.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.Equal("/akun/keamanan?wajib=1", blocked.Headers.Location!.OriginalString);
        var setup = WebUtility.HtmlDecode(await session.Http.GetStringAsync("/akun/keamanan?wajib=1"));
        Assert.Contains("data:image/svg+xml;base64,", setup, StringComparison.Ordinal);

        var wrongCode = await Infrastructure.Staff.PostFormAsync(session.Http, "/akun/keamanan", new() { ["code"] = "000000" }, handler: "Enable");
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        var enabled = await Infrastructure.Staff.PostFormAsync(session.Http, "/akun/keamanan", new() { ["code"] = await app.TotpAsync(admin) }, handler: "Enable");
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/admin")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task With_a_second_factor_the_password_alone_is_not_enough_and_a_wrong_code_is_refused()
    {
        var leader = await app.CreateAsync(StaffRole.Leader, withTwoFactor: true);
        using var client = Browser();

        var password = await Infrastructure.Staff.PostFormAsync(client, "/masuk", new() { ["email"] = leader.Email, ["password"] = leader.Password });
        Assert.StartsWith("/masuk/dua-langkah", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/reports")).StatusCode);

        var wrong = await Infrastructure.Staff.PostFormAsync(client, "/masuk/dua-langkah", new() { ["code"] = "123456" == await app.TotpAsync(leader) ? "654321" : "123456" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var right = await Infrastructure.Staff.PostFormAsync(client, "/masuk/dua-langkah", new() { ["code"] = await app.TotpAsync(leader) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reports")).StatusCode);
    }

    [Fact]
    public async Task Someone_with_a_temporary_password_must_change_it_before_anything_else()
    {
        string temporary;
        TestStaff officer;
        using (var scope = app.Services.CreateScope())
        {
            var email = $"baru-{Guid.NewGuid():N}@uji.aduan.id";
            var created = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
                .CreateAsync(new NewStaff(email, "Petugas Baru", StaffRole.AgencyOfficer, Infrastructure.Staff.SudinBinaMargaJakpus, Password: null), CancellationToken.None);
            temporary = created.TemporaryPassword!;
            officer = new TestStaff(created.User!.Id, email, temporary, StaffRole.AgencyOfficer, Infrastructure.Staff.SudinBinaMargaJakpus);
        }
        var session = await app.SignInAsync(officer);

        var inbox = await session.Http.GetAsync("/staf");
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.StartsWith("/akun/keamanan", inbox.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.Http.GetAsync("/api/reports")).StatusCode);

        var changed = await Infrastructure.Staff.PostFormAsync(session.Http, "/akun/keamanan",
            new() { ["current"] = temporary, ["next"] = "kalimat-panjang-pilihan-sendiri-7" }, handler: "Password");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/staf")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == officer.Id).Select(u => u.MustChangePassword).SingleAsync()));
    }

    [Fact]
    public async Task A_disabled_account_loses_its_open_session_and_cannot_sign_in_again()
    {
        var officer = await app.CreateAsync(StaffRole.AgencyOfficer, Infrastructure.Staff.SudinBinaMargaJakpus);
        var session = await app.SignInAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/staf")).StatusCode);

        using (var scope = app.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SetDisabledAsync(officer.Id, disabled: true)).Succeeded);

        Assert.Equal(HttpStatusCode.Redirect, (await session.Http.GetAsync("/staf")).StatusCode);
        var again = await Infrastructure.Staff.PostFormAsync(Browser(), "/masuk", new() { ["email"] = officer.Email, ["password"] = officer.Password });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_refuse_framing_and_HTTPS_answers_carry_HSTS()
    {
        using var plain = app.CreateClient();
        using var secure = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://aduan.contoh.go.id") });

        var page = await plain.GetAsync("/lapor");
        var overTls = await secure.GetAsync("/lacak");

        var csp = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.StartsWith("max-age=31536000", overTls.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploaded_photos_are_served_only_as_the_image_type_found_in_their_bytes()
    {
        using var client = app.CreateClient();
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in Samples.Report())
        {
            if (value is not null)
                form.Add(new StringContent(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!), name);
        }
        var photo = new ByteArrayContent(Samples.UniquePng());
        photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/html"); // what the client claims does not matter
        form.Add(photo, "photos", "foto.html");
        var created = await (await client.PostAsync("/api/reports", form)).JsonAsync();

        var url = created.GetProperty("photos")[0].GetString()!;
        var served = await client.GetAsync(url);

        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignInOnSqlite(SqliteApp app) : SignInTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SignInOnPostgres(PostgresApp app) : SignInTests(app);
