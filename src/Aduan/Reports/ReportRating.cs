namespace Aduan.Reports;

/// <summary>
/// The citizen's 1-5 rating of a resolution, given when they confirm it is done: which report,
/// which agency did the work (the lead whose resolution was confirmed), an optional comment, and
/// when. At most one per report: a confirmed report is closed for good.
/// </summary>
public sealed class ReportRating
{
    public const int Lowest = 1;
    public const int Highest = 5;

    public long Id { get; init; }
    public Guid ReportId { get; init; }

    /// <summary>The agency that did the work; null when no agency held the report (the media centre closed the loop itself).</summary>
    public string? AgencyCode { get; init; }
    public int Value { get; init; }
    public string? Comment { get; init; }
    public DateTimeOffset At { get; init; }
}
