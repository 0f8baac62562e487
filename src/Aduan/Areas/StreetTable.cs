using Aduan.Triage;

namespace Aduan.Areas;

/// <summary>A street phrase found in a text and the areas it has been seen in, most often first.</summary>
internal sealed record StreetHit(int Start, int End, int Total, IReadOnlyList<(string AreaCode, int Count)> Areas, bool Fuzzy = false);

/// <summary>
/// Street and landmark names with the areas they lie in: either the pack's streets.csv, or
/// learned from past reports whose address text came with an area set by coordinates or by an
/// operator. An address is cut into phrases at everything that is not a name ("jalan", "gang",
/// house numbers, "no", "rt"/"rw", "kelurahan" ...), and each run of one to three words is
/// counted against the report's area. Phrases are keyed without spaces, so "kebonsirih" and
/// "kebon sirih" are one phrase. A text in which no phrase is found as written is searched again
/// allowing one typo in phrases of six letters or more seen at least twice.
/// </summary>
public sealed class StreetTable
{
    private const int LearnedWords = 3;
    private const int CuratedSupport = 8;
    private const int FuzzyMinLetters = 6;
    private const int FuzzyMinSeen = 2;

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "jalan", "gang", "no", "nomor", "nmr", "nomer", "rt", "rw", "kelurahan", "kecamatan", "desa", "kota", "kabupaten",
        "kav", "kavling", "di", "ke", "dari", "yang", "dan", "atau", "depan", "dekat", "sebelah", "belakang", "samping",
        "seberang", "arah", "sekitar", "area", "lokasi", "alamat", "tepatnya", "pojok", "persis",
    };

    private readonly Dictionary<string, Phrase> _phrases;
    private readonly int _maxWords;

    // One-letter deletions of the phrases that may be found misspelt, to the phrases (SymSpell, as in PlaceNames).
    private readonly Dictionary<string, List<string>> _near = new(StringComparer.Ordinal);

    private StreetTable(Dictionary<string, Phrase> phrases, int maxWords)
    {
        (_phrases, _maxWords) = (phrases, maxWords);
        foreach (var (key, phrase) in phrases.Where(p => p.Key.Length >= FuzzyMinLetters && p.Value.Total >= FuzzyMinSeen))
        {
            foreach (var variant in EditDistance.Deletions(key, 1))
            {
                if (!_near.TryGetValue(variant, out var keys))
                    _near[variant] = keys = [];
                keys.Add(key);
            }
        }
    }

    private sealed record Phrase(int Total, (string AreaCode, int Count)[] Areas);

    public static StreetTable Empty { get; } = new([], 0);

    /// <summary>How many phrases the table holds.</summary>
    public int Count => _phrases.Count;

    /// <summary>The pack's streets and landmarks, each trusted as if seen several times in its area.</summary>
    public static StreetTable FromPack(IEnumerable<KnownStreet> streets)
    {
        var phrases = new Dictionary<string, Phrase>(StringComparer.Ordinal);
        var maxWords = 0;
        foreach (var street in streets)
        {
            var words = Segments(TextNormalizer.Words(street.Name)).SelectMany(s => s).ToArray();
            if (words.Length == 0)
                continue;
            maxWords = Math.Max(maxWords, words.Length);
            var key = string.Concat(words);
            phrases[key] = phrases.TryGetValue(key, out var existing) && existing.Areas.All(a => a.AreaCode != street.AreaCode)
                ? new Phrase(existing.Total + CuratedSupport, [.. existing.Areas, (street.AreaCode, CuratedSupport)])
                : new Phrase(CuratedSupport, [(street.AreaCode, CuratedSupport)]);
        }
        return new StreetTable(phrases, maxWords);
    }

    /// <summary>
    /// Learns phrases from (address, area) pairs. Keeps phrases seen at least twice whose most
    /// common area holds at least a quarter of the sightings, at most <paramref name="maxPhrases"/>
    /// of them (the most often seen), each with its three most common areas.
    /// </summary>
    /// <remarks>
    /// <paramref name="background"/> (e.g. the same reports' descriptions) shows which phrases are
    /// ordinary words: a phrase met in more than twice as many descriptions as addresses is not a street name.
    /// </remarks>
    public static StreetTable Learn(IEnumerable<(string Address, string AreaCode)> examples, IEnumerable<string>? background = null, int maxPhrases = 100_000)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (address, areaCode) in examples)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var segment in Segments(TextNormalizer.Words(address)))
            {
                for (var start = 0; start < segment.Length; start++)
                {
                    for (var end = start + 1; end <= Math.Min(segment.Length, start + LearnedWords); end++)
                        keys.Add(string.Concat(segment[start..end]));
                }
            }
            foreach (var key in keys)
            {
                if (!counts.TryGetValue(key, out var byArea))
                    counts[key] = byArea = new Dictionary<string, int>(StringComparer.Ordinal);
                byArea[areaCode] = byArea.GetValueOrDefault(areaCode) + 1;
            }
        }
        var common = Common(background ?? [], counts);
        var phrases = counts
            .Where(c => !common.TryGetValue(c.Key, out var seen) || seen <= 2 * c.Value.Values.Sum())
            .Select(c => (Key: c.Key, Total: c.Value.Values.Sum(), Top: c.Value.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).Take(3).Select(a => (a.Key, a.Value)).ToArray()))
            .Where(p => (p.Total >= 2 || p.Key.Length >= 8) && p.Top[0].Value * 4 >= p.Total)
            .OrderByDescending(p => p.Total)
            .Take(maxPhrases)
            .ToDictionary(p => p.Key, p => new Phrase(p.Total, p.Top), StringComparer.Ordinal);
        return new StreetTable(phrases, LearnedWords);
    }

    private static Dictionary<string, int> Common(IEnumerable<string> texts, Dictionary<string, Dictionary<string, int>> phrases)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var words = TextNormalizer.Words(text);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var start = 0; start < words.Length; start++)
            {
                var key = "";
                for (var end = start + 1; end <= Math.Min(words.Length, start + LearnedWords); end++)
                {
                    key += words[end - 1];
                    if (phrases.ContainsKey(key))
                        keys.Add(key);
                }
            }
            foreach (var key in keys)
                seen[key] = seen.GetValueOrDefault(key) + 1;
        }
        return seen;
    }

    /// <summary>The known phrases in the words; a phrase inside a longer known one is left out.</summary>
    /// <remarks>Misspelt phrases count only when none is found as written: a typo match next to an exact one mostly adds noise.</remarks>
    internal List<StreetHit> Find(string[] words)
    {
        var hits = new List<StreetHit>();
        if (_phrases.Count == 0)
            return hits;
        foreach (var fuzzy in new[] { false, true })
        {
            foreach (var (segment, segmentStart) in SegmentsWithStart(words))
            {
                for (var start = 0; start < segment.Length; start++)
                {
                    var key = "";
                    for (var end = start + 1; end <= Math.Min(segment.Length, start + _maxWords); end++)
                    {
                        key += segment[end - 1];
                        if ((fuzzy ? Near(key) : _phrases.GetValueOrDefault(key)) is { } phrase)
                            hits.Add(new StreetHit(segmentStart + start, segmentStart + end, phrase.Total, phrase.Areas, fuzzy));
                    }
                }
            }
            if (hits.Count > 0)
                break;
        }
        return [.. hits.Where(h => !hits.Any(o => o != h && o.Start <= h.Start && h.End <= o.End && o.End - o.Start > h.End - h.Start))];
    }

    // The most often seen phrase one edit away (a letter added, dropped, changed or two swapped).
    private Phrase? Near(string key)
    {
        if (key.Length < FuzzyMinLetters || _near.Count == 0)
            return null;
        Phrase? best = null;
        foreach (var variant in EditDistance.Deletions(key, 1))
        {
            foreach (var candidate in _near.GetValueOrDefault(variant) ?? [])
            {
                var phrase = _phrases[candidate];
                if ((best is null || phrase.Total > best.Total) && EditDistance.Between(key, candidate, 1) == 1)
                    best = phrase;
            }
        }
        return best;
    }

    internal static IEnumerable<string[]> Segments(string[] words) => SegmentsWithStart(words).Select(s => s.Words);

    private static IEnumerable<(string[] Words, int Start)> SegmentsWithStart(string[] words)
    {
        var start = 0;
        for (var i = 0; i <= words.Length; i++)
        {
            if (i < words.Length && IsNamePart(words[i]))
                continue;
            if (i > start)
                yield return (words[start..i], start);
            start = i + 1;
        }
    }

    // House numbers ("12a"), "no", "rt"/"rw" and the like end a name.
    private static bool IsNamePart(string word) => !NotNames.Contains(word) && !word.Any(char.IsDigit);
}
