namespace Aduan.Triage.Classification;

/// <summary>
/// The category model's guesses weighed by the agency model: a category whose agency (by the
/// pack's routing, in the report's area) the agency model finds unlikely moves down.
/// score(c) ∝ P(c) × (P_agency(route(c)) + <see cref="Floor"/>)^<see cref="Gamma"/>, normalised to
/// sum to 1 over the categories given. The two models read the same text with different label
/// sets; where they disagree on the office, the agency model (fewer, better-learned labels) tips
/// close calls between categories. γ 0.25 was chosen on Surabaya's 2022 split (docs/benchmarks.md).
/// </summary>
public static class CategoryRanking
{
    /// <summary>How strongly the agency model's view tips the categories (0: not at all).</summary>
    public const double Gamma = 0.25;

    /// <summary>Added to the agency score, so a category routed to an agency the model never learned is lowered, not ruled out.</summary>
    public const double Floor = 0.01;

    /// <summary>
    /// Every given category re-scored and sorted, best first. <paramref name="routedLabel"/> gives
    /// the agency model's label (an agency code, or a relative own-office label) for a category in
    /// the report's area, or null without a rule. With no agency scores, or when no category routes
    /// anywhere, the order and scores are the category model's own.
    /// </summary>
    public static IReadOnlyList<LabelScore> Rerank(
        IReadOnlyList<LabelScore> categories, Func<string, string?> routedLabel, IReadOnlyDictionary<string, double> agencyScores, double gamma = Gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gamma);
        if (categories.Count == 0 || agencyScores.Count == 0 || gamma == 0)
            return categories;
        var rescored = categories
            .Select(c => (c.Label, Score: c.Score * Math.Pow((routedLabel(c.Label) is { } agency ? agencyScores.GetValueOrDefault(agency) : 0) + Floor, gamma)))
            .ToList();
        var total = rescored.Sum(r => r.Score);
        if (!(total > 0))
            return categories;
        return [.. rescored.OrderByDescending(r => r.Score).ThenBy(r => r.Label, StringComparer.Ordinal).Select(r => new LabelScore(r.Label, r.Score / total))];
    }
}
