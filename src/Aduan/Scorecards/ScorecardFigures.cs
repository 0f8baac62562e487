namespace Aduan.Scorecards;

/// <summary>A duration read from a histogram: minutes, and whether it lies in the open last bucket (then it is "at least").</summary>
public readonly record struct Duration(double Minutes, bool AtLeast);

/// <summary>
/// A unit's scorecard for a period, worked out from its <see cref="ScorecardCounts"/>. Shares and
/// rates are null when there is nothing to divide by (no resolutions, no ratings), never zero.
/// See docs/rankings.md for each figure's definition.
/// </summary>
public sealed record ScorecardFigures(
    long Received,
    long Dispatched,
    long Responded,
    Duration? ResponseMedian,
    Duration? ResponseP90,
    double? ResponseOnTimeShare,
    long Resolved,
    Duration? ResolutionMedian,
    Duration? ResolutionP90,
    double? ResolutionOnTimeShare,
    double? ConfirmedWithEvidenceShare,
    long Reopened,
    double? ReopenRate,
    long HandedBack,
    double? HandBackRate,
    double? RatingMean,
    long RatingCount)
{
    /// <param name="byArea">An area's "received" counts reports that came in; an agency's counts the parts dispatched to it.</param>
    public static ScorecardFigures From(ScorecardCounts c, bool byArea) => new(
        byArea ? c.Received : c.Dispatched,
        c.Dispatched,
        c.Responded,
        Percentile(c.ResponseBuckets, 0.5),
        Percentile(c.ResponseBuckets, 0.9),
        Share(c.ResponseOnTime, c.Responded),
        c.Resolved,
        Percentile(c.ResolutionBuckets, 0.5),
        Percentile(c.ResolutionBuckets, 0.9),
        Share(c.ResolutionOnTime, c.Resolved),
        Share(c.ConfirmedEvidenced, c.Resolved),
        c.Reopened,
        Share(c.Reopened, c.Resolved),
        c.HandedBack,
        Share(c.HandedBack, c.Dispatched),
        c.RatingCount == 0 ? null : (double)c.RatingSum / c.RatingCount,
        c.RatingCount);

    /// <summary>
    /// Share of two counts, at most 1: a confirmation or reopen counted in the period can belong
    /// to a resolution counted before it, so at a period's edge the numerator may run ahead.
    /// </summary>
    public static double? Share(long part, long whole) => whole == 0 ? null : Math.Min(1.0, (double)part / whole);

    /// <summary>
    /// The <paramref name="p"/> quantile (0-1) of the durations counted in <paramref name="buckets"/>,
    /// interpolated linearly inside its bucket (so off by at most the bucket's width); the open
    /// last bucket gives its lower bound, marked <see cref="Duration.AtLeast"/>. Null when empty.
    /// </summary>
    public static Duration? Percentile(ReadOnlySpan<long> buckets, double p)
    {
        long total = 0;
        foreach (var count in buckets)
            total += count;
        if (total == 0)
            return null;
        var rank = p * total; // the rank'th smallest value, 1-based and fractional
        long below = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (buckets[i] == 0 || below + buckets[i] < rank)
            {
                below += buckets[i];
                continue;
            }
            var (low, high) = WorkingMinutes.Range(i);
            if (i == buckets.Length - 1)
                return new Duration(low, AtLeast: true);
            return new Duration(low + (high - low) * ((rank - below) / buckets[i]), AtLeast: false);
        }
        return new Duration(WorkingMinutes.Range(buckets.Length - 1).Low, AtLeast: true);
    }
}
