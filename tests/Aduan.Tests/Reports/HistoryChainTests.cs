using System.Net;
using System.Text.Json;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Reports;

/// <summary>GET /api/reports/{code}/history/verify and the track page's verdict, on both databases, against rows changed by hand.</summary>
public abstract class HistoryChainTests(AduanApp app)
{
    private const string Operator = "operator-uji";
    // Not an agency the access matrix counts exact listings for (the apps are shared by the collection).
    private const string Agency = "sudin-perhubungan-31-71";
    private const string PublicNote = "Petugas sudah meninjau lokasi, perbaikan dijadwalkan minggu ini.";
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_report_with_several_updates_verifies_as_intact()
    {
        var (code, _) = await ReportWithHistoryAsync();

        var response = await _client.GetAsync($"/api/reports/{code}/history/verify");
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal(6, json.GetProperty("updates").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("brokenAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("problem").ValueKind);
        var entries = json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], entries.Select(e => e.GetProperty("sequence").GetInt32()));
        var head = await app.WithDbAsync(db => db.Reports.Where(r => r.Code == code.Replace("-", "")).Select(r => r.HistoryHead).SingleAsync());
        Assert.Equal(head, json.GetProperty("head").GetString());
        Assert.Equal(head, entries[^1].GetProperty("hash").GetString());
    }

