using System.Net;
using Aduan.Dispatch;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Aduan.Tests.Infrastructure.DispatchDesk;

namespace Aduan.Tests.Dispatch;

/// <summary>After the agency resolves: the citizen confirms (closed, rated), disputes (reopened to the same agency), or stays silent (closed by the job).</summary>
public abstract class ClosingTheLoopTests(AduanApp app)
{
    private readonly DispatchDesk _desk = new(app);

    [Fact]
    public async Task The_citizen_confirms_through_the_link_in_the_resolution_message_and_the_report_closes_with_the_rating()
    {
        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var phone = UniquePhone();
        var code = await _desk.DispatchedAsync(phone: phone);
        await lead.StepAsync(code, "accept").OkAsync();

        var resolved = await lead.ResolveAtTheSpotAsync(code);

        Assert.Equal("Resolved", resolved.Text("status"));
        Assert.Contains(resolved.GetProperty("photos").EnumerateArray(), p => p.GetProperty("isPublic").GetBoolean());
        var message = Assert.Single(await _desk.OutboxAsync(code, "laporan-selesai"));
        Assert.Equal((MessageChannel.Sms, phone), (message.Channel, message.Recipient));
        var token = await _desk.LinkTokenAsync(code, "laporan-selesai");

        Assert.Equal(HttpStatusCode.Forbidden, (await _desk.CitizenAsync(code, "confirmation", new { token = "bukan-rahasianya", done = true, rating = 5 })).StatusCode);
        var closed = await _desk.CitizenAsync(code, "confirmation", new { token, done = true, rating = 5, text = "Terima kasih, cepat sekali." }).OkAsync();

        Assert.Equal("Closed", closed.Text("status"));
        var report = await _desk.LoadAsync(code);
        Assert.Equal((ReportStatus.Closed, 5), (report.Status, report.CitizenRating));
        Assert.Null(report.CitizenTokenHash);
        Assert.Equal(5, (await lead.ViewAsync(code)).GetProperty("citizenRating").GetInt32());
        var again = await _desk.CitizenAsync(code, "confirmation", new { token, done = true, rating = 1 }).ConflictAsync();
        Assert.Equal("Closed", again.Text("status"));
        Assert.Equal(5, (await _desk.LoadAsync(code)).CitizenRating);
    }

    [Fact]
    public async Task A_citizen_who_says_it_is_not_done_reopens_the_report_to_the_same_agency_with_the_history_kept()
    {
        var (lead, leadStaff) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var code = await _desk.DispatchedAsync();
        await lead.StepAsync(code, "accept").OkAsync();
        await lead.ResolveAtTheSpotAsync(code);
        var token = await _desk.LinkTokenAsync(code, "laporan-selesai");
        var before = (await _desk.LoadAsync(code)).Updates.OrderBy(u => u.Sequence).Select(u => (u.Sequence, u.Hash)).ToList();

        var wordless = await _desk.CitizenAsync(code, "confirmation", new { token, done = false });
        Assert.Equal(HttpStatusCode.BadRequest, wordless.StatusCode);
        Assert.Equal(["text"], await wordless.ProblemFieldsAsync());
        const string Words = "Lubangnya hanya ditutup tanah, sudah berlubang lagi setelah hujan.";
        var reopened = await _desk.CitizenAsync(code, "confirmation", new { token, done = false, text = Words }).OkAsync();

        Assert.Equal("Reopened", reopened.Text("status"));
        Assert.Contains(reopened.GetProperty("updates").EnumerateArray(), u => u.GetProperty("text").GetString() == Words);
        var report = await _desk.LoadAsync(code);
        Assert.Equal(BinaMargaPusat, report.AgencyCode);
        Assert.Null(report.ResolvedAt);
        // The finished part stays in the history; the same agency gets a fresh one, so its deadlines start again.
        Assert.Equal([(BinaMargaPusat, AssignmentStatus.Done), (BinaMargaPusat, AssignmentStatus.Dispatched)],
            report.Assignments.Where(a => a.Role == AssignmentRole.Lead).OrderBy(a => a.Id).Select(a => (a.AgencyCode, a.Status)));
        Assert.Equal(before, report.Updates.OrderBy(u => u.Sequence).Select(u => (u.Sequence, u.Hash)).Take(before.Count).ToList());
        Assert.Contains(await _desk.OutboxAsync(code, "instansi-laporan-dibuka"), m => m.Recipient == leadStaff.Email && m.Body.Contains("sudah berlubang lagi", StringComparison.Ordinal));

        Assert.Equal("InProgress", (await lead.StepAsync(code, "accept").OkAsync()).Text("status"));
        Assert.Equal("Resolved", (await lead.ResolveAtTheSpotAsync(code)).Text("status"));
        Assert.Equal(2, (await _desk.OutboxAsync(code, "laporan-selesai")).Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await _desk.CitizenAsync(code, "confirmation", new { token, done = true, rating = 4 })).StatusCode); // the first link is spent
    }

    [Fact]
    public async Task A_resolved_report_nobody_confirms_within_the_packs_three_days_is_closed_by_the_system_and_a_younger_one_waits()
    {
        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var old = await ResolvedAsync(lead);
        var young = await ResolvedAsync(lead);
        await ResolvedAgoAsync(old, TimeSpan.FromDays(3) + TimeSpan.FromMinutes(5));
        await ResolvedAgoAsync(young, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(5));

        var (closed, _) = await app.Services.GetRequiredService<FollowUpJob>().RunOnceAsync(CancellationToken.None);

        Assert.True(closed >= 1);
        var closedReport = await _desk.LoadAsync(old);
        Assert.Equal(ReportStatus.Closed, closedReport.Status);
        var last = closedReport.Updates.MaxBy(u => u.Sequence)!;
        Assert.Equal(("sistem", ReportStatus.Closed, true), (last.Actor, last.ToStatus, last.IsPublic));
        Assert.Null(closedReport.CitizenRating);
        Assert.Equal(ReportStatus.Resolved, (await _desk.LoadAsync(young)).Status);
        var token = await _desk.LinkTokenAsync(old, "laporan-selesai");
        Assert.Equal("Closed", (await _desk.CitizenAsync(old, "confirmation", new { token, done = true, rating = 5 }).ConflictAsync()).Text("status"));
    }

    private async Task<string> ResolvedAsync(StaffClient lead)
    {
        var code = await _desk.DispatchedAsync();
        await lead.StepAsync(code, "accept").OkAsync();
        await lead.ResolveAtTheSpotAsync(code);
        return code;
    }

    private Task<int> ResolvedAgoAsync(string code, TimeSpan ago) => app.WithDbAsync(db =>
        db.Reports.Where(r => r.Code == code.Replace("-", "")).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResolvedAt, DateTimeOffset.UtcNow - ago)));
}

[Collection(DispatchSqliteCollection.Name)]
public sealed class ClosingTheLoopOnSqlite(DispatchSqliteApp app) : ClosingTheLoopTests(app);

[Collection(DispatchPostgresCollection.Name)]
public sealed class ClosingTheLoopOnPostgres(DispatchPostgresApp app) : ClosingTheLoopTests(app);
