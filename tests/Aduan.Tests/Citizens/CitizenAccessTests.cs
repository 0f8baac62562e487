using System.Net;
using System.Net.Http.Json;
using System.Text;
using Aduan.Messaging;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Citizens;

/// <summary>One-time codes, the citizen session and /api/warga, over HTTP on both databases.</summary>
public abstract class CitizenAccessTests(AduanApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Requesting_a_code_writes_one_outbox_message_and_stores_only_a_hash()
    {
        var phone = CitizenFixtures.NewPhone();
        var typed = "+62 " + phone[1..4] + "-" + phone[4..8] + "-" + phone[8..];

        var response = await _client.RequestCodeAsync(typed);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.True(json.GetProperty("sent").GetBoolean());
        Assert.Equal(10, json.GetProperty("expiresInMinutes").GetInt32());
        var messages = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Recipient == phone).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal(MessageChannel.Sms, message.Channel);
        Assert.Equal("citizen-code", message.Purpose);
        Assert.Equal(MessageStatus.Pending, message.Status);
        var code = await app.LatestCodeAsync(phone);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Contains($"Kode Aduan Anda: {code}.", message.Body);
        var stored = Assert.Single(await app.WithDbAsync(db => db.OneTimeCodes.AsNoTracking().Where(c => c.Contact == phone).ToListAsync()));
        Assert.Matches("^[0-9a-f]{64}$", stored.CodeHash);
        Assert.DoesNotContain(code, stored.CodeHash);
        Assert.Equal(TimeSpan.FromMinutes(10), stored.ExpiresAt - stored.CreatedAt);
    }

    [Fact]
    public async Task An_email_gets_its_code_by_email_and_the_answer_does_not_tell_whether_it_has_reports()
    {
        var (known, unknown) = (CitizenFixtures.NewEmail(), CitizenFixtures.NewEmail());
        await _client.SubmitAsync(phone: null, email: known);

        var forKnown = await _client.RequestCodeAsync("  " + known.ToUpperInvariant() + " ");
        var forUnknown = await _client.RequestCodeAsync(unknown);

        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        var message = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Recipient == known));
        Assert.Equal(MessageChannel.Email, message.Channel);
    }

    [Fact]
    public async Task A_signed_in_citizen_sees_only_their_own_reports_newest_first_confidential_included()
    {
        var (mine, theirs, email) = (CitizenFixtures.NewPhone(), CitizenFixtures.NewPhone(), CitizenFixtures.NewEmail());
        var first = await _client.SubmitAsync(mine);
        var second = await _client.SubmitAsync(mine, visibility: "rahasia");
        var other = await _client.SubmitAsync(theirs);
        var byEmail = await _client.SubmitAsync(phone: null, email: email.Replace("warga", "Warga", StringComparison.Ordinal));

        using var me = await app.SignedInClientAsync(mine);
        using var them = await app.SignedInClientAsync(theirs);
        using var emailUser = await app.SignedInClientAsync(email);

        Assert.Equal([second, first], await me.OwnReportCodesAsync());
        Assert.Equal([other], await them.OwnReportCodesAsync());
        Assert.Equal([byEmail], await emailUser.OwnReportCodesAsync());
        var own = await (await me.GetAsync("/api/warga/laporan")).JsonAsync();
        Assert.True(own[0].GetProperty("confidential").GetBoolean());
    }

    [Fact]
    public async Task A_wrong_code_is_refused_clearly_and_counts_an_attempt()
    {
        var phone = CitizenFixtures.NewPhone();
        await _client.RequestCodeAsync(phone);
        var wrong = WrongCode(await app.LatestCodeAsync(phone));

        var response = await _client.SignInAsync(phone, wrong);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Kode salah. Sisa percobaan: 4."], await response.ProblemMessagesAsync("code"));
        Assert.Equal("wrong", (await response.JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.OneTimeCodes.Where(c => c.Contact == phone).Select(c => c.FailedAttempts).SingleAsync()));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task After_five_wrong_codes_even_the_right_code_is_refused()
    {
        var phone = CitizenFixtures.NewPhone();
        await _client.RequestCodeAsync(phone);
        var code = await app.LatestCodeAsync(phone);

        var outcomes = new List<string?>();
        for (var i = 0; i < 5; i++)
            outcomes.Add((await (await _client.SignInAsync(phone, WrongCode(code))).JsonAsync()).GetProperty("outcome").GetString());
        var right = await _client.SignInAsync(phone, code);

        Assert.Equal(["wrong", "wrong", "wrong", "wrong", "tooManyAttempts"], outcomes);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("tidak berlaku lagi", (await right.ProblemMessagesAsync("code"))[0]);
    }

    [Fact]
    public async Task An_expired_code_is_refused_with_the_expiry_message()
    {
        var phone = CitizenFixtures.NewPhone();
        await _client.RequestCodeAsync(phone);
        var code = await app.LatestCodeAsync(phone);
        await app.WithDbAsync(db => db.OneTimeCodes.Where(c => c.Contact == phone)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

        var response = await _client.SignInAsync(phone, code);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Kode sudah kedaluwarsa. Minta kode baru."], await response.ProblemMessagesAsync("code"));
    }

    [Fact]
    public async Task A_code_works_once_only_the_newest_counts_and_no_code_is_said_so()
    {
        var phone = CitizenFixtures.NewPhone();
        await _client.RequestCodeAsync(phone);
        var older = await app.LatestCodeAsync(phone);
        await _client.RequestCodeAsync(phone);
        var newest = await app.LatestCodeAsync(phone);

        var withOlder = older == newest ? null : await _client.SignInAsync(phone, older);
        var first = await _client.SignInAsync(phone, newest);
        var again = await _client.SignInAsync(phone, newest);
        var never = await _client.SignInAsync(CitizenFixtures.NewPhone(), "123456");

        if (withOlder is not null)
            Assert.Equal("wrong", (await withOlder.JsonAsync()).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(phone, (await first.JsonAsync()).GetProperty("contact").GetString());
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aduan.warga=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Equal(["Kode ini sudah pernah dipakai. Minta kode baru."], await again.ProblemMessagesAsync("code"));
        Assert.Equal(["Belum ada kode untuk kontak ini. Minta kode terlebih dahulu."], await never.ProblemMessagesAsync("code"));
    }

    [Fact]
    public async Task The_fourth_code_in_fifteen_minutes_gets_a_429_that_says_when_to_retry()
    {
        var phone = CitizenFixtures.NewPhone();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await _client.RequestCodeAsync(phone)).StatusCode);

        var fourth = await _client.RequestCodeAsync(phone);

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("application/problem+json", fourth.Content.Headers.ContentType?.MediaType);
        Assert.Matches("Coba lagi dalam 1[45] menit", (await fourth.JsonAsync()).GetProperty("title").GetString());
        Assert.InRange(fourth.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Equal(3, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Recipient == phone)));
    }

    [Theory]
    [InlineData("/api/warga/laporan")]
    [InlineData("/api/warga/kontak")]
    public async Task Without_signing_in_the_citizen_api_answers_401_problem(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await app.SignedInClientAsync(CitizenFixtures.NewPhone());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/warga/keluar", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/warga/laporan")).StatusCode);
    }

    [Fact]
    public async Task The_name_changes_freely_but_a_new_phone_needs_a_code_sent_to_it()
    {
        var (phone, newPhone) = (CitizenFixtures.NewPhone(), CitizenFixtures.NewPhone());
        var first = await _client.SubmitAsync(phone);
        var second = await _client.SubmitAsync(phone);
        using var client = await app.SignedInClientAsync(phone);

        var renamed = await client.PutAsJsonAsync("/api/warga/kontak", new { name = "Budi Santoso" });
        var noCode = await client.PutAsJsonAsync("/api/warga/kontak", new { name = "Orang Lain", phone = newPhone });
        await client.RequestCodeAsync(phone); // a code for the old number proves nothing about the new one
        var codeOfOldNumber = await client.PutAsJsonAsync("/api/warga/kontak", new { phone = newPhone, code = await app.LatestCodeAsync(phone) });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Budi Santoso", (await renamed.JsonAsync()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.Contains(newPhone, (await noCode.ProblemMessagesAsync("code"))[0]);
        Assert.Equal(HttpStatusCode.BadRequest, codeOfOldNumber.StatusCode);
        var rows = await app.WithDbAsync(db => db.Citizens.AsNoTracking().Where(c => c.Phone == phone).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Budi Santoso", r.Name));

        await client.RequestCodeAsync(newPhone);
        var changed = await client.PutAsJsonAsync("/api/warga/kontak", new { phone = newPhone, code = await app.LatestCodeAsync(newPhone) });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(newPhone, (await changed.JsonAsync()).GetProperty("phone").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Citizens.CountAsync(c => c.Phone == phone)));
        Assert.Equal([second, first], await client.OwnReportCodesAsync()); // the session follows the new number
        var contact = await (await client.GetAsync("/api/warga/kontak")).JsonAsync();
        Assert.Equal(newPhone, contact.GetProperty("phone").GetString());
        Assert.Equal("Budi Santoso", contact.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_bad_contact_change_changes_nothing()
    {
        var phone = CitizenFixtures.NewPhone();
        await _client.SubmitAsync(phone);
        using var client = await app.SignedInClientAsync(phone);

        var response = await client.PutAsJsonAsync("/api/warga/kontak", new { name = new string('x', 201), email = "bukan-email" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["email", "name"], await response.ProblemFieldsAsync());
        var row = await app.WithDbAsync(db => db.Citizens.AsNoTracking().SingleAsync(c => c.Phone == phone));
        Assert.Equal("Siti Rahmawati", row.Name);
    }

    [Theory]
    [InlineData("{\"contact\": ", "body")]
    [InlineData("{\"contact\": 812345678}", "contact")]
    [InlineData("{\"contact\": \"12345\"}", "contact")]
    [InlineData("{\"contact\": \"bukan@email\"}", "contact")]
    [InlineData("{}", "contact")]
    public async Task Malformed_json_or_contact_gets_a_field_level_400_and_stores_nothing(string json, string field)
    {
        var before = await app.WithDbAsync(async db => (await db.Outbox.CountAsync(), await db.OneTimeCodes.CountAsync()));

        var response = await _client.PostAsync("/api/warga/kode", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
        Assert.Equal(before, await app.WithDbAsync(async db => (await db.Outbox.CountAsync(), await db.OneTimeCodes.CountAsync())));
    }

    private static string WrongCode(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
}

[Collection(SqliteCollection.Name)]
public sealed class CitizenAccessOnSqlite(SqliteApp app) : CitizenAccessTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CitizenAccessOnPostgres(PostgresApp app) : CitizenAccessTests(app);
