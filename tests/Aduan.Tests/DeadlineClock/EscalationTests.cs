using Aduan.Deadlines;
using Aduan.Dispatch;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Aduan.Tests.DeadlineClock;

/// <summary>
/// A report walks the dki-jakarta ladder under a clock the test moves: a warning to the officer at
/// 75% of the 6-hour response target, a notice to the heads at the target, an SMS to the leaders
/// 24 hours after dispatch — each once, also when sweeps run twice or two at the same time.
/// </summary>
public abstract class EscalationTests(AduanApp app)
{
    private readonly DispatchDesk _desk = new(app);
    private FakeTimeProvider Clock => ((IFakeClockApp)app).Clock;

    [Fact]
    public async Task An_unanswered_report_warns_the_officer_then_tells_the_heads_then_texts_the_leader_each_step_once()
    {
        var officer = await app.CreateAsync(StaffRole.AgencyOfficer, DispatchDesk.BinaMargaPusat);
        var head = await app.CreateAsync(StaffRole.AgencyHead, DispatchDesk.BinaMargaPusat);
        var dinasHead = await app.CreateAsync(StaffRole.AgencyHead, "dinas-bina-marga");
        var leader = await app.CreateAsync(StaffRole.Leader);
        var leaderPhone = "+62811" + Random.Shared.Next(1_000_000, 9_999_999);
        await SetPhoneAsync(leader, leaderPhone);
        var start = Clock.GetUtcNow();

        var code = await _desk.DispatchedAsync();
        var report = await _desk.LoadAsync(code);
        Assert.Equal(start.AddHours(6), report.ResponseDueAt); // jalan-rusak: 6 calendar hours to act, 168 to finish
        Assert.Equal(start.AddHours(168), report.ResolutionDueAt);
        Assert.Equal(start.AddHours(4.5), report.NextEscalationAt);

        Clock.Advance(TimeSpan.FromHours(4));
        await SweepAsync();
        Assert.Empty(await _desk.OutboxAsync(code, "eskalasi-peringatan"));

        Clock.Advance(TimeSpan.FromMinutes(30));
        await SweepAsync();
        await SweepAsync(); // nothing fires twice
        var warnings = await _desk.OutboxAsync(code, "eskalasi-peringatan"); // to every officer of the agency (other tests add theirs)
        var mine = Assert.Single(warnings, m => m.Recipient == officer.Email);
        AssertEachOnce(warnings);
        Assert.Contains(code, mine.Subject, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromHours(1.5));
        await SweepAsync();
        var notices = await _desk.OutboxAsync(code, "eskalasi-kepala");
        Assert.Equal(new[] { head.Email, dinasHead.Email }.Order(), notices.Select(m => m.Recipient).Where(r => r == head.Email || r == dinasHead.Email).Order());
        AssertEachOnce(notices);
        Assert.True((await _desk.LoadAsync(code)).ResponseLate); // counted against the agency

        Clock.Advance(TimeSpan.FromHours(18));
        await SweepAsync();
        await SweepAsync();
        var texts = await _desk.OutboxAsync(code, "eskalasi-pimpinan");
        var sms = Assert.Single(texts, m => m.Recipient == leaderPhone);
        Assert.Equal(MessageChannel.Sms, sms.Channel);
        AssertEachOnce(texts);

        var walked = await _desk.LoadAsync(code);
        Assert.Equal(["peringatan-respon", "kepala-respon", "pimpinan-respon"],
            await app.WithDbAsync(db => db.Escalations.Where(e => e.ReportId == walked.Id).OrderBy(e => e.FiredAt).Select(e => e.StepCode).ToListAsync()));
        Assert.Equal(3, walked.Updates.Count(u => u.Kind == UpdateKind.Escalated && !u.IsPublic));
        Assert.Equal(start.AddHours(126), walked.NextEscalationAt); // what is left: the resolution warning at 75% of 168 h
        Assert.True((await VerifyHistoryAsync(walked.Code)).Valid); // the sweep's lines are links of the timeline's chain
    }

