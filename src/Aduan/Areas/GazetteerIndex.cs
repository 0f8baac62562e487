using Aduan.Triage;

namespace Aduan.Areas;

/// <summary>
/// The gazetteer's search over one pack, without the database: area names (<see cref="PlaceNames"/>),
/// the pack's streets and, when given, streets learned from past reports. Each piece of evidence
/// for an area is a probability-like weight; several are combined as independent ("noisy or"),
/// then a kelurahan gains when its kecamatan or kota is named elsewhere in the text. Last, the
/// kecamatan vote: a street seen in several kelurahan of one kecamatan names that kecamatan more
/// surely than any one of its kelurahan, so the kecamatan whose guesses together weigh most gives
/// the first guess (<see cref="Vote"/>).
/// </summary>
public sealed class GazetteerIndex
{
    // Weights, tuned on Surabaya's 2022 reports (bench/Aduan.Bench.Areas), not on the 2023 test rows.
    private const double Prefixed = 0.85;
    private const double Plain = 0.65;
    private const double AfterStreetWord = 0.35;
    private const double PerTypo = 0.1;
    private const double StreetWeight = 0.8;
    private const double KecamatanContext = 0.5;
    private const double KotaContext = 0.2;
    private const double DistrictOnly = 0.75;
    private const double RegencyOnly = 0.5;
    private const double Neighbours = 0.3;
    private const double FuzzyStreet = 0.7;

    private readonly PlaceNames _names;
    private readonly StreetTable _streets;
    private readonly Dictionary<string, Area> _byCode;

    private GazetteerIndex(PlaceNames names, StreetTable streets, Dictionary<string, Area> byCode) =>
        (_names, _streets, _byCode) = (names, streets, byCode);

    public static GazetteerIndex Build(IEnumerable<Area> areas, IEnumerable<KnownStreet> streets)
    {
        var list = areas.ToList();
        return new GazetteerIndex(PlaceNames.Build(list), StreetTable.FromPack(streets), list.ToDictionary(a => a.Code, StringComparer.Ordinal));
    }

    /// <summary>The areas the text points at, best first, scores 0-1; empty when it names no place of the pack.</summary>
    public IReadOnlyList<AreaGuess> Find(string? text, int top, StreetTable? learned = null)
    {
        var words = TextNormalizer.Words(text);
        if (words.Length == 0 || top <= 0)
            return [];
        var evidence = new Dictionary<string, Evidence>(StringComparer.Ordinal);
        var streets = _streets.Find(words).Concat((learned ?? StreetTable.Empty).Find(words)).ToList();
        // A name inside a longer street or landmark ("stasiun cikini") names the landmark, not the area.
        var mentions = _names.Find(words)
            .Where(m => !streets.Any(h => h.Start <= m.Start && m.End <= h.End && h.End - h.Start > m.End - m.Start))
            .ToList();
        var named = mentions.Where(m => !m.Ordinary || m.Prefixed).ToList();
        foreach (var m in mentions)
        {
            if (m.PrefixLevel is { } level && level != m.Area.Level)
                continue; // "kec gubeng" is the kecamatan, not the kelurahan of the same name
            if (m.Ordinary && !m.Prefixed && !named.Any(n => n.Start != m.Start && IsAncestor(n.Area.Code, m.Area)))
                continue;
            var weight = (m.Prefixed ? Prefixed : m.AfterStreetWord ? AfterStreetWord : Plain) - PerTypo * m.Distance;
            Add(evidence, m.Area.Code, weight, Span(words, m.Start, m.End), m.Start);
        }
        foreach (var hit in streets)
        {
            foreach (var (code, count) in hit.Areas.Where(a => _byCode.ContainsKey(a.AreaCode)))
                Add(evidence, code, (hit.Fuzzy ? FuzzyStreet : 1) * StreetWeight * count / (hit.Total + 2.0), Span(words, hit.Start, hit.End), hit.Start);
        }
        List<AreaGuess> ranked = [.. evidence
            .Select(e => new AreaGuess(e.Key, Rank(_byCode[e.Key], e.Value, named, evidence), e.Value.Matched))
            .OrderByDescending(g => g.Score)
            .ThenBy(g => g.AreaCode, StringComparer.Ordinal)];
        return [.. Vote(ranked).Take(top)];
    }

