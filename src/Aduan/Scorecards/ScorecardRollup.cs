namespace Aduan.Scorecards;

public enum RollupGrain
{
    Day,
    Month,
}

/// <summary>
/// One row of <c>scorecard_rollups</c>: the <see cref="ScorecardCounts"/> of one agency in one
/// area over one day or one month. Every count is kept three times, under the report's kota
/// (level 2), kecamatan (3) and kelurahan (4), so that a table reads only the rows of its own
/// level: a province-wide ranking reads a few hundred rows a day, not one per agency and kelurahan;
/// and once more per area under <see cref="AllAgencies"/>, the area's total. Rows are rebuilt from the base tables (reports,
/// report_assignments, report_ratings) by <see cref="ScorecardRollups"/>, never edited by hand;
/// the count and histogram columns are shadow properties named by <see cref="ScorecardCounts.Columns"/>.
/// </summary>
public sealed class ScorecardRollup
{
    /// <summary>The stand-in for "no agency" (a report's arrival) or "no area" in the key.</summary>
    public const string None = "";

    /// <summary>
    /// The agency code of an area's total over every agency (arrivals included): tables of areas,
    /// totals and trends read this one row per area and day or month instead of summing a row per
    /// agency (a Surabaya kecamatan has about a hundred agencies a month).
    /// </summary>
    public const string AllAgencies = "*";

    /// <summary>The area levels rows are kept at, with the length of their Kemendagri codes (31.71, 31.71.01, 31.71.01.1001).</summary>
    public static readonly int[] Levels = [2, 3, 4];

    public RollupGrain Grain { get; init; }

    /// <summary>2 kota/kabupaten, 3 kecamatan, 4 kelurahan/desa: the level <see cref="AreaCode"/> is cut to.</summary>
    public int Level { get; init; }

    /// <summary>The day, or the first day of the month, in the pack's time zone.</summary>
    public DateOnly Start { get; init; }
    public string AgencyCode { get; init; } = None;
    public string AreaCode { get; init; } = None;

    /// <summary>A report's area code cut to a level (a coarser code, or none, stays as it is).</summary>
    public static string AreaAt(string area, int level)
    {
        var length = level switch { 2 => 5, 3 => 8, _ => int.MaxValue };
        return area.Length > length ? area[..length] : area;
    }
}
