using Aduan.Scorecards;

namespace Aduan.Tests.Scorecards;

/// <summary>The ranking score's anti-gaming properties: what a unit cannot buy by closing more, closing without proof, or being small.</summary>
public sealed class RankingTests
{
    /// <summary>A unit's counts: resolutions (with how many were good — evidenced, on time, confirmed), reopens and hand-backs.</summary>
    private static ScorecardCounts Unit(int resolved, int good = 0, int reopened = 0, int handedBack = 0, int evidencedUnconfirmed = 0)
    {
        var c = new ScorecardCounts();
        for (var i = 0; i < resolved; i++)
            c.AddResolution(onTime: true, evidenced: i < good + evidencedUnconfirmed, minutes: 600);
        for (var i = 0; i < good; i++)
            c.AddConfirmation(5, evidenced: true, onTime: true);
        c.Count(ScorecardCounts.ReopenedAt, reopened);
        c.Count(ScorecardCounts.HandedBackAt, handedBack);
        c.Count(ScorecardCounts.DispatchedAt, resolved + handedBack);
        return c;
    }

    [Fact]
    public void A_unit_that_closes_many_reports_without_fixing_them_ranks_below_one_that_fixes_fewer_properly()
    {
        var closer = Unit(resolved: 400, good: 40, reopened: 120);
        var fixer = Unit(resolved: 30, good: 24, reopened: 1);
        var ranked = RankingScore.Rank([closer, fixer]);

        Assert.Equal((2, 1), (ranked[0].Rank, ranked[1].Rank));
        Assert.True(ranked[1].Score > ranked[0].Score);
    }

    [Fact]
    public void Counts_alone_never_rank_closing_more_unconfirmed_reports_does_not_raise_the_score()
    {
        var others = Unit(resolved: 50, good: 25);
        var few = RankingScore.Rank([Unit(resolved: 20, good: 10), others])[0];
        var many = RankingScore.Rank([Unit(resolved: 200, good: 10), others])[0];

        Assert.True(many.Score < few.Score, $"{many.Score} should be below {few.Score}");
    }

    [Fact]
    public void Resolutions_without_evidence_earn_nothing_even_when_confirmed_by_the_citizen()
    {
        var withoutEvidence = new ScorecardCounts();
        var withEvidence = new ScorecardCounts();
        for (var i = 0; i < 20; i++)
        {
            withoutEvidence.AddResolution(onTime: true, evidenced: false, minutes: 60);
            withoutEvidence.AddConfirmation(5, evidenced: false, onTime: true);
            withEvidence.AddResolution(onTime: true, evidenced: true, minutes: 60);
            withEvidence.AddConfirmation(5, evidenced: true, onTime: true);
        }
        var ranked = RankingScore.Rank([withoutEvidence, withEvidence]);

        Assert.Equal(0, withoutEvidence.Good);
        Assert.Equal((2, 1), (ranked[0].Rank, ranked[1].Rank));
    }

    [Fact]
    public void Late_resolutions_earn_nothing_either()
    {
        var late = new ScorecardCounts();
        late.AddResolution(onTime: false, evidenced: true, minutes: 60);
        late.AddConfirmation(5, evidenced: true, onTime: false);

        Assert.Equal((1L, 0L), (late.Confirmed, late.Good));
    }

    [Fact]
    public void Each_reopened_closure_costs_a_point_so_reopens_sink_a_unit_below_an_equal_one_without()
    {
        var clean = Unit(resolved: 20, good: 12);
        var reopened = Unit(resolved: 20, good: 12, reopened: 6);
        var ranked = RankingScore.Rank([clean, reopened]);

        Assert.Equal(RankingScore.Value(clean) - 6, RankingScore.Value(reopened));
        Assert.Equal((1, 2), (ranked[0].Rank, ranked[1].Rank));
    }

    [Fact]
    public void Handing_back_hard_reports_is_not_free_and_counts_as_finished_work_that_earned_a_penalty()
    {
        var keeps = Unit(resolved: 20, good: 10);
        var dodges = Unit(resolved: 10, good: 10, handedBack: 10); // returned the ten hard ones, fixed the easy ten
        var ranked = RankingScore.Rank([keeps, dodges]);

        Assert.Equal(20, RankingScore.Finished(dodges));
        Assert.Equal(10 - 5, RankingScore.Value(dodges));
        Assert.Equal((1, 2), (ranked[0].Rank, ranked[1].Rank));
    }

    [Fact]
    public void A_tiny_unit_is_shown_but_not_ranked_and_its_score_is_shrunk_towards_the_mean()
    {
        var tiny = Unit(resolved: RankingScore.MinimumFinished - 1, good: RankingScore.MinimumFinished - 1); // perfect, but four reports
        var big = Unit(resolved: 100, good: 70, reopened: 5);
        var ranked = RankingScore.Rank([tiny, big]);

        Assert.Null(ranked[0].Rank);
        Assert.Equal(1, ranked[1].Rank);
        // Shrunk: a perfect record of four reports scores far below 100 (four real parts against ten average ones).
        var mean = RankingScore.Mean([tiny, big]);
        Assert.Equal(Math.Round(100 * (4 + (10 * mean)) / (4 + 10), 1), ranked[0].Score);
        Assert.True(ranked[0].Score < 80);
    }

    [Fact]
    public void Just_enough_reports_to_be_ranked_and_ties_share_a_rank()
    {
        var a = Unit(resolved: RankingScore.MinimumFinished, good: 3);
        var b = Unit(resolved: RankingScore.MinimumFinished, good: 3);
        var c = Unit(resolved: 50, good: 5);
        var ranked = RankingScore.Rank([a, b, c]);

        Assert.Equal([1, 1, 3], ranked.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void The_score_follows_the_documented_formula()
    {
        var unit = Unit(resolved: 8, good: 5, reopened: 1, handedBack: 2);
        var other = Unit(resolved: 10, good: 2);
        var mean = RankingScore.Mean([unit, other]); // (5 - 1 - 1 + 2) / (10 + 10)

        Assert.Equal(5.0 / 20, mean, 10);
        Assert.Equal(100 * (5 - 1 - 1 + (10 * mean)) / (10 + 10), RankingScore.Score(unit, mean), 10);
        Assert.Equal("100 × (B − U − ½·K + 10·μ) / (N + 10)", RankingScore.Formula);
    }
}
