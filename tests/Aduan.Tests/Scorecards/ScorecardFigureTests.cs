using Aduan.Deadlines;
using Aduan.Dispatch;
using Aduan.Reports;
using Aduan.Scorecards;

namespace Aduan.Tests.Scorecards;

/// <summary>Each scorecard figure on counts whose answer is known by hand.</summary>
public sealed class ScorecardFigureTests
{
    private static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    /// <summary>Monday 30 November 2026, 08:00 WIB.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(14, 0)]
    [InlineData(15, 1)] // bounds are exclusive: 15 minutes is the second bucket's first value
    [InlineData(479, 9)]
    [InlineData(480, 10)] // one working day
    [InlineData(14399, 18)]
    [InlineData(14400, 19)] // the open last bucket
    [InlineData(1_000_000, 19)]
    public void Working_minutes_fall_in_fixed_buckets(int minutes, int bucket) => Assert.Equal(bucket, WorkingMinutes.Bucket(minutes));

    [Fact]
    public void Working_minutes_skip_the_night_the_weekend_and_a_holiday()
    {
        var calendar = new WorkingCalendar(Jakarta, new HashSet<DateOnly> { new(2026, 12, 7) }); // Monday 7 December off
        var friday = Monday.AddDays(4).AddHours(7); // Friday 15:00
        var tuesday = Monday.AddDays(8).AddHours(1); // Tuesday 8 December 09:00, after the day off

        Assert.Equal(60 + 60, WorkingMinutes.Between(friday, tuesday, calendar, OfficeHours.Government));
        Assert.Equal((int)(tuesday - friday).TotalMinutes, WorkingMinutes.Between(friday, tuesday, calendar, OfficeHours.AroundTheClock));
    }

    [Fact]
    public void A_part_is_measured_once_when_accepted_and_when_resolved()
    {
        var calendar = new WorkingCalendar(Jakarta, new HashSet<DateOnly>());
        var part = new Assignment { AgencyCode = "x", DispatchedBy = "op", Role = AssignmentRole.Lead, DispatchedAt = Monday, AcceptedAt = Monday.AddHours(2) };

        Assert.True(WorkingMinutes.Measure(part, calendar, OfficeHours.Government));
        Assert.Equal((120, (int?)null), (part.ResponseMinutes!.Value, part.ResolutionMinutes));
        (part.Status, part.FinishedAt) = (AssignmentStatus.Done, Monday.AddDays(1).AddHours(1)); // Tuesday 09:00: 8 h on Monday + 1 h
        Assert.True(WorkingMinutes.Measure(part, calendar, OfficeHours.Government));
        Assert.Equal(540, part.ResolutionMinutes);
        part.AcceptedAt = Monday.AddHours(5);
        Assert.False(WorkingMinutes.Measure(part, calendar, OfficeHours.Government)); // stored once, never worked out again
        Assert.Equal(120, part.ResponseMinutes);
    }

    [Fact]
    public void A_percentile_is_interpolated_inside_its_bucket()
    {
        var counts = new long[WorkingMinutes.BucketCount];
        counts[WorkingMinutes.Bucket(120)] = 3; // three responses in [120, 180)
        counts[WorkingMinutes.Bucket(20)] = 1; // one in [15, 30)

        Assert.Equal(new Duration(120 + (60 * (1.0 / 3)), false), ScorecardFigures.Percentile(counts, 0.5)); // rank 2 of 4: the first of the three
        Assert.Equal(new Duration(120 + (60 * (2.6 / 3)), false), ScorecardFigures.Percentile(counts, 0.9));
        Assert.Equal(new Duration(15 + (15 * 0.4), false), ScorecardFigures.Percentile(counts, 0.1));
    }

    [Fact]
    public void A_percentile_in_the_open_last_bucket_is_its_lower_bound_marked_at_least_and_none_without_data()
    {
        var counts = new long[WorkingMinutes.BucketCount];
        Assert.Null(ScorecardFigures.Percentile(counts, 0.5));
        counts[^1] = 2;
        counts[0] = 1;
        Assert.Equal(new Duration(14400, true), ScorecardFigures.Percentile(counts, 0.9));
        Assert.Equal(new Duration(14400, true), ScorecardFigures.Percentile(counts, 0.5));
    }

    [Fact]
    public void Each_figure_is_its_share_of_the_right_whole()
    {
        var c = new ScorecardCounts();
        c.Count(ScorecardCounts.ReceivedAt, 12);
        c.Count(ScorecardCounts.DispatchedAt, 10);
        for (var i = 0; i < 8; i++)
            c.AddResponse(onTime: i < 6, minutes: 60);
        for (var i = 0; i < 5; i++)
            c.AddResolution(onTime: i < 4, evidenced: i < 3, minutes: 960);
        c.AddConfirmation(5, evidenced: true, onTime: true);
        c.AddConfirmation(3, evidenced: false, onTime: true);
        c.Count(ScorecardCounts.ReopenedAt);
        c.Count(ScorecardCounts.HandedBackAt, 2);

        var area = ScorecardFigures.From(c, byArea: true);
        var agency = ScorecardFigures.From(c, byArea: false);

        Assert.Equal((12L, 10L), (area.Received, agency.Received)); // an area counts arrivals, an agency what was dispatched to it
        Assert.Equal(0.75, area.ResponseOnTimeShare);
        Assert.Equal(0.8, area.ResolutionOnTimeShare);
        Assert.Equal(0.2, area.ConfirmedWithEvidenceShare); // one evidenced confirmation of five resolutions
        Assert.Equal(0.2, area.ReopenRate);
        Assert.Equal(0.2, area.HandBackRate); // two of ten dispatched
        Assert.Equal((4.0, 2L), (area.RatingMean!.Value, area.RatingCount));
        Assert.Equal(new Duration(960 + (480 * 0.5), false), area.ResolutionMedian); // five in [960, 1440)
    }

