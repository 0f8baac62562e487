using System.Net;
using Aduan.Dispatch;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using static Aduan.Tests.Infrastructure.DispatchDesk;

namespace Aduan.Tests.Dispatch;

/// <summary>Joint dispatch, acceptance, hand-back and re-dispatch over HTTP, as the operator and the agencies' officers do them.</summary>
public abstract class AgencyWorkTests(AduanApp app)
{
    private const string Reason = "Kerusakan akibat galian saluran; perlu Lingkungan Hidup dan Satpol PP.";

    private readonly DispatchDesk _desk = new(app);

    [Fact]
    public async Task A_joint_dispatch_lets_each_supporting_agency_see_and_finish_its_own_part_while_the_lead_resolves()
    {
        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var (environment, environmentStaff) = await _desk.SignInAsync(StaffRole.AgencyOfficer, LingkunganHidupPusat);
        var (police, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, SatpolPpPusat);
        var (outsider, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaSelatan);
        var (operatorSession, _) = await _desk.SignInAsync(StaffRole.Operator);
        var code = await _desk.DispatchedAsync();

        var joint = await operatorSession.StepAsync(code, "dispatch", new { agency = BinaMargaPusat, supporting = new[] { LingkunganHidupPusat, SatpolPpPusat }, reason = Reason }).OkAsync();

        Assert.Equal("Dispatched", joint.Text("status"));
        Assert.Equal(("Lead", "Dispatched"), (joint.Part(BinaMargaPusat).Text("role"), joint.Part(BinaMargaPusat).Text("status")));
        Assert.Equal(("Support", "Dispatched"), (joint.Part(LingkunganHidupPusat).Text("role"), joint.Part(LingkunganHidupPusat).Text("status")));
        Assert.Equal(("Support", "Dispatched"), (joint.Part(SatpolPpPusat).Text("role"), joint.Part(SatpolPpPusat).Text("status")));
        Assert.Contains(await _desk.OutboxAsync(code, "instansi-laporan-baru"), m => m.Recipient == environmentStaff.Email);
        Assert.Equal(HttpStatusCode.OK, (await police.ReadAsync(code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await environment.ReadAsync(code)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.ReadAsync(code)).StatusCode);

        var accepted = await environment.StepAsync(code, "accept").OkAsync();
        Assert.Equal("Dispatched", accepted.Text("status")); // a supporting agency's acceptance does not start the lead's work
        Assert.Equal("Accepted", accepted.Part(LingkunganHidupPusat).Text("status"));
        var finished = await environment.StepAsync(code, "finish-part", new { summary = "Sisa galian dan sampah sudah diangkut." }).OkAsync();
        Assert.Equal("Done", finished.Part(LingkunganHidupPusat).Text("status"));
        Assert.Equal("Dispatched", finished.Part(SatpolPpPusat).Text("status"));

        Assert.Equal("InProgress", (await lead.StepAsync(code, "accept").OkAsync()).Text("status"));
        var resolved = await lead.ResolveAtTheSpotAsync(code);

        Assert.Equal("Resolved", resolved.Text("status"));
        Assert.Equal("Done", resolved.Part(BinaMargaPusat).Text("status"));
        Assert.Equal("Withdrawn", resolved.GetProperty("parts")[0].Text("status")); // the routed part the joint dispatch replaced
    }

    [Fact]
    public async Task The_leads_hand_back_returns_the_report_to_the_operator_and_the_agency_no_longer_sees_it()
    {
        var (officer, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var (operatorSession, _) = await _desk.SignInAsync(StaffRole.Operator);
        var code = await _desk.DispatchedAsync();

        var withoutReason = await officer.StepAsync(code, "hand-back", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(["reason"], await withoutReason.ProblemFieldsAsync());
        await officer.StepAsync(code, "hand-back", new { reason = "Jalan ini jalan nasional, bukan kewenangan Suku Dinas." }).OkAsync();

        var report = await _desk.LoadAsync(code);
        Assert.Equal(ReportStatus.Verified, report.Status);
        Assert.Null(report.AgencyCode);
        var part = Assert.Single(report.Assignments);
        Assert.Equal((AssignmentStatus.HandedBack, "Jalan ini jalan nasional, bukan kewenangan Suku Dinas."), (part.Status, part.Reason));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.ReadAsync(code)).StatusCode);

        var again = await operatorSession.StepAsync(code, "dispatch", new { agency = BinaMargaSelatan, reason = "Dialihkan ke Jakarta Selatan" }).OkAsync();
        Assert.Equal(("Dispatched", BinaMargaSelatan), (again.Text("status"), again.GetProperty("agency").Text("code")));
        Assert.Equal("HandedBack", again.Part(BinaMargaPusat).Text("status"));
    }

    [Fact]
    public async Task After_a_hand_back_the_operator_must_give_a_reason_to_dispatch_the_report_again()
    {
        var (officer, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var (operatorSession, _) = await _desk.SignInAsync(StaffRole.Operator);
        var code = await _desk.DispatchedAsync();
        await officer.StepAsync(code, "hand-back", new { reason = "Bukan wilayah kami." }).OkAsync();

        var withoutReason = await operatorSession.StepAsync(code, "dispatch", new { agency = BinaMargaSelatan });

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(["reason"], await withoutReason.ProblemFieldsAsync());
        Assert.Equal(ReportStatus.Verified, (await _desk.LoadAsync(code)).Status);
    }

    [Fact]
    public async Task Re_dispatching_a_dispatched_report_needs_a_reason_and_withdraws_the_earlier_part()
    {
        var (operatorSession, _) = await _desk.SignInAsync(StaffRole.Operator);
        var code = await _desk.DispatchedAsync();

        var withoutReason = await operatorSession.StepAsync(code, "dispatch", new { agency = BinaMargaSelatan });
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(["reason"], await withoutReason.ProblemFieldsAsync());

        var moved = await operatorSession.StepAsync(code, "dispatch", new { agency = BinaMargaSelatan, reason = "Lokasi sebenarnya di Tebet" }).OkAsync();

        Assert.Equal(BinaMargaSelatan, moved.GetProperty("agency").Text("code"));
        var report = await _desk.LoadAsync(code);
        Assert.Equal("Lokasi sebenarnya di Tebet", report.Assignments.Single(a => a.AgencyCode == BinaMargaPusat).Reason);
        Assert.Equal(AssignmentStatus.Withdrawn, report.Assignments.Single(a => a.AgencyCode == BinaMargaPusat).Status);
    }

    [Fact]
    public async Task Asking_the_citizen_stops_the_clock_until_they_answer_through_the_link_they_were_sent()
    {
        var (officer, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var phone = UniquePhone();
        var code = await _desk.DispatchedAsync(phone: phone);
        await officer.StepAsync(code, "accept").OkAsync();

        var asked = await officer.StepAsync(code, "ask", new { question = "Di sisi jalan yang mana lubangnya, arah Harmoni atau arah Thamrin?" }).OkAsync();

        Assert.Equal("WaitingForCitizen", asked.Text("status"));
        var message = Assert.Single(await _desk.OutboxAsync(code, "perlu-informasi"));
        Assert.Equal((MessageChannel.Sms, phone), (message.Channel, message.Recipient));
        Assert.Contains("arah Harmoni", message.Body, StringComparison.Ordinal);
        var token = await _desk.LinkTokenAsync(code, "perlu-informasi");
        Assert.Equal(HttpStatusCode.Forbidden, (await _desk.CitizenAsync(code, "answer", new { token = token + "x", answer = "Arah Harmoni" })).StatusCode);

        var answered = await _desk.CitizenAsync(code, "answer", new { token, answer = "Arah Harmoni, depan halte." }).OkAsync();

        Assert.Equal("InProgress", answered.Text("status"));
        Assert.Contains(answered.GetProperty("updates").EnumerateArray(), u => u.GetProperty("text").GetString() == "Arah Harmoni, depan halte.");
        Assert.Equal("InProgress", (await _desk.CitizenAsync(code, "answer", new { token, answer = "Sekali lagi" }).ConflictAsync()).Text("status"));
    }

    [Fact]
    public async Task A_citizen_who_left_no_contact_cannot_be_asked()
    {
        var (officer, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var code = await _desk.DispatchedAsync(phone: null);

        var asked = await officer.StepAsync(code, "ask", new { question = "Lubangnya sebesar apa?" });

        Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
        Assert.Equal(["question"], await asked.ProblemFieldsAsync());
        Assert.Equal(ReportStatus.Dispatched, (await _desk.LoadAsync(code)).Status);
    }
    [Fact]
    public async Task The_citizen_hears_that_work_started_and_an_officer_hears_of_an_assignment_made_by_the_head()
    {
        var (head, _) = await _desk.SignInAsync(StaffRole.AgencyHead, BinaMargaPusat);
        var officer = await app.CreateAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var phone = UniquePhone();
        var code = await _desk.DispatchedAsync(phone: phone);

        var assigned = await head.StepAsync(code, "assign", new { officerId = officer.Id }).OkAsync();

        Assert.Equal("InProgress", assigned.Text("status")); // assigning accepts the report
        var started = Assert.Single(await _desk.OutboxAsync(code, "status-berubah"));
        Assert.Contains(StatusNames.Indonesian[ReportStatus.InProgress], started.Body, StringComparison.Ordinal);
        Assert.Equal(officer.Email, Assert.Single(await _desk.OutboxAsync(code, "petugas-ditugaskan")).Recipient);
    }
}

[Collection(DispatchSqliteCollection.Name)]
public sealed class AgencyWorkOnSqlite(DispatchSqliteApp app) : AgencyWorkTests(app);

[Collection(DispatchPostgresCollection.Name)]
public sealed class AgencyWorkOnPostgres(DispatchPostgresApp app) : AgencyWorkTests(app);
