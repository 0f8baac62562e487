namespace Aduan.Deadlines;

/// <summary>How a deadline's hours are counted (categories.csv <c>jenis_waktu</c>).</summary>
public enum TimeBasis
{
    /// <summary><c>kalender</c>: every hour counts, nights, weekends and holidays too.</summary>
    Calendar,

    /// <summary><c>kerja</c>: only office hours on working days count (08:00-16:00, Monday to Friday, by default).</summary>
    OfficeHours,

    /// <summary>
    /// <c>hari_kerja</c>: whole working days count, 24 hours each, and weekends and days off are
    /// skipped — "1x24 jam hari kerja" as Surabaya's Media Center promises.
    /// </summary>
    WorkingDays,
}

/// <summary>When a unit works: which days, and from when to when (local time; an end of 24:00 means midnight).</summary>
public sealed record OfficeHours(IReadOnlySet<DayOfWeek> Days, TimeSpan Start, TimeSpan End, bool ObservesDaysOff = true)
{
    /// <summary>Monday to Friday, 08:00-16:00: the default for Indonesian government offices.</summary>
    public static readonly OfficeHours Government = new(
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        TimeSpan.FromHours(8), TimeSpan.FromHours(16));

    /// <summary>Units that never close (fire brigade, the 112 command centre): every hour of every day, holidays included.</summary>
    public static readonly OfficeHours AroundTheClock = new(Enum.GetValues<DayOfWeek>().ToHashSet(), TimeSpan.Zero, TimeSpan.FromHours(24), ObservesDaysOff: false);

    public bool IsAroundTheClock => Days.Count == 7 && Start == TimeSpan.Zero && End == TimeSpan.FromHours(24) && !ObservesDaysOff;

    /// <summary>The same days, but whole days (for <see cref="TimeBasis.WorkingDays"/>).</summary>
    public OfficeHours WholeDays() => this with { Start = TimeSpan.Zero, End = TimeSpan.FromHours(24) };
}

/// <summary>
/// Deadline arithmetic in a pack's time zone: adds working time to an instant and measures the
/// working time between two instants, over office hours, weekends, national holidays, cuti
/// bersama and local days off. Pure and thread-safe; instants in and out are UTC-based
/// <see cref="DateTimeOffset"/>s.
/// </summary>
public sealed class WorkingCalendar(TimeZoneInfo zone, IReadOnlySet<DateOnly> daysOff)
{
    /// <summary>How far ahead a deadline may lie; beyond it the calendar is surely wrong (no working day at all).</summary>
    private const int MaxDays = 3 * 366;

    public TimeZoneInfo Zone { get; } = zone;

    public bool IsDayOff(DateOnly date) => daysOff.Contains(date);

    /// <summary>The instant <paramref name="amount"/> of time counted as <paramref name="basis"/> says after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan amount, TimeBasis basis, OfficeHours hours)
    {
        if (amount < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(amount), "A deadline cannot be negative.");
        if (basis == TimeBasis.Calendar || hours.IsAroundTheClock)
            return start + amount;
        var effective = basis == TimeBasis.WorkingDays ? hours.WholeDays() : hours;
        var left = amount;
        foreach (var (from, to) in Windows(start, effective))
        {
            var length = to - from;
            if (left <= length)
                return from + left;
            left -= length;
        }
        throw new InvalidOperationException("The calendar has no working time in the next three years.");
    }

    /// <summary>The time counted as <paramref name="basis"/> says between two instants (zero when <paramref name="to"/> is not later).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, TimeBasis basis, OfficeHours hours)
    {
        if (to <= from)
            return TimeSpan.Zero;
        if (basis == TimeBasis.Calendar || hours.IsAroundTheClock)
            return to - from;
        var effective = basis == TimeBasis.WorkingDays ? hours.WholeDays() : hours;
        var total = TimeSpan.Zero;
        foreach (var (start, end) in Windows(from, effective))
        {
            if (start >= to)
                break;
            total += (end < to ? end : to) - start;
        }
        return total;
    }

    /// <summary>The working windows from <paramref name="from"/> on, in order, the first one clipped to start there.</summary>
    private IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Windows(DateTimeOffset from, OfficeHours hours)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Zone).DateTime);
        for (var i = 0; i < MaxDays; i++, day = day.AddDays(1))
        {
            if (!hours.Days.Contains(day.DayOfWeek) || (hours.ObservesDaysOff && daysOff.Contains(day)))
                continue;
            var open = Instant(day, hours.Start);
            var close = Instant(day, hours.End);
            if (close <= from)
                continue;
            yield return (open < from ? from : open, close);
        }
    }

    private DateTimeOffset Instant(DateOnly day, TimeSpan timeOfDay)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).Add(timeOfDay); // 24:00 is the next midnight
        // In UTC, as promised above: PostgreSQL's timestamptz takes no other offset, and a deadline
        // that starts at an office's opening (a report filed out of hours) is made from this instant.
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
