namespace Aduan.Scorecards;

/// <summary>
/// What a scorecard adds up for one unit and stretch of time: event counts and the two
/// histograms of working minutes. Each event is counted on the (local) day it happened, so a
/// day's counts never change once the day is over. One flat array, laid out as
/// <see cref="Columns"/>, so rollup rows are read and written column by column.
/// </summary>
public sealed class ScorecardCounts
{
    // The counts, in column order.
    public const int ReceivedAt = 0;            // reports received (the area's count; an agency's is Dispatched)
    public const int DispatchedAt = 1;          // lead parts dispatched to the agency
    public const int RespondedAt = 2;           // lead parts accepted
    public const int ResponseOnTimeAt = 3;      // ... within the response target
    public const int ResolvedAt = 4;            // lead parts resolved
    public const int ResolutionOnTimeAt = 5;    // ... within the resolution target
    public const int EvidencedAt = 6;           // ... with an evidence photo
    public const int ConfirmedAt = 7;           // resolutions the citizen confirmed
    public const int ConfirmedEvidencedAt = 8;  // ... that had evidence
    public const int GoodAt = 9;                // ... that had evidence and met the resolution target
    public const int ReopenedAt = 10;           // resolutions the citizen disputed (reopened)
    public const int HandedBackAt = 11;         // lead parts handed back as "not ours"
    public const int RatingCountAt = 12;
    public const int RatingSumAt = 13;

    private static readonly string[] CountNames =
    [
        "Received", "Dispatched", "Responded", "ResponseOnTime", "Resolved", "ResolutionOnTime", "Evidenced",
        "Confirmed", "ConfirmedEvidenced", "Good", "Reopened", "HandedBack", "RatingCount", "RatingSum",
    ];

    /// <summary>Every column: the counts, then Response00.. and Resolution00.. (one per <see cref="WorkingMinutes"/> bucket).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        .. CountNames,
        .. Enumerable.Range(0, WorkingMinutes.BucketCount).Select(i => $"Response{i:00}"),
        .. Enumerable.Range(0, WorkingMinutes.BucketCount).Select(i => $"Resolution{i:00}"),
    ];

    public static int ResponseBucketsAt => CountNames.Length;

    public static int ResolutionBucketsAt => CountNames.Length + WorkingMinutes.BucketCount;

    public long[] Values { get; } = new long[Columns.Count];

    public long this[int column] => Values[column];

    public long Received => Values[ReceivedAt];
    public long Dispatched => Values[DispatchedAt];
    public long Responded => Values[RespondedAt];
    public long ResponseOnTime => Values[ResponseOnTimeAt];
    public long Resolved => Values[ResolvedAt];
    public long ResolutionOnTime => Values[ResolutionOnTimeAt];
    public long Evidenced => Values[EvidencedAt];
    public long Confirmed => Values[ConfirmedAt];
    public long ConfirmedEvidenced => Values[ConfirmedEvidencedAt];
    public long Good => Values[GoodAt];
    public long Reopened => Values[ReopenedAt];
    public long HandedBack => Values[HandedBackAt];
    public long RatingCount => Values[RatingCountAt];
    public long RatingSum => Values[RatingSumAt];

    public ReadOnlySpan<long> ResponseBuckets => Values.AsSpan(ResponseBucketsAt, WorkingMinutes.BucketCount);

    public ReadOnlySpan<long> ResolutionBuckets => Values.AsSpan(ResolutionBucketsAt, WorkingMinutes.BucketCount);

    public void Count(int column, long by = 1) => Values[column] += by;

    public void AddResponse(bool onTime, int? minutes)
    {
        Count(RespondedAt);
        Count(ResponseOnTimeAt, onTime ? 1 : 0);
        if (minutes is { } m)
            Count(ResponseBucketsAt + WorkingMinutes.Bucket(m));
    }

    public void AddResolution(bool onTime, bool evidenced, int? minutes)
    {
        Count(ResolvedAt);
        Count(ResolutionOnTimeAt, onTime ? 1 : 0);
        Count(EvidencedAt, evidenced ? 1 : 0);
        if (minutes is { } m)
            Count(ResolutionBucketsAt + WorkingMinutes.Bucket(m));
    }

    public void AddConfirmation(int rating, bool evidenced, bool onTime)
    {
        Count(ConfirmedAt);
        Count(ConfirmedEvidencedAt, evidenced ? 1 : 0);
        Count(GoodAt, evidenced && onTime ? 1 : 0);
        Count(RatingCountAt);
        Count(RatingSumAt, rating);
    }

    public void Add(ScorecardCounts other)
    {
        for (var i = 0; i < Values.Length; i++)
            Values[i] += other.Values[i];
    }

    public static ScorecardCounts Sum(IEnumerable<ScorecardCounts> all)
    {
        var total = new ScorecardCounts();
        foreach (var counts in all)
            total.Add(counts);
        return total;
    }
}
