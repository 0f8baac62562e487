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
/// The agency model also orders the category guesses themselves (<see cref="RankCategories"/>).
/// </summary>
public sealed class SuggestAgencies(AduanDbContext db, AreaLocator areas, AgencyClassifier classifier)
{
    /// <summary>What both suggestions read once per report: the area's lineage, the rules that apply there, and the agency model's scores.</summary>
    public sealed record Reading(IReadOnlyList<Area> Lineage, IReadOnlyList<RoutingRule> Rules, IReadOnlyList<LabelScore> Direct);

    public async Task<Reading> ReadAsync(string text, string? areaCode, CancellationToken ct)
    {
        var lineage = await areas.LineageAsync(areaCode, ct);
        var codes = lineage.Select(a => a.Code).ToList();
        // The rules set on the area or on any area above it: the only ones that can apply there.
        var rules = await db.RoutingRules.AsNoTracking().Where(r => codes.Contains(r.AreaCode)).ToListAsync(ct);
        var direct = TextNormalizer.IsMeaningless(text) ? [] : await classifier.ScoreAsync(text, ct);
        return new Reading(lineage, rules, direct);
    }

    public async Task<IReadOnlyList<AgencyGuess>> HandleAsync(
        string text, IReadOnlyList<CategoryGuess> categories, bool categoryChosen, string? areaCode, int top, CancellationToken ct) =>
        Suggest(await ReadAsync(text, areaCode, ct), categories, categoryChosen, top);

    public static IReadOnlyList<AgencyGuess> Suggest(Reading reading, IReadOnlyList<CategoryGuess> categories, bool categoryChosen, int top)
    {
        // Rules name offices by code or as {kelurahan}/{kecamatan}; the model learns relative labels.
        var routed = categories.Select(c => (RoutedLabel(reading, c.CategoryCode), c.Confidence)).ToList();
        var weight = reading.Direct.Count == 0 ? 0 : categoryChosen ? AgencyClassifier.WeightWithChosenCategory : AgencyClassifier.WeightWithGuessedCategory;
        return AgencyClassifier.Combine(reading.Direct, routed, reading.Lineage, weight, top);
    }

    /// <summary>
    /// The category model's guesses (all of them, for scores that sum to 1) re-ranked by how likely
    /// the agency model finds the office each category is routed to in the report's area
    /// (<see cref="CategoryRanking"/>); the best <paramref name="top"/>. Without an agency model, an
    /// area or a rule for it, the category model's own order.
    /// </summary>
    public static IReadOnlyList<CategoryGuess> RankCategories(Reading reading, IReadOnlyList<CategoryGuess> guesses, int top)
    {
        if (reading.Direct.Count == 0 || reading.Rules.Count == 0)
            return [.. guesses.Take(Math.Max(0, top))];
        var agencyScores = reading.Direct.ToDictionary(s => s.Label, s => s.Score, StringComparer.Ordinal);
        var ranked = CategoryRanking.Rerank([.. guesses.Select(g => new LabelScore(g.CategoryCode, g.Confidence))], c => RoutedLabel(reading, c), agencyScores);
        return [.. ranked.Take(Math.Max(0, top)).Select(s => new CategoryGuess(s.Label, s.Score))];
    }

    /// <summary>The agency a category is routed to in the area, as the agency model labels it (own offices relative); null without a rule.</summary>
    private static string? RoutedLabel(Reading reading, string categoryCode) =>
        Routing.FindAgency(reading.Rules, categoryCode, reading.Lineage) is { } agency ? Routing.Relative(agency, reading.Lineage) : null;
}