    [Fact]
    public void Figures_with_nothing_to_divide_by_are_empty_not_zero()
    {
        var figures = ScorecardFigures.From(new ScorecardCounts(), byArea: false);

        Assert.Null(figures.ResponseOnTimeShare);
        Assert.Null(figures.ResolutionOnTimeShare);
        Assert.Null(figures.ReopenRate);
        Assert.Null(figures.HandBackRate);
        Assert.Null(figures.RatingMean);
        Assert.Null(figures.ResponseMedian);
    }

    [Fact]
    public void Confirmations_counted_at_a_period_edge_never_make_a_share_above_one() =>
        Assert.Equal(1.0, ScorecardFigures.Share(3, 2));

    [Theory]
    [InlineData("2026-12-10", "2026-12-01", "to", "Scorecard_PeriodReversed")]
    [InlineData("2026-12-20", null, "from", "Scorecard_PeriodEmpty")]
    [InlineData("1-12-2026", null, "from", "Scorecard_BadDate")]
    [InlineData(null, "kemarin", "to", "Scorecard_BadDate")]
    [InlineData("2010-01-01", "2026-12-01", "from", "Scorecard_PeriodTooLong")]
    public void A_bad_period_is_refused_with_the_field_named(string? from, string? to, string field, string code)
    {
        var (period, errors) = ScorecardPeriod.Parse(from, to, new DateOnly(2026, 12, 15));

        Assert.Null(period);
        var error = Assert.Single(errors);
        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Fact]
    public void A_missing_end_of_the_period_is_filled_in()
    {
        var today = new DateOnly(2026, 12, 15);
        Assert.Equal(new ScorecardPeriod(today.AddDays(-89), today), ScorecardPeriod.Parse(null, null, today).Period);
        Assert.Equal(new ScorecardPeriod(new(2026, 12, 1), today), ScorecardPeriod.Parse("2026-12-01", null, today).Period);
        Assert.Equal(new ScorecardPeriod(new(2026, 12, 10), new(2026, 12, 10)), ScorecardPeriod.Parse("2026-12-10", "2026-12-10", today).Period); // one day is a period
    }

    [Fact]
    public void A_period_reads_whole_months_from_monthly_rows_and_the_rest_from_daily_rows()
    {
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 5, 1)), new ScorecardPeriod(new(2026, 1, 15), new(2026, 5, 10)).Months());
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1)), new ScorecardPeriod(new(2026, 1, 1), new(2026, 3, 31)).Months());
        // Inside one month, or asked for days only: no monthly rows (both bounds the day after the end).
        Assert.Equal((new DateOnly(2026, 1, 21), new DateOnly(2026, 1, 21)), new ScorecardPeriod(new(2026, 1, 5), new(2026, 1, 20)).Months());
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1)), new ScorecardPeriod(new(2026, 1, 1), new(2026, 3, 31)).Months(daysOnly: true));
    }

    [Fact]
    public void A_confirmed_rating_lives_in_its_own_row_with_the_agency_that_did_the_work_and_a_reopen_marks_the_disputed_part()
    {
        var report = Report.Submit(new NewReport("ABCDE23456", "jalan-rusak", "Jalan berlubang", null, null, null, "31.71.01.1001",
            Channel.Web, ReportVisibility.Public, null, null, "pelapor", []), Monday);
        report.Verify(Monday, "operator");
        report.Dispatch("sudin-a", [], Monday, "operator", "dikirim");
        report.Accept("sudin-a", Monday.AddHours(1), "petugas");
        report.Resolve(Monday.AddHours(2), "petugas", "Sudah ditambal.", "hash"); // no evidence photo
        Assert.False(report.Assignments[0].Evidenced);
        report.Reopen(Monday.AddHours(3), "pelapor", "Belum beres.");
        Assert.Equal(Monday.AddHours(3), report.Assignments[0].ReopenedAt);

        report.Accept("sudin-a", Monday.AddHours(4), "petugas");
        report.AttachPhotos([new ReportPhoto { Sha256 = new string('a', 64), ContentType = "image/png", Size = 1 }], Monday.AddHours(5), "petugas", "foto bukti", isPublic: true);
        report.Resolve(Monday.AddHours(5), "petugas", "Ditambal ulang.", "hash");
        report.ConfirmResolved(Monday.AddHours(6), "pelapor", 4, "  Terima kasih  ");

        Assert.True(report.Assignments[1].Evidenced);
        Assert.Null(report.Assignments[1].ReopenedAt);
        Assert.Equal(("sudin-a", 4, "Terima kasih", Monday.AddHours(6)), (report.Rating!.AgencyCode, report.Rating.Value, report.Rating.Comment, report.Rating.At));
        Assert.Equal(4, report.CitizenRating);
    }
}
