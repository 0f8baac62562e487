using Aduan.Dispatch;
using Aduan.Reports;

namespace Aduan.Tests.Domain;

public sealed class ReportLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static Report NewReport() => Report.Submit(new NewReport(
        TrackingCode.New(), "jalan-rusak", "Jalan berlubang di depan sekolah.", -6.1754, 106.8272, null, "31.71.01.1001",
        Channel.Web, ReportVisibility.Public, null, null, "pelapor", []), T0);

    [Fact]
    public void A_report_walks_its_whole_life_and_every_step_is_on_the_timeline()
    {
        var report = NewReport();

        report.Verify(T0.AddMinutes(5), "operator");
        report.Dispatch("sudin-bina-marga-31-71", [], T0.AddMinutes(10), "operator", "ke Suku Dinas Bina Marga");
        report.Accept("sudin-bina-marga-31-71", T0.AddMinutes(30), "petugas");
        report.AskCitizen(T0.AddHours(1), "petugas", "Di sisi jalan yang mana?", "hash");
        report.CitizenAnswered(T0.AddHours(2), "pelapor", "Sisi utara, depan gerbang.");
        report.Resolve(T0.AddHours(5), "petugas", "Lubang sudah ditambal.", "hash");
        report.Reopen(T0.AddHours(8), "pelapor", "Tambalannya sudah lepas lagi.");
        report.Accept("sudin-bina-marga-31-71", T0.AddHours(9), "petugas");
        report.Resolve(T0.AddHours(20), "petugas", "Ditambal ulang dengan aspal panas.", null);
        report.Close(T0.AddDays(3), "sistem");

        Assert.Equal(ReportStatus.Closed, report.Status);
        Assert.False(report.IsOpen);
        Assert.Equal(
            [ReportStatus.Received, ReportStatus.Verified, ReportStatus.Dispatched, ReportStatus.InProgress, ReportStatus.WaitingForCitizen,
             ReportStatus.InProgress, ReportStatus.Resolved, ReportStatus.Reopened, ReportStatus.InProgress, ReportStatus.Resolved, ReportStatus.Closed],
            report.Updates.Select(u => u.ToStatus!.Value));
        Assert.Equal(T0.AddDays(3), report.LastChangedAt);
        Assert.Equal("sudin-bina-marga-31-71", report.AgencyCode);
    }

    [Theory]
    [InlineData(ReportStatus.Dispatched)]
    [InlineData(ReportStatus.Resolved)]
    [InlineData(ReportStatus.Closed)]
    public void A_received_report_cannot_skip_verification(ReportStatus next)
    {
        var report = NewReport();

        Assert.False(report.CanMoveTo(next));
        Assert.Throws<InvalidTransitionException>(() =>
        {
            switch (next)
            {
                case ReportStatus.Dispatched: report.Dispatch("x", [], T0, "operator", "ke x"); break;
                case ReportStatus.Resolved: report.Resolve(T0, "petugas", "selesai", null); break;
                default: report.Close(T0, "sistem"); break;
            }
        });
        Assert.Single(report.Updates);
        Assert.Equal(ReportStatus.Received, report.Status);
    }

    [Fact]
    public void Rejected_merged_and_closed_reports_are_final()
    {
        foreach (var terminal in new[] { ReportStatus.Rejected, ReportStatus.Merged, ReportStatus.Closed })
            Assert.Empty(Report.AllowedMoves[terminal]);
        var report = NewReport();
        report.Reject(T0, "operator", "Tidak ada lokasi.");

        Assert.Throws<InvalidTransitionException>(() => report.Verify(T0, "operator"));
    }

    [Fact]
    public void Every_status_has_its_allowed_moves_defined()
    {
        Assert.Equal(Enum.GetValues<ReportStatus>().Order(), Report.AllowedMoves.Keys.Order());
    }

    [Fact]
    public void Handing_a_report_back_returns_it_to_the_operator_with_an_internal_reason()
    {
        var report = NewReport();
        report.Verify(T0, "operator");
        report.Dispatch("kel-31.71.01.1001", [], T0, "operator", "ke Kelurahan Gambir");

        report.HandBack("kel-31.71.01.1001", T0.AddHours(1), "petugas", "Ini kewenangan Dinas Bina Marga.");

        Assert.Equal(ReportStatus.Verified, report.Status);
        Assert.Null(report.AgencyCode);
        Assert.False(report.Updates[^1].IsPublic);
        Assert.Equal(Aduan.Dispatch.AssignmentStatus.HandedBack, Assert.Single(report.Assignments).Status);
    }

    [Fact]
    public void A_report_cannot_be_merged_into_itself_or_a_closed_report()
    {
        var report = NewReport();
        var closed = NewReport();
        closed.Reject(T0, "operator", "Spam.");

        Assert.Throws<InvalidOperationException>(() => report.MergeInto(report, T0, "operator"));
        Assert.Throws<InvalidOperationException>(() => report.MergeInto(closed, T0, "operator"));
        var original = NewReport();
        report.MergeInto(original, T0, "operator");
        Assert.Equal(original.Code, report.MergedIntoCode);
    }

    [Fact]
    public void Resolving_and_rejecting_need_a_reason()
    {
        var report = NewReport();

        Assert.Throws<ArgumentException>(() => report.Reject(T0, "operator", "  "));
        Assert.Equal(ReportStatus.Received, report.Status);
    }

    [Fact]
    public void The_timeline_never_goes_back_in_time_even_if_a_clock_does()
    {
        var report = NewReport();

        report.Verify(T0.AddMinutes(-10), "operator");

        Assert.Equal(T0, report.Updates[^1].At);
    }

    [Fact]
    public void A_joint_dispatch_gives_each_agency_its_own_part_and_a_supporting_hand_back_ends_only_that_part()
    {
        var report = NewReport();
        report.Verify(T0, "operator");

        report.Dispatch("dinas-gulkarmat", ["dinas-kesehatan", "bpbd"], T0.AddMinutes(1), "operator", "kebakaran dengan korban");
        report.Accept("dinas-kesehatan", T0.AddMinutes(2), "petugas-kesehatan");
        report.HandBack("bpbd", T0.AddMinutes(3), "petugas-bpbd", "Tidak ada unsur bencana.");

        Assert.Equal(ReportStatus.Dispatched, report.Status); // a supporting agency's acceptance does not start the lead's work
        Assert.Equal("dinas-gulkarmat", report.AgencyCode);
        Assert.Equal(AssignmentStatus.Accepted, report.Assignments.Single(a => a.AgencyCode == "dinas-kesehatan").Status);
        Assert.Equal(AssignmentStatus.HandedBack, report.Assignments.Single(a => a.AgencyCode == "bpbd").Status);
        Assert.Throws<ReportConflictException>(() => report.Accept("bpbd", T0.AddMinutes(4), "petugas-bpbd"));
        Assert.Throws<ReportConflictException>(() => report.Accept("dinas-kesehatan", T0.AddMinutes(4), "petugas-kesehatan"));
    }

    [Fact]
    public void A_re_dispatch_needs_a_reason_and_withdraws_every_active_part()
    {
        var report = NewReport();
        report.Verify(T0, "operator");
        report.Dispatch("sudin-bina-marga-31-71", ["sudin-perhubungan-31-71"], T0, "operator", "ke Bina Marga");

        Assert.Throws<ArgumentException>(() => report.Dispatch("sudin-sumber-daya-air-31-71", [], T0.AddHours(1), "operator", "ke SDA"));
        report.Dispatch("sudin-sumber-daya-air-31-71", [], T0.AddHours(1), "operator", "ke SDA", "Genangan, bukan jalan rusak.");

        Assert.Equal("sudin-sumber-daya-air-31-71", report.AgencyCode);
        Assert.Equal(2, report.Assignments.Count(a => a.Status == AssignmentStatus.Withdrawn));
        Assert.Contains("Genangan, bukan jalan rusak.", report.Updates[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reopened_report_goes_back_to_the_same_lead_agency_with_a_fresh_part_and_its_history_intact()
    {
        var report = NewReport();
        report.Verify(T0, "operator");
        report.Dispatch("sudin-bina-marga-31-71", [], T0, "operator", "ke Bina Marga");
        report.Accept("sudin-bina-marga-31-71", T0.AddHours(1), "petugas");
        report.Resolve(T0.AddHours(5), "petugas", "Sudah ditambal.", "hash");
        var before = report.Updates.Count;

        report.Reopen(T0.AddDays(1), "pelapor", "Masih berlubang.");

        Assert.Equal(ReportStatus.Reopened, report.Status);
        Assert.Equal("sudin-bina-marga-31-71", report.AgencyCode);
        Assert.Equal([AssignmentStatus.Done, AssignmentStatus.Dispatched], report.Assignments.Select(a => a.Status));
        Assert.Equal(T0.AddDays(1), report.Assignments[^1].DispatchedAt); // its deadlines start again
        Assert.Equal(before + 1, report.Updates.Count);
        Assert.Null(report.CitizenTokenHash);
        Assert.Throws<InvalidTransitionException>(() => report.ConfirmResolved(T0.AddDays(2), "pelapor", 5, null));
    }

    [Fact]
    public void Every_update_is_chained_to_the_one_before_it()
    {
        var report = NewReport();
        report.Verify(T0.AddMinutes(1), "operator");
        report.Comment(T0.AddMinutes(2), "operator", "catatan", isPublic: false);

        string? previous = null;
        foreach (var update in report.Updates)
        {
            Assert.Equal(HistoryChain.Link(previous, HistoryChain.Digest(update)), update.Hash);
            previous = update.Hash;
        }
        Assert.Equal(previous, report.HistoryHead);
        Assert.Equal([1, 2, 3], report.Updates.Select(u => u.Sequence));
    }
}
