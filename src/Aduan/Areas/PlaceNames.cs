using Aduan.Triage;

namespace Aduan.Areas;

/// <summary>A kelurahan, kecamatan or kota name found in a text: where, how it was written and what came before it.</summary>
internal sealed record PlaceMention(Area Area, int Start, int End, int Distance, AreaLevel? PrefixLevel, bool AfterStreetWord, bool Ordinary)
{
    public bool Prefixed => PrefixLevel is not null;
}

/// <summary>
/// The pack's area names, found in normalised words: whole names ("kebon sirih"), the same
/// written together ("kebonsirih"), after a prefix ("kel", "kelurahan", "desa", "kec", "kota")
/// and with small typos. Names that are also ordinary words ("baru", "ujung", "genteng") count
/// only after a prefix or next to a mention of their kecamatan or kota.
/// </summary>
internal sealed class PlaceNames
{
    private static readonly Dictionary<string, AreaLevel> Prefixes = new(StringComparer.Ordinal)
    {
        ["kelurahan"] = AreaLevel.Village,
        ["kelurhan"] = AreaLevel.Village,
        ["kalurahan"] = AreaLevel.Village,
        ["desa"] = AreaLevel.Village,
        ["kecamatan"] = AreaLevel.District,
        ["kecamatn"] = AreaLevel.District,
        ["kota"] = AreaLevel.Regency,
        ["kabupaten"] = AreaLevel.Regency,
    };

    private static readonly HashSet<string> StreetWords = new(StringComparer.Ordinal)
    {
        "jalan", "gang", "perumahan", "perum", "komplek", "kompleks", "apartemen",
    };

    // Words that never start or sit inside a place name; a window holding one is not compared
    // by spelling (it would only find false friends).
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "di", "ke", "dari", "yang", "dan", "atau", "ini", "itu", "ada", "tidak", "sudah", "belum", "sangat",
        "jalan", "gang", "depan", "dekat", "sebelah", "belakang", "samping", "no", "nomor", "rt", "rw",
        "kelurahan", "kecamatan", "desa", "kabupaten", "mohon", "tolong", "warga", "rumah", "saya", "kami",
    };

    // Names of the packs that are also everyday words or other places' names.
    private static readonly HashSet<string> OrdinaryWords = new(StringComparer.Ordinal)
    {
        "baru", "tengah", "dukuh", "gunung", "pulo", "jati", "karet", "guntur", "kramat", "gedong", "rambutan",
        "kamal", "bangka", "gelora", "kartini", "kenari", "galur", "tangki", "selong", "kapuk", "makasar",
        "serdang", "pasarbaru", "pasarminggu", "kebonbaru", "tanahtinggi", "kelapadua", "jeruk", "ujung",
        "ploso", "gading", "lontar", "beringin", "pakis", "karah", "jepara", "bulak", "airlangga", "sidodadi",
        "genteng", "sawahan", "ampel", "kalibaru", "kalisari", "bintaro", "dupak", "made", "mojo",
    };

    private readonly Dictionary<string, List<Entry>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Entry>> _near = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nameWords = new(StringComparer.Ordinal);
    private int _maxWords = 1;

    private sealed record Entry(Area Area, string Compact, int Words, bool Ordinary);

    public static PlaceNames Build(IEnumerable<Area> areas)
    {
        var names = new PlaceNames();
        foreach (var area in areas.Where(a => a.Level >= AreaLevel.Regency))
        {
            foreach (var words in Variants(area))
                names.Add(area, words);
        }
        return names;
    }

    /// <summary>The names in the words, longest first; a name inside a longer one found at the same place is dropped.</summary>
    public List<PlaceMention> Find(string[] words)
    {
        var found = new List<PlaceMention>();
        for (var start = 0; start < words.Length; start++)
        {
            var compact = "";
            var fuzzyAllowed = true;
            for (var end = start + 1; end <= Math.Min(words.Length, start + _maxWords); end++)
            {
                var word = words[end - 1];
                compact += word;
                fuzzyAllowed &= word.All(char.IsLetter) && (!FunctionWords.Contains(word) || _nameWords.Contains(word));
                if (_exact.TryGetValue(compact, out var exact))
                    found.AddRange(exact.Select(e => Mention(e, words, start, end, 0)));
                else if (fuzzyAllowed && compact.Length >= 4)
                    found.AddRange(Near(compact).Select(hit => Mention(hit.Entry, words, start, end, hit.Distance)).Where(FuzzyCounts));
            }
        }
        return Outermost(found);
    }

    private IEnumerable<(Entry Entry, int Distance)> Near(string compact)
    {
        var seen = new HashSet<Entry>();
        foreach (var variant in EditDistance.Deletions(compact, compact.Length >= 7 ? 2 : 1))
        {
            if (!_near.TryGetValue(variant, out var entries))
                continue;
            foreach (var entry in entries.Where(seen.Add))
            {
                var allowed = EditDistance.Allowed(entry.Compact.Length);
                var distance = EditDistance.Between(compact, entry.Compact, allowed);
                if (distance > 0 && distance <= allowed)
                    yield return (entry, distance);
            }
        }
    }

    // A misspelt name needs more to go on than an exact one: a prefix, several words, or a long
    // name that is not an everyday word.
    private static bool FuzzyCounts(PlaceMention m) =>
        !m.Ordinary && (m.Prefixed || m.End - m.Start >= 2 || m.Area.Name.Length >= 7);

    private static PlaceMention Mention(Entry entry, string[] words, int start, int end, int distance)
    {
        var before = start > 0 ? words[start - 1] : "";
        AreaLevel? prefix = Prefixes.TryGetValue(before, out var level) ? level : null;
        return new PlaceMention(entry.Area, start, end, distance, prefix, StreetWords.Contains(before), entry.Ordinary);
    }

    private static List<PlaceMention> Outermost(List<PlaceMention> found)
    {
        var kept = new List<PlaceMention>();
        foreach (var m in found.OrderByDescending(m => m.End - m.Start).ThenBy(m => m.Distance))
        {
            var covered = kept.Any(k => k.Start <= m.Start && m.End <= k.End && (k.End - k.Start > m.End - m.Start || k.Distance < m.Distance));
            if (!covered)
                kept.Add(m);
        }
        return kept;
    }

    private void Add(Area area, string[] words)
    {
        if (words.Length == 0)
            return;
        var compact = string.Concat(words);
        var ordinary = OrdinaryWords.Contains(compact) || compact.Length < 5;
        var entry = new Entry(area, compact, words.Length, ordinary);
        Bucket(_exact, compact).Add(entry);
        foreach (var variant in EditDistance.Deletions(compact, EditDistance.Allowed(compact.Length)))
            Bucket(_near, variant).Add(entry);
        _nameWords.UnionWith(words);
        _maxWords = Math.Max(_maxWords, words.Length + 1);
    }

    private static List<Entry> Bucket(Dictionary<string, List<Entry>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        return list;
    }

    // "Kota Administrasi Jakarta Pusat" is written "jakarta pusat" or "jakpus"; "Dr. Soetomo" also "dr sutomo".
    private static IEnumerable<string[]> Variants(Area area)
    {
        var words = TextNormalizer.Words(area.Name);
        yield return words;
        var skip = words.TakeWhile(w => w is "kota" or "kabupaten" or "administrasi" or "adm").Count();
        if (skip > 0 && skip < words.Length)
            yield return words[skip..];
        if (words.Any(w => w.Contains("oe", StringComparison.Ordinal)))
            yield return [.. words.Select(w => w.Replace("oe", "u", StringComparison.Ordinal))];
    }
}
