using Aduan.Areas;

namespace Aduan.Agencies;

/// <summary>
/// Picks the agency for a category in an area from the pack's routing rules: the rule on the
/// deepest area of the report's lineage wins, and at equal depth a named category beats "*".
/// Null means no rule applies: the operator decides.
/// </summary>
public static class Routing
{
    public static string? FindAgency(IEnumerable<RoutingRule> rules, string categoryCode, IReadOnlyList<Area> lineageLowestFirst)
    {
        var depth = lineageLowestFirst.Select((area, i) => (area.Code, i)).ToDictionary(x => x.Code, x => x.i);
        var rule = rules
            .Where(r => (r.CategoryCode == categoryCode || r.CategoryCode == RoutingRule.AnyCategory) && depth.ContainsKey(r.AreaCode))
            .OrderBy(r => depth[r.AreaCode])
            .ThenBy(r => r.CategoryCode == RoutingRule.AnyCategory ? 1 : 0)
            .FirstOrDefault();
        return rule is null ? null : Resolve(rule.AgencyCode, lineageLowestFirst);
    }

    /// <summary>
    /// An agency code as a rule names it, in an area: <see cref="RoutingRule.OwnKelurahan"/> and
    /// <see cref="RoutingRule.OwnKecamatan"/> become the office of the lineage's kelurahan or
    /// kecamatan (null when the lineage has none); any other code is returned as it is.
    /// </summary>
    public static string? Resolve(string agencyCode, IReadOnlyList<Area> lineageLowestFirst) => agencyCode switch
    {
        RoutingRule.OwnKelurahan => Own(lineageLowestFirst, AreaLevel.Village, "kel-"),
        RoutingRule.OwnKecamatan => Own(lineageLowestFirst, AreaLevel.District, "kec-"),
        var agency => agency,
    };

    /// <summary>
    /// The inverse of <see cref="Resolve"/>: the office of the lineage's own kelurahan or kecamatan
    /// becomes <see cref="RoutingRule.OwnKelurahan"/> / <see cref="RoutingRule.OwnKecamatan"/>, so
    /// that a dispatch to "this report's kelurahan" is one label across all areas (the agency
    /// classifier learns it that way); any other agency stays as it is.
    /// </summary>
    public static string Relative(string agencyCode, IReadOnlyList<Area> lineageLowestFirst)
    {
        foreach (var area in lineageLowestFirst)
        {
            if (area.Level == AreaLevel.Village && agencyCode == "kel-" + area.Code)
                return RoutingRule.OwnKelurahan;
            if (area.Level == AreaLevel.District && agencyCode == "kec-" + area.Code)
                return RoutingRule.OwnKecamatan;
        }
        return agencyCode;
    }

    private static string? Own(IReadOnlyList<Area> lineage, AreaLevel level, string prefix) =>
        lineage.FirstOrDefault(a => a.Level == level) is { } area ? prefix + area.Code : null;
}