    [Fact]
    public async Task The_verify_answer_never_shows_the_text_or_actor_of_an_internal_update()
    {
        var secret = $"Catatan internal: pelapor kerabat pejabat {Guid.NewGuid():N}";
        var (code, _) = await ReportWithHistoryAsync(secret);

        var body = await _client.GetStringAsync($"/api/reports/{code}/history/verify");
        var entries = JsonDocument.Parse(body).RootElement.GetProperty("entries").EnumerateArray().ToList();

        Assert.DoesNotContain(secret, body);
        Assert.DoesNotContain(Operator, body);
        Assert.DoesNotContain("pelapor\"", body);
        Assert.DoesNotContain("actor", body, StringComparison.OrdinalIgnoreCase);
        var hidden = Assert.Single(entries, e => !e.GetProperty("isPublic").GetBoolean());
        Assert.Equal(3, hidden.GetProperty("sequence").GetInt32());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("text").ValueKind);
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("kind").ValueKind);
        Assert.Equal(64, hidden.GetProperty("digest").GetString()!.Length);
        Assert.Contains(entries, e => e.GetProperty("text").GetString() == PublicNote && e.GetProperty("kind").GetString() == "Comment");
        Assert.Contains(entries, e => e.GetProperty("status").GetString() == "InProgress" && e.GetProperty("statusLabel").GetString() is { Length: > 0 });
    }

    [Fact]
    public async Task A_row_edited_by_hand_breaks_the_chain_at_that_update_and_the_track_page_says_so()
    {
        var (code, ids) = await ReportWithHistoryAsync();

        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE report_updates SET "Text" = {"Tidak ada catatan"} WHERE "Id" = {ids[2]}"""));

        var json = await (await _client.GetAsync($"/api/reports/{code}/history/verify")).JsonAsync();
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal(3, json.GetProperty("brokenAt").GetInt32());
        Assert.Equal("changed", json.GetProperty("problem").GetString());
        var page = await _client.GetStringAsync($"/lacak/{code}");
        Assert.Contains("catatan ke-3 telah diubah", page);
        Assert.DoesNotContain("Riwayat utuh", page);
    }

    [Fact]
    public async Task A_deleted_middle_update_is_caught_as_missing()
    {
        var (code, ids) = await ReportWithHistoryAsync();

        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM report_updates WHERE "Id" = {ids[3]}"""));

        var json = await (await _client.GetAsync($"/api/reports/{code}/history/verify")).JsonAsync();
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal(4, json.GetProperty("brokenAt").GetInt32());
        Assert.Equal("missing", json.GetProperty("problem").GetString());
        Assert.Equal(5, json.GetProperty("updates").GetInt32());
    }

    [Fact]
    public async Task Deleting_the_newest_update_no_longer_matches_the_head()
    {
        var (code, ids) = await ReportWithHistoryAsync();

        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM report_updates WHERE "Id" = {ids[^1]}"""));

        var json = await (await _client.GetAsync($"/api/reports/{code}/history/verify")).JsonAsync();
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal(6, json.GetProperty("brokenAt").GetInt32());
        Assert.Equal("headMismatch", json.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task A_renumbered_update_is_caught_as_extra()
    {
        var (code, ids) = await ReportWithHistoryAsync();

        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE report_updates SET "Sequence" = 2 WHERE "Id" = {ids[2]}"""));

        var json = await (await _client.GetAsync($"/api/reports/{code}/history/verify")).JsonAsync();
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal(2, json.GetProperty("brokenAt").GetInt32());
        Assert.Equal("extra", json.GetProperty("problem").GetString());
    }

    [Theory]
    [InlineData("AAAAA-AAAAA")]
    [InlineData("pendek")]
    public async Task An_unknown_or_malformed_code_gets_a_404_problem(string code)
    {
        var response = await _client.GetAsync($"/api/reports/{code}/history/verify");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_track_page_shows_the_verdict_the_fingerprint_and_the_browser_check()
    {
        var (code, _) = await ReportWithHistoryAsync();
        var head = await app.WithDbAsync(db => db.Reports.Where(r => r.Code == code.Replace("-", "")).Select(r => r.HistoryHead).SingleAsync());

        var page = await _client.GetStringAsync($"/lacak/{code}");

        Assert.Contains("Keaslian riwayat", page);
        Assert.Contains("Riwayat utuh", page);
        Assert.Contains($"<code class=\"fingerprint\">{head![..12]}</code>", page);
        Assert.Contains($"data-verify-url=\"/api/reports/{code}/history/verify\"", page);
        Assert.Contains("/js/history.js", page);
    }

    [Fact]
    public async Task Hashes_survive_the_round_trip_through_the_database_whatever_the_time_precision()
    {
        var (code, _) = await ReportWithHistoryAsync();
        var odd = DateTimeOffset.UtcNow.AddMinutes(5).AddTicks(4321).ToOffset(TimeSpan.FromHours(7));
        await app.WithDbAsync(async db =>
        {
            var report = await db.Reports.SingleAsync(r => r.Code == code.Replace("-", ""));
            report.Comment(odd, Operator, "Dicatat dengan waktu di bawah milidetik", isPublic: true);
            report.Comment(odd.AddTicks(1), Operator, "Dan satu lagi pada milidetik yang sama", isPublic: false);
            return await db.SaveChangesAsync();
        });

        var (updates, head) = await app.WithDbAsync(async db =>
        {
            var report = await db.Reports.AsNoTracking().Include(r => r.Updates).SingleAsync(r => r.Code == code.Replace("-", ""));
            return (report.Updates.OrderBy(u => u.Sequence).ToList(), report.HistoryHead);
        });

        var previous = HistoryChain.Genesis;
        foreach (var update in updates)
        {
            Assert.Equal(HistoryChain.Link(previous, HistoryChain.Digest(update)), update.Hash);
            previous = update.Hash!;
        }
        Assert.Equal(8, updates.Count);
        Assert.Equal(odd.ToUnixTimeMilliseconds(), updates[^1].At.ToUnixTimeMilliseconds());
        Assert.Equal(previous, head);
    }

    /// <summary>
    /// Submitted (1), verified (2), an internal note (3), dispatched (4), a public note (5), in
    /// progress (6). Returns the tracking code and the update rows' ids in sequence order.
    /// </summary>
    private async Task<(string Code, long[] Ids)> ReportWithHistoryAsync(string internalNote = "Catatan internal operator")
    {
        var response = await _client.PostReportAsync(Samples.Report());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var code = (await response.JsonAsync()).GetProperty("code").GetString()!;
        var ids = await app.WithDbAsync(async db =>
        {
            var report = await db.Reports.Include(r => r.Updates).SingleAsync(r => r.Code == code.Replace("-", ""));
            var now = DateTimeOffset.UtcNow;
            report.Verify(now, Operator);
            report.Comment(now, Operator, internalNote, isPublic: false);
            report.Dispatch(Agency, [], now, Operator, "Diteruskan ke Sudin Perhubungan");
            report.Comment(now, Operator, PublicNote, isPublic: true);
            report.Accept(Agency, now, "petugas-uji");
            await db.SaveChangesAsync();
            return report.Updates.OrderBy(u => u.Sequence).Select(u => u.Id).ToArray();
        });
        Assert.Equal(6, ids.Length);
        return (code, ids);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HistoryChainOnSqlite(SqliteApp app) : HistoryChainTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HistoryChainOnPostgres(PostgresApp app) : HistoryChainTests(app);

/// <summary>The canonical form and the hashes, without a database.</summary>
public sealed class HistoryChainRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 3, 4, 5, 678, TimeSpan.Zero);

    [Fact]
    public void The_canonical_form_and_hashes_are_exactly_what_the_browser_and_the_docs_expect()
    {
        var update = Note(actor: "petugas", text: "Jalan sudah ditambal 👍");

        // Expected values computed outside .NET (Python's hashlib), so a change of format shows.
        Assert.Equal("1:2|13:1795835045678|7:Comment|0:|0:|1:0|7:petugas|23:Jalan sudah ditambal 👍", HistoryChain.Canonical(update));
        Assert.Equal("4933bcc173d2d57b6271894d668a34c8d13823eb156ab8938098c808b2db0445", HistoryChain.Digest(update));
        Assert.Equal("24cb00305a6e41664ca5eda8f27490deef21a92d179f797956f6c6d0816a3e7d", HistoryChain.Link(HistoryChain.Genesis, HistoryChain.Digest(update)));
        Assert.Equal("c0a435bae388598b5e3150b4ba2a9e8324d9868f616b00edf82399ce6066d073", HistoryChain.Link("abc", HistoryChain.Digest(update)));
    }

    [Fact]
    public void A_text_containing_separators_and_lengths_cannot_imitate_another_update()
    {
        var honest = Note(actor: "warga", text: "5:admin|x");
        var forged = Note(actor: "warga|5:admin", text: "x");

        // Joined without lengths the two would be the same string; with them they are not.
        Assert.Equal(string.Join('|', honest.Actor, honest.Text), string.Join('|', forged.Actor, forged.Text));
        Assert.NotEqual(HistoryChain.Canonical(honest), HistoryChain.Canonical(forged));
        Assert.NotEqual(HistoryChain.Digest(honest), HistoryChain.Digest(forged));
    }

    [Fact]
    public void The_same_update_always_digests_the_same_and_any_field_changes_it()
    {
        var digest = HistoryChain.Digest(Note());

        Assert.Equal(digest, HistoryChain.Digest(Note()));
        Assert.Equal(digest, HistoryChain.Digest(Note(at: At.AddTicks(9999).ToOffset(TimeSpan.FromHours(7)))));
        Assert.NotEqual(digest, HistoryChain.Digest(Note(at: At.AddMilliseconds(1))));
        Assert.NotEqual(digest, HistoryChain.Digest(Note(sequence: 3)));
        Assert.NotEqual(digest, HistoryChain.Digest(Note(isPublic: true)));
        Assert.NotEqual(digest, HistoryChain.Digest(Note(text: "Jalan sudah ditambal.")));
        Assert.NotEqual(digest, HistoryChain.Digest(Note(text: null)));
    }

    [Fact]
    public void Checking_a_chain_names_the_first_broken_sequence()
    {
        var chain = Chain(Note(sequence: 1), Note(sequence: 2), Note(sequence: 3));
        var head = chain[^1].Hash;

        Assert.True(HistoryVerification.Check("C", chain, head, 3).Valid);
        Assert.Equal((3, HistoryProblem.HeadMismatch), Broken(HistoryVerification.Check("C", [chain[0], chain[1]], head, 3)));
        Assert.Equal((2, HistoryProblem.Missing), Broken(HistoryVerification.Check("C", [chain[0], chain[2]], head, 3)));
        Assert.Equal((3, HistoryProblem.HeadMismatch), Broken(HistoryVerification.Check("C", chain, "0" + head![1..], 3)));
        Assert.Equal((1, HistoryProblem.HeadMismatch), Broken(HistoryVerification.Check("C", [], head, 3)));
        Assert.Equal((1, HistoryProblem.Changed), Broken(HistoryVerification.Check("C", [Note(sequence: 1)], null, 1)));
    }

    private static (int?, HistoryProblem?) Broken(HistoryVerdict verdict) => (verdict.BrokenAt, verdict.Problem);

    /// <summary>Seals the updates in order, as <see cref="Report"/> does.</summary>
    private static List<Update> Chain(params Update[] updates)
    {
        string? previous = null;
        foreach (var update in updates)
        {
            update.Seal(previous);
            previous = update.Hash;
        }
        return [.. updates];
    }

    private static Update Note(int sequence = 2, DateTimeOffset? at = null, string actor = "petugas", string? text = "Jalan sudah ditambal 👍", bool isPublic = false) => new()
    {
        Sequence = sequence,
        At = at ?? At,
        Kind = UpdateKind.Comment,
        Actor = actor,
        Text = text,
        IsPublic = isPublic,
    };
}
