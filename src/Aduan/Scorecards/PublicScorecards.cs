using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Packs;

namespace Aduan.Scorecards;

/// <summary>
/// One unit's scorecard and its place among its peers: an area among the areas under the same
/// parent, an agency among all agencies. <see cref="Peers"/> is the ranked table it was found in
/// (just the unit for the province, which has no peers).
/// </summary>
public sealed record UnitStanding(UnitKind Kind, UnitScorecard Unit, IReadOnlyList<UnitScorecard> Peers, bool HasPeers)
{
    /// <summary>How many peers (the unit included) have a rank: the "of 12" in "rank 3 of 12".</summary>
    public int RankedOf => Peers.Count(p => p.Ranking.Rank is not null);

    /// <summary>The ranked units around this one (at most <paramref name="around"/> on each side); empty when it is not ranked.</summary>
    public IReadOnlyList<UnitScorecard> Neighbours(int around)
    {
        var ranked = Peers.Where(p => p.Ranking.Rank is not null).ToList();
        var at = ranked.FindIndex(p => p.Code == Unit.Code);
        return at < 0 ? [] : ranked.Skip(Math.Max(0, at - around)).Take((2 * around) + 1).ToList();
    }
}

/// <summary>
/// The scorecards anyone may read, for the public scorecard API and the portal's area and agency
/// pages alike: aggregates from the rollups only (<see cref="ScorecardQuery"/>), never a report.
/// </summary>
public sealed class PublicScorecards(ScorecardQuery query, AreaLocator areas, AgencyTree agencies, CurrentPack pack, TimeProvider clock)
{
    /// <summary>An area's scorecard ranked among its sibling areas; null for an unknown area.</summary>
    public async Task<UnitStanding?> AreaAsync(string code, ScorecardPeriod period, CancellationToken ct)
    {
        var lineage = await areas.LineageAsync(code, ct);
        if (lineage.Count == 0)
            return null;
        if (lineage.Count == 1)
        {
            // The province itself has no peers: its own total, unranked.
            var total = await query.TotalAsync(period, new ScorecardFilter(code), agenciesOnly: false, ct);
            var unit = new UnitScorecard(code, lineage[0].Name, ScorecardFigures.From(total, byArea: true), RankingScore.Rank([total])[0] with { Rank = null }, total);
            return new UnitStanding(UnitKind.Areas, unit, [unit], HasPeers: false);
        }
        var peers = await query.UnitsAsync(period, UnitKind.Areas, new ScorecardFilter(lineage[1].Code), ct);
        return Standing(UnitKind.Areas, code, lineage[0].Name, peers);
    }

    /// <summary>An agency's scorecard ranked among all agencies; null for an unknown agency.</summary>
    public async Task<UnitStanding?> AgencyAsync(string code, ScorecardPeriod period, CancellationToken ct)
    {
        var agency = await agencies.FindAsync(code, ct);
        if (agency is null)
            return null;
        var peers = await query.UnitsAsync(period, UnitKind.Agencies, new ScorecardFilter(), ct);
        return Standing(UnitKind.Agencies, code, agency.Name, peers);
    }

    /// <summary>The areas one level below <paramref name="code"/>, ranked (empty for a kelurahan).</summary>
    public Task<IReadOnlyList<UnitScorecard>> ChildAreasAsync(string code, ScorecardPeriod period, CancellationToken ct) =>
        query.UnitsAsync(period, UnitKind.Areas, new ScorecardFilter(code), ct);

    /// <summary>
    /// The whole local days a filter's period covers (<paramref name="to"/> is exclusive; none:
    /// up to today); null when it covers no day up to today, where nothing can be measured.
    /// </summary>
    public async Task<ScorecardPeriod?> PeriodAsync(DateTimeOffset from, DateTimeOffset? to, CancellationToken ct)
    {
        var zone = (await pack.GetAsync(ct)).TimeZone;
        var today = ScorecardRollups.LocalDay(clock.GetUtcNow(), zone);
        var first = ScorecardRollups.LocalDay(from, zone);
        var last = to is { } end ? ScorecardRollups.LocalDay(end.AddTicks(-1), zone) : today;
        return first > last || first > today ? null : new ScorecardPeriod(first, last);
    }

    private static UnitStanding Standing(UnitKind kind, string code, string name, IReadOnlyList<UnitScorecard> peers)
    {
        // A unit with no work in the period is not in an agency table: all zeros, unranked.
        var none = new ScorecardCounts();
        var unit = peers.SingleOrDefault(u => u.Code == code)
            ?? new UnitScorecard(code, name, ScorecardFigures.From(none, byArea: kind == UnitKind.Areas), new Ranked(0, null, 0, 0), none);
        return new UnitStanding(kind, unit, peers, HasPeers: true);
    }
}