    [Fact]
    public async Task The_clock_waits_while_the_citizen_is_asked_and_due_times_move_by_the_wait()
    {
        var officer = await app.CreateAsync(StaffRole.AgencyOfficer, DispatchDesk.BinaMargaPusat);
        var start = Clock.GetUtcNow();
        var code = await _desk.DispatchedAsync();

        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(WorkOutcome.Done, (await WorkAsync(officer, (w, a, s) => w.AskCitizenAsync(a, s, code, "Di sisi jalan yang mana?", null, CancellationToken.None))).Outcome);
        var waiting = await _desk.LoadAsync(code);
        Assert.NotNull(waiting.ClockPausedAt);
        Assert.Null(waiting.NextEscalationAt); // nothing escalates while the clock waits
        Clock.Advance(TimeSpan.FromHours(10));
        await SweepAsync();
        Assert.Empty(await app.WithDbAsync(db => db.Escalations.Where(e => e.ReportId == waiting.Id).ToListAsync()));

        Assert.Equal(WorkOutcome.Done, (await WorkAsync(officer, (w, a, s) => w.RecordCitizenAnswerAsync(a, s, code, "Sisi utara.", null, CancellationToken.None))).Outcome);
        var resumed = await _desk.LoadAsync(code);
        Assert.Null(resumed.ClockPausedAt);
        Assert.Equal(start.AddHours(16), resumed.ResponseDueAt);
        Assert.Equal(start.AddHours(178), resumed.ResolutionDueAt);
    }

    [Fact]
    public async Task Two_sweeps_at_once_fire_every_due_step_exactly_once()
    {
        var officer = await app.CreateAsync(StaffRole.AgencyOfficer, DispatchDesk.BinaMargaPusat);
        var codes = new List<string>();
        for (var i = 0; i < 12; i++)
            codes.Add(await _desk.DispatchedAsync());
        Clock.Advance(TimeSpan.FromHours(4.6));

        await Task.WhenAll(SweepAsync(), SweepAsync());
        await SweepAsync(); // whatever a lost race left is picked up by the next sweep, still once

        foreach (var code in codes)
        {
            var warnings = await _desk.OutboxAsync(code, "eskalasi-peringatan");
            Assert.Single(warnings, m => m.Recipient == officer.Email);
            AssertEachOnce(warnings);
            var report = await _desk.LoadAsync(code);
            Assert.Equal(1, await app.WithDbAsync(db => db.Escalations.CountAsync(e => e.ReportId == report.Id && e.StepCode == "peringatan-respon")));
            Assert.Single(report.Updates, u => u.Kind == UpdateKind.Escalated);
            var history = await VerifyHistoryAsync(report.Code);
            Assert.True(history.Valid);
            Assert.Equal(report.Version, history.Updates);
        }
    }

    private async Task<HistoryVerdict> VerifyHistoryAsync(string code)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<HistoryVerification>().VerifyAsync(code, CancellationToken.None))!;
    }

    private static void AssertEachOnce(List<OutboxMessage> messages) =>
        Assert.Equal(messages.Count, messages.Select(m => m.Recipient).Distinct().Count());

    private async Task<(int Reports, int Fired)> SweepAsync() =>
        await app.Services.GetRequiredService<EscalationJob>().RunOnceAsync(CancellationToken.None);

    private async Task<WorkResult> WorkAsync(TestStaff staff, Func<AgencyWork, StaffActor, ReportScope, Task<WorkResult>> step)
    {
        using var scope = app.Services.CreateScope();
        var actor = new StaffActor { UserId = staff.Id, Name = staff.Email, Roles = staff.Roles, AgencyCode = staff.Agency };
        var access = await scope.ServiceProvider.GetRequiredService<ReportAccess>().ScopeForAsync(actor, CancellationToken.None);
        return await step(scope.ServiceProvider.GetRequiredService<AgencyWork>(), actor, access);
    }

    private async Task SetPhoneAsync(TestStaff staff, string phone)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staff.Id.ToString());
        Assert.True((await users.SetPhoneNumberAsync(user!, phone)).Succeeded);
    }
}

[Collection(FakeClockSqliteCollection.Name)]
public sealed class EscalationOnSqlite(FakeClockSqliteApp app) : EscalationTests(app);

[Collection(FakeClockPostgresCollection.Name)]
public sealed class EscalationOnPostgres(FakeClockPostgresApp app) : EscalationTests(app);
