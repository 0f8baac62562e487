using Aduan.Deadlines;
using Aduan.Tests.Infrastructure;

namespace Aduan.Tests.DeadlineClock;

/// <summary>Deadline arithmetic over the dki-jakarta pack's real holidays and cuti bersama (SKB 3 Menteri).</summary>
public sealed class WorkingCalendarTests
{
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    private static readonly TimeZoneInfo Wita = TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar");
    private static readonly IReadOnlySet<DateOnly> PackDaysOff = File.ReadLines(Path.Combine(Repo.Packs, "dki-jakarta", "holidays.csv")).Skip(1)
        .Select(line => DateOnly.ParseExact(line[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    private static readonly WorkingCalendar Jakarta = new(Wib, PackDaysOff);

    private static DateTimeOffset At(string local, TimeZoneInfo zone)
    {
        var time = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(time, zone.GetUtcOffset(time));
    }

    [Fact]
    public void Six_working_hours_from_friday_afternoon_end_on_monday_morning()
    {
        var due = Jakarta.Add(At("2026-11-27 15:00", Wib), TimeSpan.FromHours(6), TimeBasis.OfficeHours, OfficeHours.Government);

        Assert.Equal(At("2026-11-30 13:00", Wib), due); // 1 h on Friday, 5 h on Monday
    }

    [Fact]
    public void A_deadline_counted_from_the_next_opening_is_a_utc_instant_that_postgresql_can_store()
    {
        // Saturday noon in Jakarta: the count starts at Monday's 08:00, which must come out in UTC.
        var due = Jakarta.Add(At("2026-11-28 12:00", Wib), TimeSpan.FromHours(8), TimeBasis.OfficeHours, OfficeHours.Government);

        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(At("2026-11-30 16:00", Wib), due);
    }

    [Fact]
    public void The_lebaran_holidays_and_their_cuti_bersama_do_not_count()
    {
        // Tuesday 17 March 2026; 18 March (cuti bersama Nyepi) to 24 March (cuti bersama Idul Fitri) are all off.
        var due = Jakarta.Add(At("2026-03-17 10:00", Wib), TimeSpan.FromHours(24), TimeBasis.OfficeHours, OfficeHours.Government);

        Assert.Equal(At("2026-03-27 10:00", Wib), due); // 6 h Tue 17, 8 h Wed 25, 8 h Thu 26, 2 h Fri 27
    }

    [Fact]
    public void One_times_twenty_four_working_day_hours_skip_christmas_and_its_cuti_bersama()
    {
        var due = Jakarta.Add(At("2026-12-23 14:00", Wib), TimeSpan.FromHours(24), TimeBasis.WorkingDays, OfficeHours.Government);

        Assert.Equal(At("2026-12-28 14:00", Wib), due); // 10 h on Wednesday; Thursday (cuti bersama), Friday (Natal) and the weekend are off
    }

    [Fact]
    public void A_report_arriving_on_a_day_off_starts_its_clock_on_the_next_working_morning()
    {
        Assert.Equal(At("2026-12-28 09:00", Wib),
            Jakarta.Add(At("2026-12-25 10:00", Wib), TimeSpan.FromHours(1), TimeBasis.OfficeHours, OfficeHours.Government));
        Assert.Equal(At("2026-12-29 00:00", Wib),
            Jakarta.Add(At("2026-12-24 09:00", Wib), TimeSpan.FromHours(24), TimeBasis.WorkingDays, OfficeHours.Government));
    }

    [Theory]
    [InlineData("2026-11-27 16:00", "2026-11-30 09:00")] // exactly at closing time: nothing left that day
    [InlineData("2026-11-30 07:59", "2026-11-30 09:00")] // before opening: the clock starts at 08:00
    [InlineData("2026-11-30 15:59", "2026-12-01 08:59")]
    public void Office_hour_edges_are_exact_to_the_minute(string start, string expected)
    {
        Assert.Equal(At(expected, Wib), Jakarta.Add(At(start, Wib), TimeSpan.FromHours(1), TimeBasis.OfficeHours, OfficeHours.Government));
    }

    [Fact]
    public void Office_hours_are_local_in_wita()
    {
        var makassar = new WorkingCalendar(Wita, PackDaysOff);

        var due = makassar.Add(At("2026-11-27 15:00", Wita), TimeSpan.FromHours(2), TimeBasis.OfficeHours, OfficeHours.Government);

        Assert.Equal(At("2026-11-30 09:00", Wita), due);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), due.ToUniversalTime()); // 09:00 WITA is 01:00 UTC
    }

    [Fact]
    public void Units_that_never_close_count_every_hour_holidays_included_and_calendar_policies_too()
    {
        var christmasEve = At("2026-12-24 22:00", Wib);

        Assert.Equal(christmasEve.AddHours(6), Jakarta.Add(christmasEve, TimeSpan.FromHours(6), TimeBasis.OfficeHours, OfficeHours.AroundTheClock));
        Assert.Equal(christmasEve.AddHours(6), Jakarta.Add(christmasEve, TimeSpan.FromHours(6), TimeBasis.Calendar, OfficeHours.Government));
    }

    [Fact]
    public void Measuring_is_the_inverse_of_adding_over_a_whole_year_of_random_starts()
    {
        var random = new Random(2026);
        for (var i = 0; i < 500; i++)
        {
            var start = At("2026-01-01 00:00", Wib).AddMinutes(random.Next(0, 365 * 24 * 60));
            var amount = TimeSpan.FromMinutes(random.Next(1, 60 * 200));
            foreach (var basis in new[] { TimeBasis.OfficeHours, TimeBasis.WorkingDays, TimeBasis.Calendar })
            {
                var due = Jakarta.Add(start, amount, basis, OfficeHours.Government);
                Assert.Equal(amount, Jakarta.Between(start, due, basis, OfficeHours.Government));
                Assert.True(due >= start + (basis == TimeBasis.Calendar ? amount : TimeSpan.Zero));
            }
        }
    }

    [Fact]
    public void Working_time_between_two_instants_skips_nights_weekends_and_days_off()
    {
        Assert.Equal(TimeSpan.FromHours(9), Jakarta.Between(At("2026-11-27 08:00", Wib), At("2026-11-30 09:00", Wib), TimeBasis.OfficeHours, OfficeHours.Government));
        Assert.Equal(TimeSpan.Zero, Jakarta.Between(At("2026-12-24 08:00", Wib), At("2026-12-27 23:00", Wib), TimeBasis.OfficeHours, OfficeHours.Government));
        Assert.Equal(TimeSpan.Zero, Jakarta.Between(At("2026-11-30 09:00", Wib), At("2026-11-27 08:00", Wib), TimeBasis.OfficeHours, OfficeHours.Government));
        Assert.Throws<ArgumentOutOfRangeException>(() => Jakarta.Add(At("2026-11-30 09:00", Wib), TimeSpan.FromHours(-1), TimeBasis.OfficeHours, OfficeHours.Government));
    }
}
