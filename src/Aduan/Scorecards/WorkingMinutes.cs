using Aduan.Deadlines;
using Aduan.Dispatch;

namespace Aduan.Scorecards;

/// <summary>
/// Response and resolution times in working minutes, and the fixed buckets scorecards count them
/// in. Working time is the acting agency's service hours over the pack's calendar (weekends,
/// holidays and cuti bersama skipped; every hour for a 24-hour unit), whatever basis the
/// category's deadline uses, so every unit is measured on the same scale.
/// </summary>
public static class WorkingMinutes
{
    /// <summary>
    /// Upper bounds (exclusive) of the histogram buckets, in working minutes; the last bucket is
    /// open. A percentile read from the buckets is interpolated inside its bucket, so it is off by
    /// at most the bucket's width: 15 minutes up to an hour, then at most half the value (see
    /// docs/rankings.md). 480 minutes is one 08:00-16:00 working day.
    /// </summary>
    public static readonly int[] BucketBounds =
        [15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1440, 1920, 2400, 3360, 4800, 7200, 14400];

    public static int BucketCount => BucketBounds.Length + 1;

    public static int Bucket(int minutes)
    {
        var index = Array.BinarySearch(BucketBounds, minutes);
        // An exact bound belongs to the bucket above it (bounds are exclusive).
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The lower and upper bound of a bucket (the last one's upper bound is its lower bound: it is open).</summary>
    public static (int Low, int High) Range(int bucket) =>
        (bucket == 0 ? 0 : BucketBounds[bucket - 1], bucket < BucketBounds.Length ? BucketBounds[bucket] : BucketBounds[^1]);

    /// <summary>The working time between two instants, rounded down to whole minutes.</summary>
    public static int Between(DateTimeOffset from, DateTimeOffset to, WorkingCalendar calendar, OfficeHours hours) =>
        (int)Math.Min(int.MaxValue, calendar.Between(from, to, TimeBasis.OfficeHours, hours).TotalMinutes);

    /// <summary>
    /// Works out the part's response and resolution minutes that are due and not yet stored:
    /// once accepted, and once a lead part is resolved. Returns whether anything was set.
    /// </summary>
    public static bool Measure(Assignment part, WorkingCalendar calendar, OfficeHours hours)
    {
        var changed = false;
        if (part.AcceptedAt is { } accepted && part.ResponseMinutes is null)
        {
            part.ResponseMinutes = Between(part.DispatchedAt, accepted, calendar, hours);
            changed = true;
        }
        if (IsResolution(part) && part.ResolutionMinutes is null)
        {
            part.ResolutionMinutes = Between(part.DispatchedAt, part.FinishedAt!.Value, calendar, hours);
            changed = true;
        }
        return changed;
    }

    public static bool NeedsMeasuring(Assignment part) =>
        (part.AcceptedAt is not null && part.ResponseMinutes is null) || (IsResolution(part) && part.ResolutionMinutes is null);

    private static bool IsResolution(Assignment part) =>
        part.Role == AssignmentRole.Lead && part.Status == AssignmentStatus.Done && part.FinishedAt is not null;
}
