using Aduan.Triage;

namespace Aduan.Bench.Classifier;

/// <summary>Always the most frequent labels of the training rows.</summary>
internal sealed class MajorityBaseline(IEnumerable<string> trainingLabels)
{
    private readonly List<string> _ranked = [.. trainingLabels.GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)];

    public List<string> Rank(int top) => [.. _ranked.Take(top)];
}

/// <summary>
/// Keyword rules derived automatically from the training rows: for each label its most indicative
/// words (highest share of that label among the rows containing the word, smoothed by 5 rows so that
/// a word seen 3 times does not beat one seen 300 times; at least 3 such rows;
/// up to <c>perLabel</c> words). A text gets the labels of the rules whose word it contains, the
/// most precise rule first; the most frequent labels fill the rest.
/// </summary>
internal sealed class KeywordRules
{
    private readonly List<(string Word, string Label, double Precision, int Support)> _rules;
    private readonly MajorityBaseline _fallback;

    public KeywordRules(IReadOnlyList<(string Text, string Label)> examples, int perLabel = 3)
    {
        _fallback = new MajorityBaseline(examples.Select(e => e.Label));
        var perWord = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (text, label) in examples)
        {
            foreach (var word in Words(text))
            {
                if (!perWord.TryGetValue(word, out var labels))
                    perWord[word] = labels = new Dictionary<string, int>(StringComparer.Ordinal);
                labels[label] = labels.GetValueOrDefault(label) + 1;
            }
        }
        _rules = [.. perWord
            .SelectMany(w => w.Value.Where(l => l.Value >= 3).Select(l => (Word: w.Key, Label: l.Key, Precision: (double)l.Value / (w.Value.Values.Sum() + 5), Support: l.Value)))
            .GroupBy(r => r.Label)
            .SelectMany(g => g.OrderByDescending(r => r.Precision).ThenByDescending(r => r.Support).Take(perLabel))
            .OrderByDescending(r => r.Precision).ThenByDescending(r => r.Support)];
    }

    public int Count => _rules.Count;

    public List<string> Rank(string text, int top)
    {
        var words = Words(text);
        var ranked = _rules.Where(r => words.Contains(r.Word)).Select(r => r.Label).Distinct().Take(top).ToList();
        ranked.AddRange(_fallback.Rank(top).Where(l => !ranked.Contains(l)));
        return [.. ranked.Take(top)];
    }

    private static HashSet<string> Words(string text) =>
        [.. TextNormalizer.Words(text).Where(w => w.Length >= 3 && !w.All(char.IsDigit))];
}
