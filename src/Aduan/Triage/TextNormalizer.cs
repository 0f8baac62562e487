using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Aduan.Triage;

/// <summary>
/// Turns informal Indonesian complaint text into a plain form for matching and classifying:
/// lower case, no accents or punctuation, letters repeated for emphasis collapsed ("lamaaaa" →
/// "lama"), and common chat abbreviations and slang written out ("yg" → "yang", "gk" → "tidak",
/// "jln" → "jalan"). Numbers stay. Used by the classifier, the gazetteer and the duplicate check.
/// </summary>
public static partial class TextNormalizer
{
    /// <summary>Abbreviations and slang seen in complaints, written out. Keys are already lower case.</summary>
    public static readonly IReadOnlyDictionary<string, string> Abbreviations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["yg"] = "yang",
        ["dgn"] = "dengan",
        ["dg"] = "dengan",
        ["utk"] = "untuk",
        ["untk"] = "untuk",
        ["krn"] = "karena",
        ["karna"] = "karena",
        ["tdk"] = "tidak",
        ["gk"] = "tidak",
        ["ga"] = "tidak",
        ["gak"] = "tidak",
        ["nggak"] = "tidak",
        ["ngga"] = "tidak",
        ["enggak"] = "tidak",
        ["tak"] = "tidak",
        ["sdh"] = "sudah",
        ["udh"] = "sudah",
        ["udah"] = "sudah",
        ["dah"] = "sudah",
        ["blm"] = "belum",
        ["blum"] = "belum",
        ["jln"] = "jalan",
        ["jl"] = "jalan",
        ["jalanan"] = "jalan",
        ["gg"] = "gang",
        ["kel"] = "kelurahan",
        ["kec"] = "kecamatan",
        ["kab"] = "kabupaten",
        ["rt"] = "rt",
        ["rw"] = "rw",
        ["dpn"] = "depan",
        ["blkg"] = "belakang",
        ["sblh"] = "sebelah",
        ["dkt"] = "dekat",
        ["deket"] = "dekat",
        ["bgt"] = "banget",
        ["bnyk"] = "banyak",
        ["byk"] = "banyak",
        ["lg"] = "lagi",
        ["jg"] = "juga",
        ["aja"] = "saja",
        ["aj"] = "saja",
        ["sy"] = "saya",
        ["sya"] = "saya",
        ["kmi"] = "kami",
        ["tlg"] = "tolong",
        ["tolongin"] = "tolong",
        ["mhn"] = "mohon",
        ["pak"] = "bapak",
        ["bpk"] = "bapak",
        ["sm"] = "sama",
        ["trs"] = "terus",
        ["klo"] = "kalau",
        ["kalo"] = "kalau",
        ["gmn"] = "bagaimana",
        ["gimana"] = "bagaimana",
        ["hr"] = "hari",
        ["bln"] = "bulan",
        ["thn"] = "tahun",
        ["mggu"] = "minggu",
        ["mgg"] = "minggu",
        ["jam"] = "jam",
        ["pju"] = "lampu jalan",
        ["lpj"] = "lampu jalan",
        ["pkl"] = "pedagang kaki lima",
        ["tps"] = "tempat pembuangan sampah",
        ["jaksel"] = "jakarta selatan",
        ["jakpus"] = "jakarta pusat",
        ["jakbar"] = "jakarta barat",
        ["jaktim"] = "jakarta timur",
        ["jakut"] = "jakarta utara",
        ["sby"] = "surabaya",
        ["mati2"] = "mati",
    };

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            plain.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        var words = new List<string>();
        foreach (var raw in plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // "rusak2" (Indonesian reduplication written with 2) → "rusak"; "lamaaaa" → "lama".
            var word = Reduplication().Replace(raw, "$1");
            word = RepeatedLetters().Replace(word, "$1");
            words.Add(Abbreviations.TryGetValue(word, out var full) ? full : word);
        }
        return string.Join(' ', words);
    }

    /// <summary>The words of a normalised text.</summary>
    public static string[] Words(string? text) => Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// True when the text carries nothing to act on: empty, only emoji or punctuation, a test
    /// message, or fewer than three real words. Such reports wait for an operator.
    /// </summary>
    public static bool IsMeaningless(string? text)
    {
        var words = Words(text);
        if (words.Length == 0)
            return true;
        var real = words.Where(w => w.Length >= 2 && w.Any(char.IsLetter)).ToList();
        if (real.Count == 0 || real.All(w => w is "test" or "tes" or "testing" or "coba" or "cek" or "halo" or "hai" or "asdf" or "qwerty"))
            return true;
        return real.Count < 3;
    }

    [GeneratedRegex(@"^([a-z]{3,})2$")]
    private static partial Regex Reduplication();

    [GeneratedRegex(@"([a-z])\1{2,}")]
    private static partial Regex RepeatedLetters();
}
