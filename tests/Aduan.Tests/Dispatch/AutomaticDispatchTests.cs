using Aduan.Dispatch;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;

namespace Aduan.Tests.Dispatch;

/// <summary>Verification dispatches at once by the routing table: to a suku dinas, to the kelurahan's office, or forwarded to an outside body.</summary>
public abstract class AutomaticDispatchTests(AduanApp app)
{
    private readonly DispatchDesk _desk = new(app);

    [Fact]
    public async Task A_verified_road_report_is_dispatched_to_the_suku_dinas_and_both_the_agency_and_the_citizen_are_told()
    {
        var officer = await app.CreateAsync(StaffRole.AgencyOfficer, DispatchDesk.BinaMargaPusat);
        var phone = DispatchDesk.UniquePhone();
        var code = await _desk.SubmitAsync("jalan-rusak", phone);

        await _desk.VerifyAsync(code);

        var report = await _desk.LoadAsync(code);
        Assert.Equal(ReportStatus.Dispatched, report.Status);
        Assert.Equal(DispatchDesk.BinaMargaPusat, report.AgencyCode);
        var part = Assert.Single(report.Assignments);
        Assert.Equal((DispatchDesk.BinaMargaPusat, AssignmentRole.Lead, AssignmentStatus.Dispatched), (part.AgencyCode, part.Role, part.Status));
        Assert.Equal("sistem", part.DispatchedBy);
        Assert.Contains(report.Updates, u => u.ToStatus == ReportStatus.Dispatched && u.IsPublic);

        var toAgency = await _desk.OutboxAsync(code, "instansi-laporan-baru");
        Assert.Contains(toAgency, m => m.Recipient == officer.Email && m.Channel == MessageChannel.Email);
        var toCitizen = Assert.Single(await _desk.OutboxAsync(code, "laporan-didisposisikan"));
        Assert.Equal((MessageChannel.Sms, phone), (toCitizen.Channel, toCitizen.Recipient));
        Assert.Contains("Suku Dinas Bina Marga", toCitizen.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_order_report_goes_to_the_office_of_its_own_kelurahan()
    {
        var code = await _desk.DispatchedAsync("gangguan-ketertiban-umum");

        var report = await _desk.LoadAsync(code);

        Assert.Equal(ReportStatus.Dispatched, report.Status);
        Assert.Equal("kel-" + Samples.GambirKelurahan, report.AgencyCode);
    }

    [Fact]
    public async Task A_verified_electricity_fault_is_forwarded_to_PLN_with_a_coordination_to_track()
    {
        var phone = DispatchDesk.UniquePhone();
        var code = await _desk.DispatchedAsync("gangguan-listrik", phone);

        var report = await _desk.LoadAsync(code);
        Assert.Equal(ReportStatus.ForwardedToOutsideBody, report.Status);
        Assert.Equal("pln", report.AgencyCode);
        Assert.Empty(report.Assignments);
        var coordination = Assert.Single(await _desk.CoordinationsAsync(code));
        Assert.Equal(("pln", CoordinationStatus.Sent, (string?)null, 0), (coordination.BodyCode, coordination.Status, coordination.ForwardedByAgency, coordination.Reminders));
        Assert.True(coordination.NextReminderAt > coordination.SentAt.AddHours(47), "the first reminder is due after the pack's 48 hours");
        Assert.Single(await _desk.OutboxAsync(code, "laporan-didisposisikan"));
    }

    [Fact]
    public async Task A_citizen_without_a_phone_or_email_gets_no_message_but_the_report_is_still_dispatched()
    {
        var code = await _desk.DispatchedAsync(phone: null);

        Assert.Equal(ReportStatus.Dispatched, (await _desk.LoadAsync(code)).Status);
        Assert.Empty(await _desk.OutboxAsync(code, "laporan-didisposisikan"));
    }
}

[Collection(DispatchSqliteCollection.Name)]
public sealed class AutomaticDispatchOnSqlite(DispatchSqliteApp app) : AutomaticDispatchTests(app);

[Collection(DispatchPostgresCollection.Name)]
public sealed class AutomaticDispatchOnPostgres(DispatchPostgresApp app) : AutomaticDispatchTests(app);
