namespace Aduan.Triage.Classification;

/// <summary>
/// Nearest neighbours over TF-IDF cosine similarity: a text's label scores are the votes of the
/// <c>k</c> most similar examples, each weighted by its similarity raised to a power. Complaints
/// repeat near-identical wording (a street light out, a tree to prune), and the label a person
/// gave the closest earlier complaint is often the best guess. Features: the normalised words and
/// word pairs, and the character n-grams of each word (misspellings), weighted (1 + ln tf) × idf
/// and L2-normalised. Immutable once built, so safe to share between threads.
/// </summary>
public sealed class NeighbourVote
{
    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly List<float> _idf = [];
    private readonly List<List<(int Example, float Weight)>> _postings = [];
    private readonly int[] _labelOf;
    private readonly string[] _labels;
    private readonly int _chars;

    public NeighbourVote(IReadOnlyList<LabelledText> examples, int charNgrams = 4)
    {
        _chars = charNgrams;
        _labels = [.. examples.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal)];
        var labelIndex = _labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        _labelOf = [.. examples.Select(e => labelIndex[e.Label])];
        var counted = examples.Select(e => Count(TextNormalizer.Normalize(e.Text))).ToList();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in counted.SelectMany(c => c.Keys))
            frequency[term] = frequency.GetValueOrDefault(term) + 1;
        foreach (var (term, df) in frequency)
        {
            _terms[term] = _idf.Count;
            _idf.Add((float)(Math.Log((examples.Count + 1.0) / (df + 1)) + 1));
            _postings.Add([]);
        }
        for (var i = 0; i < counted.Count; i++)
        {
            foreach (var (term, weight) in Weigh(counted[i]))
                _postings[term].Add((i, weight));
        }
    }

    public int Examples => _labelOf.Length;

    /// <summary>The examples most similar to a text, most similar first (similarity 0-1).</summary>
    public List<(string Label, float Similarity)> Nearest(string text, int k)
    {
        var scores = new float[_labelOf.Length];
        foreach (var (term, weight) in Weigh(Count(TextNormalizer.Normalize(text))))
        {
            foreach (var (example, w) in _postings[term])
                scores[example] += weight * w;
        }
        var best = new PriorityQueue<int, (float, int)>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] <= 0)
                continue;
            // A min-heap of the k best so far; ties go to the earlier example.
            best.Enqueue(i, (scores[i], -i));
            if (best.Count > k)
                best.Dequeue();
        }
        var nearest = new List<(string Label, float Similarity)>(best.Count);
        while (best.TryDequeue(out var example, out var priority))
            nearest.Add((_labels[_labelOf[example]], priority.Item1));
        nearest.Reverse();
        return nearest;
    }

    /// <summary>Label scores from the k nearest examples (similarity^power, summing to 1; empty when nothing is similar).</summary>
    public Dictionary<string, double> Vote(string text, int k, double power) => Vote(Nearest(text, k), power);

    public static Dictionary<string, double> Vote(IEnumerable<(string Label, float Similarity)> nearest, double power)
    {
        var votes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (label, similarity) in nearest)
            votes[label] = votes.GetValueOrDefault(label) + Math.Pow(similarity, power);
        var total = votes.Values.Sum();
        return total <= 0 ? [] : votes.ToDictionary(v => v.Key, v => v.Value / total, StringComparer.Ordinal);
    }

    private Dictionary<string, int> Count(string normalized)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string term) => counts[term] = counts.GetValueOrDefault(term) + 1;
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            Add(words[i]);
            if (i > 0)
                Add(words[i - 1] + " " + words[i]);
            var padded = "<" + words[i] + ">";
            for (var j = 0; _chars > 0 && j + _chars <= padded.Length; j++)
                Add(string.Concat("#", padded.AsSpan(j, _chars)));
        }
        return counts;
    }

    /// <summary>Known terms with (1 + ln tf) × idf weights, L2-normalised.</summary>
    private List<(int Term, float Weight)> Weigh(Dictionary<string, int> counts)
    {
        var weighted = new List<(int Term, float Weight)>(counts.Count);
        foreach (var (term, tf) in counts)
        {
            if (_terms.TryGetValue(term, out var id))
                weighted.Add((id, (float)(1 + Math.Log(tf)) * _idf[id]));
        }
        var norm = (float)Math.Sqrt(weighted.Sum(w => (double)w.Weight * w.Weight));
        return norm == 0 ? [] : [.. weighted.Select(w => (w.Term, w.Weight / norm))];
    }
}
