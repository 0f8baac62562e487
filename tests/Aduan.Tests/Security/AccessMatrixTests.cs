using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Security;

/// <summary>
/// Who may see and do what, over real HTTP with real sign-ins and keys: every staff endpoint
/// against every role, agency A's staff against agency B's reports, and what anonymous and
/// confidential reports show. The expected answers are written out by hand, row by row, from the
/// rules in issue 3 (not computed from the code under test).
/// </summary>
public abstract class AccessMatrixTests(AduanApp app)
{
    // Reports of the world below.
    public const string APublic = "A-public";       // dispatched to agency A (Suku Dinas Bina Marga Jakarta Pusat), public, with a phone
    public const string AAnonymous = "A-anonim";    // dispatched to A, anonymous
    public const string ASecret = "A-rahasia";      // dispatched to A, confidential
    public const string BPublic = "B-public";       // dispatched to agency B (Suku Dinas Lingkungan Hidup Jakarta Pusat)
    public const string New = "baru";               // received, not yet dispatched

    public static TheoryData<string, string, string, int> Cases => new()
    {
        // actor, action, report, expected status
        // Media centre operator: everything, reporter included (logged).
        { "operator", "read", ASecret, 200 },
        { "operator", "read", New, 200 },
        { "operator", "reporter", AAnonymous, 200 },
        { "operator", "reporter", ASecret, 200 },
        { "operator", "note", BPublic, 201 },
        { "operator", "attach", New, 201 },
        // Field verifier: all but confidential, never the reporter.
        { "verifier", "read", BPublic, 200 },
        { "verifier", "read", ASecret, 404 },
        { "verifier", "reporter", APublic, 403 },
        { "verifier", "note", New, 201 },
        { "verifier", "note", ASecret, 404 },
        // Officer of agency A: A's reports only; the reporter only when public.
        { "officerA", "read", APublic, 200 },
        { "officerA", "read", ASecret, 200 },
        { "officerA", "read", BPublic, 404 },
        { "officerA", "read", New, 404 },
        { "officerA", "reporter", APublic, 200 },
        { "officerA", "reporter", AAnonymous, 403 },
        { "officerA", "reporter", ASecret, 403 },
        { "officerA", "reporter", BPublic, 404 },
        { "officerA", "note", APublic, 201 },
        { "officerA", "note", BPublic, 404 },
        { "officerA", "attach", AAnonymous, 201 },
        { "officerA", "attach", BPublic, 404 },
        { "officerA", "photo", BPublic, 404 },
        { "officerB", "photo", BPublic, 200 },
        { "leader", "photo", BPublic, 200 },
        // Officer of agency B, the mirror image.
        { "officerB", "read", BPublic, 200 },
        { "officerB", "read", APublic, 404 },
        { "officerB", "note", APublic, 404 },
        { "officerB", "reporter", ASecret, 404 },
        // Head of the province Dinas Bina Marga: A is one of its suku dinas.
        { "headA", "read", APublic, 200 },
        { "headA", "read", ASecret, 200 },
        { "headA", "read", BPublic, 404 },
        { "headA", "reporter", APublic, 200 },
        { "headA", "note", APublic, 201 },
        // Leader (mayor's / governor's office): reads all but confidential, changes nothing.
        { "leader", "read", APublic, 200 },
        { "leader", "read", New, 200 },
        { "leader", "read", ASecret, 404 },
        { "leader", "reporter", APublic, 403 },
        { "leader", "note", APublic, 403 },
        { "leader", "attach", APublic, 403 },
        // Admin: manages, reads no reports.
        { "admin", "read", APublic, 403 },
        { "admin", "list", "", 403 },
        { "admin", "export", "", 403 },
        { "admin", "admin", "", 200 },
        { "admin+operator", "read", ASecret, 200 },
        { "admin+operator", "reporter", AAnonymous, 200 },
        { "operator", "admin", "", 403 },
        { "officerA", "admin", "", 403 },
        // An admin whose pack requires two-factor and who has not set it up yet.
        { "admin-without-2fa", "admin", "", 403 },
        // Nobody signed in.
        { "anonymous", "read", APublic, 401 },
        { "anonymous", "reporter", APublic, 401 },
        { "anonymous", "note", APublic, 401 },
        { "anonymous", "list", "", 401 },
        { "anonymous", "export", "", 401 },
        { "anonymous", "admin", "", 401 },
        // API keys.
        { "key-read", "read", ASecret, 200 },
        { "key-read", "reporter", APublic, 403 },
        { "key-read", "note", APublic, 403 },
        { "key-read", "list", "", 200 },
        { "key-read", "admin", "", 401 },
        { "key-reporters", "reporter", AAnonymous, 200 },
        { "key-agencyA", "read", APublic, 200 },
        { "key-agencyA", "read", BPublic, 404 },
        { "key-agencyA", "reporter", APublic, 200 },
        { "key-agencyA", "reporter", AAnonymous, 403 },
        { "key-agencyA", "note", APublic, 201 },
        { "key-agencyA", "note", BPublic, 404 },
        { "key-no-read-scope", "list", "", 403 },
        { "key-no-read-scope", "read", APublic, 403 },
        { "key-wrong", "list", "", 401 },
        { "key-wrong", "read", APublic, 401 },
        { "key-revoked", "list", "", 401 },
        { "key-malformed", "list", "", 401 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_actor_gets_exactly_what_the_rules_allow(string actor, string action, string report, int expected)
    {
        var world = await World.GetAsync(app);
        var caller = await world.CallerAsync(actor);
        var code = report.Length == 0 ? "" : world.Codes[report];
        using var request = action switch
        {
            "read" => caller.Request(HttpMethod.Get, $"/api/staff/reports/{code}"),
            "reporter" => caller.Request(HttpMethod.Get, $"/api/staff/reports/{code}/reporter?purpose=uji"),
            "note" => caller.Request(HttpMethod.Post, $"/api/staff/reports/{code}/notes", JsonContent.Create(new { text = $"Catatan uji {actor}", @public = false })),
            "attach" => caller.Request(HttpMethod.Post, $"/api/staff/reports/{code}/photos", PhotoForm()),
            "photo" => caller.Request(HttpMethod.Get, $"/api/staff/reports/{code}/photos/{world.PhotoHashes[report]}"),
            "list" => caller.Request(HttpMethod.Get, "/api/reports?pageSize=200"),
            "export" => caller.Request(HttpMethod.Get, "/api/staff/export.csv"),
            "admin" => caller.Request(HttpMethod.Get, "/api/admin/users"),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };

        using var response = await caller.Http.SendAsync(request);

        Assert.True(expected == (int)response.StatusCode, $"{actor} {action} {report}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (expected >= 400)
            Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "application/problem+json");
    }

    [Theory]
    [InlineData("operator", new[] { APublic, AAnonymous, ASecret, BPublic, New }, new string[0])]
    [InlineData("officerA", new[] { APublic, AAnonymous, ASecret }, new[] { BPublic, New })]
    [InlineData("officerB", new[] { BPublic }, new[] { APublic, AAnonymous, ASecret, New })]
    [InlineData("headA", new[] { APublic, AAnonymous, ASecret }, new[] { BPublic, New })]
    [InlineData("leader", new[] { APublic, AAnonymous, BPublic, New }, new[] { ASecret })]
    [InlineData("key-agencyA", new[] { APublic, AAnonymous, ASecret }, new[] { BPublic, New })]
    public async Task Listing_counts_and_export_hold_exactly_the_reports_the_actor_may_see(string actor, string[] sees, string[] doesNotSee)
    {
        var world = await World.GetAsync(app);
        var caller = await world.CallerAsync(actor);

        using var list = await caller.Http.SendAsync(caller.Request(HttpMethod.Get, "/api/reports?pageSize=200&category=jalan-rusak"));
        var json = await list.JsonAsync();
        var listed = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToHashSet();
        using var export = await caller.Http.SendAsync(caller.Request(HttpMethod.Get, "/api/staff/export.csv?category=jalan-rusak"));
        var csv = await export.Content.ReadAsStringAsync();
        using var search = await caller.Http.SendAsync(caller.Request(HttpMethod.Get, $"/api/reports?agency={Infrastructure.Staff.SudinBinaMargaJakpus}&pageSize=200"));
        var searched = (await search.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToHashSet();

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        foreach (var name in sees)
        {
            Assert.Contains(world.Codes[name], listed);
            Assert.Contains(world.Codes[name], csv, StringComparison.Ordinal);
        }
        foreach (var name in doesNotSee)
        {
            Assert.DoesNotContain(world.Codes[name], listed);
            Assert.DoesNotContain(world.Codes[name], csv, StringComparison.Ordinal);
            Assert.DoesNotContain(world.Codes[name], searched); // filtering by another agency reveals nothing either
        }
        var total = json.GetProperty("total").GetInt32();
        Assert.True(total >= listed.Count);
        if (!sees.Contains(New))
        {
            // Agency-scoped callers: only this test's world dispatches to these agencies, so the
            // count must be exactly what they may see (counts leak nothing of other agencies).
            Assert.Equal(sees.Length, total);
        }
        // Exports never carry who reported.
        Assert.DoesNotContain(World.ReporterPhone, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(World.ReporterName, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_agencys_report_answers_exactly_like_a_report_that_does_not_exist()
    {
        var world = await World.GetAsync(app);
        var officerB = await world.CallerAsync("officerB");

        using var hidden = await officerB.Http.SendAsync(officerB.Request(HttpMethod.Get, $"/api/staff/reports/{world.Codes[APublic]}"));
        using var missing = await officerB.Http.SendAsync(officerB.Request(HttpMethod.Get, "/api/staff/reports/ZZZZZ-ZZZZZ"));

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(missing.StatusCode, hidden.StatusCode);
        Assert.Equal(
            (await missing.JsonAsync()).GetProperty("title").GetString(),
            (await hidden.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_identity_read_is_logged_with_who_when_and_which_report()
    {
        var world = await World.GetAsync(app);
        var officerA = await world.CallerAsync("officerA");
        var before = await app.WithDbAsync(db => db.IdentityReads.CountAsync(r => r.ReportCode == world.Codes[APublic].Replace("-", "")));

        using var shown = await officerA.Http.SendAsync(officerA.Request(HttpMethod.Get, $"/api/staff/reports/{world.Codes[APublic]}/reporter?purpose=konfirmasi+lokasi"));
        using var refused = await officerA.Http.SendAsync(officerA.Request(HttpMethod.Get, $"/api/staff/reports/{world.Codes[AAnonymous]}/reporter"));

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(World.ReporterPhone, (await shown.JsonAsync()).GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var log = await app.WithDbAsync(db => db.IdentityReads.Where(r => r.ReportCode == world.Codes[APublic].Replace("-", "")).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(before + 1, log.Count);
        Assert.Equal(world.Staff["officerA"].Email, log[^1].Actor);
        Assert.Equal("konfirmasi lokasi", log[^1].Purpose);
        Assert.True(DateTimeOffset.UtcNow - log[^1].At < TimeSpan.FromMinutes(1));
        // A refused read writes nothing.
        Assert.Equal(0, await app.WithDbAsync(db => db.IdentityReads.CountAsync(r => r.ReportCode == world.Codes[AAnonymous].Replace("-", "") && r.Actor == world.Staff["officerA"].Email)));
    }

    [Fact]
    public async Task Anonymous_and_confidential_reports_never_show_the_reporter_to_the_public_and_confidential_ones_show_only_their_status()
    {
        var world = await World.GetAsync(app);
        var client = app.CreateClient();

        var anonymous = await client.GetStringAsync($"/api/reports/{world.Codes[AAnonymous]}");
        var secret = await (await client.GetAsync($"/api/reports/{world.Codes[ASecret]}")).JsonAsync();
        var secretPage = await client.GetStringAsync($"/lacak/{world.Codes[ASecret]}");
        var home = await client.GetStringAsync("/");

        foreach (var text in new[] { anonymous, secret.GetRawText(), secretPage, home })
        {
            Assert.DoesNotContain(World.ReporterName, text, StringComparison.Ordinal);
            Assert.DoesNotContain(World.ReporterPhone, text, StringComparison.Ordinal);
        }
        Assert.True(secret.GetProperty("confidential").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, secret.GetProperty("description").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, secret.GetProperty("address").ValueKind);
        Assert.Empty(secret.GetProperty("photos").EnumerateArray());
        Assert.DoesNotContain(World.SecretWords, secretPage, StringComparison.Ordinal);
        Assert.DoesNotContain(World.SecretWords, home, StringComparison.Ordinal);
        // Internal notes and internal photos stay internal.
        Assert.DoesNotContain("Catatan uji", anonymous, StringComparison.Ordinal);
        using var internalPhoto = await client.GetAsync($"/foto/{world.PhotoHashes[BPublic]}");
        Assert.Equal(HttpStatusCode.NotFound, internalPhoto.StatusCode);
    }

    [Fact]
    public async Task Changes_with_the_sign_in_cookie_need_the_form_token_and_a_tampered_cookie_is_refused()
    {
        var world = await World.GetAsync(app);
        var officerA = await world.CallerAsync("officerA");
        var updatesBefore = await app.WithDbAsync(db => db.Updates.CountAsync());

        using var forged = await officerA.Http.SendAsync(officerA.Request(HttpMethod.Post, $"/api/staff/reports/{world.Codes[APublic]}/notes",
            JsonContent.Create(new { text = "Dari situs lain" }), withToken: false));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(updatesBefore, await app.WithDbAsync(db => db.Updates.CountAsync()));

        var cookie = await SessionCookieAsync(world.Staff["officerA"]);
        using var tampered = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        tampered.DefaultRequestHeaders.Add("Cookie", "aduan.staf=" + cookie[..^4] + (cookie[^4..] == "AAAA" ? "BBBB" : "AAAA"));
        using var response = await tampered.GetAsync($"/api/staff/reports/{world.Codes[APublic]}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<string> SessionCookieAsync(TestStaff staff)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var page = await client.GetAsync("/masuk");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/masuk")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = staff.Email,
                ["password"] = staff.Password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", antiforgeryCookie));
        var signedIn = await client.SendAsync(post);
        var session = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("aduan.staf=", StringComparison.Ordinal));
        return session.Split(';')[0]["aduan.staf=".Length..];
    }

    private static MultipartFormDataContent PhotoForm()
    {
        var form = new MultipartFormDataContent();
        var photo = new ByteArrayContent(Samples.UniquePng());
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(photo, "photos", "bukti.png");
        form.Add(new StringContent("Foto dari lapangan"), "text");
        return form;
    }

    /// <summary>The reports, people and keys of the matrix, made once per app (database).</summary>
    private sealed class World
    {
        public const string ReporterName = "Rahmat Hidayat Uji";
        public const string ReporterPhone = "081298765432";
        public const string SecretWords = "rahasia-khusus-uji-matriks";

        private static readonly ConcurrentDictionary<AduanApp, Lazy<Task<World>>> Worlds = new();
        private readonly ConcurrentDictionary<string, Lazy<Task<StaffClient>>> _callers = new();
        private AduanApp _app = null!;

        public Dictionary<string, string> Codes { get; } = [];
        public Dictionary<string, string> PhotoHashes { get; } = [];
        public Dictionary<string, TestStaff> Staff { get; } = [];
        public Dictionary<string, string> Keys { get; } = [];

        public static Task<World> GetAsync(AduanApp app) => Worlds.GetOrAdd(app, a => new Lazy<Task<World>>(() => BuildAsync(a))).Value;

        public Task<StaffClient> CallerAsync(string actor) => _callers.GetOrAdd(actor, name => new Lazy<Task<StaffClient>>(() => ConnectAsync(name))).Value;

        private async Task<StaffClient> ConnectAsync(string actor)
        {
            if (actor == "anonymous")
                return new StaffClient(_app.CreateClient(new() { AllowAutoRedirect = false }), "");
            if (Keys.TryGetValue(actor, out var token))
                return new StaffClient(_app.KeyClient(token), "");
            return await _app.SignInAsync(Staff[actor]);
        }

        private static async Task<World> BuildAsync(AduanApp app)
        {
            var world = new World { _app = app };
            using var client = app.CreateClient();
            async Task<string> SubmitAsync(string name, string visibility, string? description = null)
            {
                var body = Samples.Report(description ?? $"Jalan berlubang dalam di depan sekolah, laporan uji {name} {Guid.NewGuid():N}.");
                body["name"] = ReporterName;
                body["phone"] = ReporterPhone;
                body["email"] = null;
                body["visibility"] = visibility;
                var response = await client.PostReportAsync(body);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return (await response.JsonAsync()).GetProperty("code").GetString()!;
            }
            world.Codes[APublic] = await SubmitAsync(APublic, "publik");
            world.Codes[AAnonymous] = await SubmitAsync(AAnonymous, "anonim");
            world.Codes[ASecret] = await SubmitAsync(ASecret, "rahasia", $"Pungutan liar oleh oknum, {SecretWords} {Guid.NewGuid():N}.");
            world.Codes[BPublic] = await SubmitAsync(BPublic, "publik");
            world.Codes[New] = await SubmitAsync(New, "publik");

            var now = DateTimeOffset.UtcNow;
            var internalPhoto = await app.Services.GetRequiredService<Aduan.Photos.PhotoStore>().SaveAsync(Samples.UniquePng(), "image/png", CancellationToken.None);
            await app.WithDbAsync(async db =>
            {
                foreach (var (name, agency) in new[] { (APublic, Infrastructure.Staff.SudinBinaMargaJakpus), (AAnonymous, Infrastructure.Staff.SudinBinaMargaJakpus), (ASecret, Infrastructure.Staff.SudinBinaMargaJakpus), (BPublic, Infrastructure.Staff.SudinLingkunganJakpus) })
                {
                    var code = world.Codes[name].Replace("-", "", StringComparison.Ordinal);
                    var report = await db.Reports.Include(r => r.Updates).SingleAsync(r => r.Code == code);
                    report.Verify(now, "operator-uji");
                    report.Dispatch(agency, [], now, "operator-uji", $"ke {agency}");
                    if (name == BPublic)
                    {
                        report.Comment(now, "operator-uji", "Catatan uji internal", isPublic: false);
                        report.AttachPhotos([new ReportPhoto { Sha256 = internalPhoto.Sha256, ContentType = internalPhoto.ContentType, Size = internalPhoto.Size, IsPublic = false }], now, "operator-uji", null, isPublic: false);
                    }
                }
                await db.SaveChangesAsync();
                return 0;
            });
            world.PhotoHashes[BPublic] = internalPhoto.Sha256;

            world.Staff["operator"] = await app.CreateAsync(StaffRole.Operator);
            world.Staff["verifier"] = await app.CreateAsync(StaffRole.Verifier);
            world.Staff["officerA"] = await app.CreateAsync(StaffRole.AgencyOfficer, Infrastructure.Staff.SudinBinaMargaJakpus);
            world.Staff["officerB"] = await app.CreateAsync(StaffRole.AgencyOfficer, Infrastructure.Staff.SudinLingkunganJakpus);
            world.Staff["headA"] = await app.CreateAsync(StaffRole.AgencyHead, Infrastructure.Staff.DinasBinaMarga);
            world.Staff["leader"] = await app.CreateAsync(StaffRole.Leader, withTwoFactor: true);
            world.Staff["admin"] = await app.CreateAsync(StaffRole.Admin, withTwoFactor: true);
            world.Staff["admin+operator"] = await app.CreateAsync(StaffRole.Admin | StaffRole.Operator, withTwoFactor: true);
            world.Staff["admin-without-2fa"] = await app.CreateAsync(StaffRole.Admin);

            world.Keys["key-read"] = await app.CreateKeyAsync([ApiScopes.ReportsRead]);
            world.Keys["key-reporters"] = await app.CreateKeyAsync([ApiScopes.ReportsRead, ApiScopes.ReportersRead]);
            world.Keys["key-agencyA"] = await app.CreateKeyAsync([ApiScopes.ReportsRead, ApiScopes.ReportsWrite, ApiScopes.ReportersRead], Infrastructure.Staff.SudinBinaMargaJakpus);
            world.Keys["key-no-read-scope"] = await app.CreateKeyAsync([ApiScopes.ReportersRead]);
            var good = await app.CreateKeyAsync([ApiScopes.ReportsRead]);
            world.Keys["key-wrong"] = good[..^6] + (good.EndsWith("AAAAAA", StringComparison.Ordinal) ? "BBBBBB" : "AAAAAA");
            world.Keys["key-malformed"] = "bukan-kunci";
            var revoked = await app.CreateKeyAsync([ApiScopes.ReportsRead]);
            var prefix = ApiKey.ParseToken(revoked)!.Value.Prefix;
            await app.WithDbAsync(async db =>
            {
                var key = await db.ApiKeys.SingleAsync(k => k.Prefix == prefix);
                key.RevokedAt = DateTimeOffset.UtcNow;
                return await db.SaveChangesAsync();
            });
            world.Keys["key-revoked"] = revoked;
            return world;
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccessMatrixOnSqlite(SqliteApp app) : AccessMatrixTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AccessMatrixOnPostgres(PostgresApp app) : AccessMatrixTests(app);
