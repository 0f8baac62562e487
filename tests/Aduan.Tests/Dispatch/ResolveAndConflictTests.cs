using System.Net;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using static Aduan.Tests.Infrastructure.DispatchDesk;

namespace Aduan.Tests.Dispatch;

/// <summary>What the agency steps refuse: resolutions without evidence at the spot, steps the state does not allow, and stale versions.</summary>
public abstract class ResolveAndConflictTests(AduanApp app)
{
    private readonly DispatchDesk _desk = new(app);

    [Fact]
    public async Task Resolving_without_an_evidence_photo_is_refused_on_the_photo_field()
    {
        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var code = await _desk.DispatchedAsync();
        await lead.StepAsync(code, "accept").OkAsync();

        var response = await lead.ResolveAsync(code, Samples.MonasLatitude, Samples.MonasLongitude, withPhoto: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["photo"], await response.ProblemFieldsAsync());
        Assert.Equal(Aduan.Reports.ReportStatus.InProgress, (await _desk.LoadAsync(code)).Status);
    }

    [Fact]
    public async Task An_evidence_photo_taken_two_kilometres_from_the_spot_is_refused_with_the_distance()
    {
        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var code = await _desk.DispatchedAsync();
        await lead.StepAsync(code, "accept").OkAsync();

        var response = await lead.ResolveAsync(code, Samples.MonasLatitude - 0.018, Samples.MonasLongitude); // about 2 km south

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["latitude"], await response.ProblemFieldsAsync());
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("latitude")[0].GetString();
        Assert.Matches(@"^Foto bukti diambil 20\d\d m dari lokasi laporan; paling jauh 200 m\.$", message);
    }

    [Fact]
    public async Task A_report_never_dispatched_cannot_be_resolved_and_the_answer_gives_its_current_state()
    {
        var (operatorSession, _) = await _desk.SignInAsync(StaffRole.Operator);
        var code = await _desk.SubmitAsync("jalan-rusak", UniquePhone());

        var problem = await operatorSession.ResolveAsync(code, Samples.MonasLatitude, Samples.MonasLongitude).ConflictAsync();

        Assert.Equal("Received", problem.GetProperty("status").GetString());
        Assert.Equal("Diterima", problem.GetProperty("statusLabel").GetString());
        Assert.Equal(1, problem.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Accepting_twice_is_a_conflict()
    {
        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var code = await _desk.DispatchedAsync();
        var accepted = await lead.StepAsync(code, "accept").OkAsync();

        var problem = await lead.StepAsync(code, "accept").ConflictAsync();

        Assert.Equal("InProgress", problem.GetProperty("status").GetString());
        Assert.Equal(accepted.GetProperty("version").GetInt32(), problem.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_supporting_agency_cannot_accept_twice_nor_take_the_leads_steps()
    {
        var (operatorSession, _) = await _desk.SignInAsync(StaffRole.Operator);
        var (support, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, LingkunganHidupPusat);
        var code = await _desk.DispatchedAsync();
        await operatorSession.StepAsync(code, "dispatch", new { agency = BinaMargaPusat, supporting = new[] { LingkunganHidupPusat }, reason = "Perlu angkut puing" }).OkAsync();
        await support.StepAsync(code, "accept").OkAsync();

        var again = await support.StepAsync(code, "accept").ConflictAsync();
        await support.ResolveAsync(code, Samples.MonasLatitude, Samples.MonasLongitude).ConflictAsync();
        await support.StepAsync(code, "forward", new { body = "pln", note = "Kabel listrik putus" }).ConflictAsync();

        Assert.Equal("Dispatched", again.GetProperty("status").GetString());
        Assert.Contains("sudah diterima", again.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(Aduan.Reports.ReportStatus.Dispatched, (await _desk.LoadAsync(code)).Status);
    }

    [Fact]
    public async Task The_lead_cannot_close_its_part_as_a_supporting_agency_would()
    {
        var (lead, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var code = await _desk.DispatchedAsync();

        await lead.StepAsync(code, "finish-part", new { summary = "Selesai" }).ConflictAsync();

        Assert.Equal(Aduan.Dispatch.AssignmentStatus.Dispatched, (await _desk.LoadAsync(code)).Assignments.Single().Status);
    }

    [Fact]
    public async Task An_officer_acting_on_the_version_they_loaded_after_a_colleague_changed_it_gets_409_with_the_current_state()
    {
        var (first, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var (second, _) = await _desk.SignInAsync(StaffRole.AgencyOfficer, BinaMargaPusat);
        var code = await _desk.DispatchedAsync();
        var seen = (await first.ViewAsync(code)).GetProperty("version").GetInt32();
        Assert.Equal(seen, (await second.ViewAsync(code)).GetProperty("version").GetInt32());

        var accepted = await first.StepAsync(code, "accept", new { version = seen }).OkAsync();
        var problem = await second.StepAsync(code, "assign", new { version = seen }).ConflictAsync();

        Assert.Equal("InProgress", problem.GetProperty("status").GetString());
        Assert.Equal(accepted.GetProperty("version").GetInt32(), problem.GetProperty("version").GetInt32());
        Assert.True(accepted.GetProperty("version").GetInt32() > seen);
        Assert.Null((await _desk.LoadAsync(code)).Assignments.Single().OfficerId);
    }
}

[Collection(DispatchSqliteCollection.Name)]
public sealed class ResolveAndConflictOnSqlite(DispatchSqliteApp app) : ResolveAndConflictTests(app);

[Collection(DispatchPostgresCollection.Name)]
public sealed class ResolveAndConflictOnPostgres(DispatchPostgresApp app) : ResolveAndConflictTests(app);
