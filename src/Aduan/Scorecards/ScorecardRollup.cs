namespace Aduan.Scorecards;

public enum RollupGrain
{
    Day,
    Month,
}

/// <summary>
/// One row of <c>scorecard_rollups</c>: the <see cref="ScorecardCounts"/> of one agency in one
/// kelurahan over one day or one month. Rows are rebuilt from the base tables (reports,
/// report_assignments, report_ratings) by <see cref="ScorecardRollups"/>, never edited by hand;
/// the count and histogram columns are shadow properties named by <see cref="ScorecardCounts.Columns"/>.
/// </summary>
public sealed class ScorecardRollup
{
    /// <summary>The stand-in for "no agency" (a report's arrival) or "no area" in the key.</summary>
    public const string None = "";

    public RollupGrain Grain { get; init; }

    /// <summary>The day, or the first day of the month, in the pack's time zone.</summary>
    public DateOnly Start { get; init; }
    public string AgencyCode { get; init; } = None;
    public string AreaCode { get; init; } = None;
}
