namespace Aduan.Scorecards;

/// <summary>A unit's place in a ranking: its score, and its rank (null when it has too few finished reports to be ranked).</summary>
public sealed record Ranked(double Score, int? Rank, long Finished, double Value);

/// <summary>
/// The ranking score (docs/rankings.md). Per finished lead part — resolved or handed back — a
/// unit earns +1 for a resolution the citizen confirmed that had an evidence photo and met its
/// resolution target, -1 for a resolution the citizen reopened, and -½ for a hand-back; anything
/// else (resolved without evidence, late, never confirmed) earns 0. The sum is shrunk towards the
/// table's mean by <see cref="PriorWeight"/> imaginary average parts, so a handful of lucky
/// reports cannot top the table, and scaled to -100..100:
/// <code>score = 100 × (good − reopened − ½·handedBack + k·μ) / (finished + k)</code>
/// where μ is the table's pooled value per finished part and k = <see cref="PriorWeight"/>. Units
/// with fewer than <see cref="MinimumFinished"/> finished parts are shown but not ranked. Counts
/// alone never rank: closing more reports adds to the divisor as much as to the sum unless the
/// closures are confirmed, evidenced and on time.
/// </summary>
public static class RankingScore
{
    public const double PriorWeight = 10;
    public const int MinimumFinished = 5;
    public const double HandBackPenalty = 0.5;

    /// <summary>The formula as shown next to every ranking (in the docs' notation).</summary>
    public const string Formula = "100 × (B − U − ½·K + 10·μ) / (N + 10)";

    public static long Finished(ScorecardCounts c) => c.Resolved + c.HandedBack;

    public static double Value(ScorecardCounts c) => c.Good - c.Reopened - HandBackPenalty * c.HandedBack;

    /// <summary>The pooled mean value per finished part over every unit of the table (0 when nothing finished).</summary>
    public static double Mean(IEnumerable<ScorecardCounts> units)
    {
        var (value, finished) = (0.0, 0L);
        foreach (var unit in units)
            (value, finished) = (value + Value(unit), finished + Finished(unit));
        return finished == 0 ? 0 : Math.Clamp(value / finished, -1, 1);
    }

    public static double Score(ScorecardCounts c, double mean) =>
        Math.Clamp(100 * (Value(c) + PriorWeight * mean) / (Finished(c) + PriorWeight), -100, 100);

    /// <summary>Scores and ranks a table: highest score first, more finished parts breaking ties; 1, 2, 2, 4 for ties.</summary>
    public static IReadOnlyList<Ranked> Rank(IReadOnlyList<ScorecardCounts> units)
    {
        var mean = Mean(units);
        var scored = units.Select(u => (Score: Math.Round(Score(u, mean), 1), Finished: Finished(u), Value: Value(u))).ToList();
        var order = scored.Select((s, i) => (s, i)).Where(x => x.s.Finished >= MinimumFinished)
            .OrderByDescending(x => x.s.Score).ThenByDescending(x => x.s.Finished).ToList();
        var ranks = new int?[units.Count];
        for (var position = 0; position < order.Count; position++)
        {
            var tied = position > 0 && order[position].s.Score == order[position - 1].s.Score;
            ranks[order[position].i] = tied ? ranks[order[position - 1].i] : position + 1;
        }
        return scored.Select((s, i) => new Ranked(s.Score, ranks[i], s.Finished, s.Value)).ToList();
    }
}
