using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Triage.Classification;

/// <summary>
/// The agencies to suggest for a report: the agency model's reading of the text combined with the
/// pack's routing of its category. When a person chose the category the rules' agency comes first
/// (routing a right category beats any guess); when the category is the classifier's guess, or
/// unknown, the agency model leads, since it reads the agency better than routing a guessed
/// category does. Without an agency model: the routing of the category (guesses) alone.
/// The agency model also orders the category guesses themselves (<see cref="RankCategoriesAsync"/>).
/// </summary>
public sealed class SuggestAgencies(AduanDbContext db, AreaLocator areas, AgencyClassifier classifier)
{
    public async Task<IReadOnlyList<AgencyGuess>> HandleAsync(
        string text, IReadOnlyList<CategoryGuess> categories, bool categoryChosen, string? areaCode, int top, CancellationToken ct)
    {
        var lineage = await areas.LineageAsync(areaCode, ct);
        var rules = await RulesAsync(lineage, ct);
        // Rules name offices by code or as {kelurahan}/{kecamatan}; the model learns relative labels.
        var routed = categories.Select(c => (RoutedLabel(rules, c.CategoryCode, lineage), c.Confidence)).ToList();
        var direct = TextNormalizer.IsMeaningless(text) ? [] : await classifier.ScoreAsync(text, ct);
        var weight = direct.Count == 0 ? 0 : categoryChosen ? AgencyClassifier.WeightWithChosenCategory : AgencyClassifier.WeightWithGuessedCategory;
        return AgencyClassifier.Combine(direct, routed, lineage, weight, top);
    }

    /// <summary>
    /// The category model's guesses (all of them, for scores that sum to 1) re-ranked by how likely
    /// the agency model finds the office each category is routed to in the report's area
    /// (<see cref="CategoryRanking"/>); the best <paramref name="top"/>. Without an agency model, an
    /// area or a rule for it, the category model's own order.
    /// </summary>
    public async Task<IReadOnlyList<CategoryGuess>> RankCategoriesAsync(
        string text, IReadOnlyList<CategoryGuess> guesses, string? areaCode, int top, CancellationToken ct)
    {
        var lineage = guesses.Count == 0 ? [] : await areas.LineageAsync(areaCode, ct);
        var rules = lineage.Count == 0 ? [] : await RulesAsync(lineage, ct);
        var direct = rules.Count == 0 || TextNormalizer.IsMeaningless(text) ? [] : await classifier.ScoreAsync(text, ct);
        if (direct.Count == 0)
            return [.. guesses.Take(Math.Max(0, top))];
        var agencyScores = direct.ToDictionary(s => s.Label, s => s.Score, StringComparer.Ordinal);
        var ranked = CategoryRanking.Rerank([.. guesses.Select(g => new LabelScore(g.CategoryCode, g.Confidence))], c => RoutedLabel(rules, c, lineage), agencyScores);
        return [.. ranked.Take(Math.Max(0, top)).Select(s => new CategoryGuess(s.Label, s.Score))];
    }

    /// <summary>The routing rules that can apply in an area: those set on the area or on any area above it.</summary>
    private async Task<List<RoutingRule>> RulesAsync(IReadOnlyList<Area> lineage, CancellationToken ct)
    {
        var codes = lineage.Select(a => a.Code).ToList();
        return await db.RoutingRules.AsNoTracking().Where(r => codes.Contains(r.AreaCode)).ToListAsync(ct);
    }

    /// <summary>The agency a category is routed to in the area, as the agency model labels it (own offices relative); null without a rule.</summary>
    private static string? RoutedLabel(List<RoutingRule> rules, string categoryCode, IReadOnlyList<Area> lineage) =>
        Routing.FindAgency(rules, categoryCode, lineage) is { } agency ? Routing.Relative(agency, lineage) : null;
}