    /// <summary>
    /// Each kecamatan's support is its own guess and its kelurahan's combined as independent
    /// evidence. When the best-supported kecamatan is not the first guess's, its best area moves
    /// to the front, with the first guess's score so the list stays in order. This only happens
    /// when the call was close: two kelurahan that each scored under half of the first cannot
    /// together outweigh it.
    /// </summary>
    private List<AreaGuess> Vote(List<AreaGuess> ranked)
    {
        var support = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var guess in ranked)
        {
            if (KecamatanOf(guess.AreaCode) is { } kecamatan)
                support[kecamatan] = 1 - (1 - support.GetValueOrDefault(kecamatan)) * (1 - guess.Score);
        }
        if (support.Count < 2)
            return ranked;
        var winner = support.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
        if (KecamatanOf(ranked[0].AreaCode) == winner)
            return ranked;
        var best = ranked.First(g => KecamatanOf(g.AreaCode) == winner);
        return [best with { Score = ranked[0].Score }, .. ranked.Where(g => g != best)];
    }

    private string? KecamatanOf(string code) => _byCode[code].Level switch
    {
        AreaLevel.Village => _byCode[code].ParentCode,
        AreaLevel.District => code,
        _ => null,
    };

    private double Rank(Area area, Evidence evidence, List<PlaceMention> named, Dictionary<string, Evidence> all)
    {
        var score = evidence.Score;
        // Other words pointing at neighbouring kelurahan (same kecamatan) back this one up a little.
        var neighbours = all.Where(o => o.Value.Start != evidence.Start && _byCode[o.Key].Level == AreaLevel.Village && _byCode[o.Key].ParentCode == area.ParentCode && o.Key != area.Code)
            .Select(o => o.Value.Score).DefaultIfEmpty(0).Max();
        if (area.Level == AreaLevel.Village)
            score += (1 - score) * Neighbours * neighbours;
        // The kecamatan or kota named elsewhere in the text (not the very words that named this area).
        bool Named(AreaLevel level) => named.Any(n => n.Area.Level == level && n.Start != evidence.Start && IsAncestor(n.Area.Code, area));
        if (area.Level == AreaLevel.Village && Named(AreaLevel.District))
            score += (1 - score) * KecamatanContext;
        if (area.Level > AreaLevel.Regency && Named(AreaLevel.Regency))
            score += (1 - score) * KotaContext;
        return Math.Round(area.Level switch
        {
            AreaLevel.Village => score,
            AreaLevel.District => score * DistrictOnly,
            _ => score * RegencyOnly,
        }, 4);
    }

    private bool IsAncestor(string code, Area area)
    {
        for (var parent = area.ParentCode; parent is not null; parent = _byCode.TryGetValue(parent, out var p) ? p.ParentCode : null)
        {
            if (parent == code)
                return true;
        }
        return false;
    }

    private static void Add(Dictionary<string, Evidence> evidence, string code, double weight, string matched, int start)
    {
        weight = Math.Clamp(weight, 0, 0.99);
        if (!evidence.TryGetValue(code, out var current))
            evidence[code] = new Evidence(weight, matched, start);
        else
            evidence[code] = new Evidence(1 - (1 - current.Score) * (1 - weight), weight > current.Best ? matched : current.Matched,
                weight > current.Best ? start : current.Start, Math.Max(weight, current.Best));
    }

    private static string Span(string[] words, int start, int end) => string.Join(' ', words[start..end]);

    private sealed record Evidence(double Score, string Matched, int Start, double Best)
    {
        public Evidence(double score, string matched, int start)
            : this(score, matched, start, score)
        {
        }
    }
}
