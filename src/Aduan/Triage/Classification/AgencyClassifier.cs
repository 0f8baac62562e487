using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Packs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Triage.Classification;

/// <summary>
/// The pack's trained agency model (<c>{DataFolder}/models/agency-{pack}.zip</c>): reads a
/// report's text and scores the agencies the media centre dispatched such texts to, the report's
/// own kelurahan or kecamatan office being one label each (<see cref="Routing.Relative"/>).
/// Learned from the dispatches themselves (<see cref="ClassifierExample.AgencyCode"/>) and a
/// city's export; on Surabaya's complaints it names the agency more often than routing the
/// category guesses does (docs/benchmarks.md). No model file: no scores, the rules alone route.
/// </summary>
public sealed class AgencyClassifier(IOptions<AduanOptions> options, CurrentPack pack, ILogger<AgencyClassifier> log)
{
    private const string Kind = "agency";
    private readonly ModelFile _file = new(Kind, options, pack, log);

    /// <summary>Weight of the model next to the routing of the category classifier's guesses (chosen on Surabaya's 2022 split).</summary>
    public const double WeightWithGuessedCategory = 0.85;

    /// <summary>Weight of the model next to the routing of a category a person chose (chosen on Surabaya's 2022 split).</summary>
    public const double WeightWithChosenCategory = 0.15;

    public static string ModelPath(string dataFolder, string pack) => ModelFile.PathOf(dataFolder, Kind, pack);

    /// <summary>Forget the loaded model; the next call reads the file again (after training).</summary>
    public void Reload() => _file.Reload();

    /// <summary>Every label's score for a text (relative labels, best first); empty with no model or no text.</summary>
    public async Task<IReadOnlyList<LabelScore>> ScoreAsync(string text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || await _file.GetAsync(ct) is not { } model)
            return [];
        return model.Predict(text, model.Labels.Count);
    }

    /// <summary>
    /// P(agency) = w × the model's score + (1 - w) × the summed confidence of the categories the
    /// rules route to that agency in the report's area; relative labels are resolved in the area
    /// (dropped when it has no such office); the best <paramref name="top"/>, best first.
    /// </summary>
    public static IReadOnlyList<AgencyGuess> Combine(
        IReadOnlyList<LabelScore> direct, IEnumerable<(string? Agency, double Confidence)> routed, IReadOnlyList<Area> lineage, double weight, int top)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string? label, double score)
        {
            if (label is not null && score > 0 && Routing.Resolve(label, lineage) is { } agency)
                scores[agency] = scores.GetValueOrDefault(agency) + score;
        }
        foreach (var (label, score) in direct)
            Add(label, weight * score);
        foreach (var (agency, confidence) in routed)
            Add(agency, (1 - weight) * confidence);
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(Math.Max(0, top)).Select(s => new AgencyGuess(s.Key, s.Value))];
    }
}
