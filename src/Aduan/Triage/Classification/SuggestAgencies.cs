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
/// </summary>
public sealed class SuggestAgencies(AduanDbContext db, AreaLocator areas, AgencyClassifier classifier)
{
    public async Task<IReadOnlyList<AgencyGuess>> HandleAsync(
        string text, IReadOnlyList<CategoryGuess> categories, bool categoryChosen, string? areaCode, int top, CancellationToken ct)
    {
        var lineage = await areas.LineageAsync(areaCode, ct);
        var codes = categories.Select(c => c.CategoryCode).ToList();
        var rules = await db.RoutingRules.AsNoTracking()
            .Where(r => codes.Contains(r.CategoryCode) || r.CategoryCode == RoutingRule.AnyCategory).ToListAsync(ct);
        // Rules name offices by code or as {kelurahan}/{kecamatan}; the model learns relative labels.
        var routed = categories.Select(c => (Routing.FindAgency(rules, c.CategoryCode, lineage) is { } agency ? Routing.Relative(agency, lineage) : null, c.Confidence)).ToList();
        var direct = TextNormalizer.IsMeaningless(text) ? [] : await classifier.ScoreAsync(text, ct);
        var weight = direct.Count == 0 ? 0 : categoryChosen ? AgencyClassifier.WeightWithChosenCategory : AgencyClassifier.WeightWithGuessedCategory;
        return AgencyClassifier.Combine(direct, routed, lineage, weight, top);
    }
}
