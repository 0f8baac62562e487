using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Aduan.Triage;

/// <summary>
/// Turns informal Indonesian complaint text into a plain form for matching and classifying:
/// lower case, no accents or punctuation, letters repeated for emphasis collapsed ("lamaaaa" →
/// "lama"), and common chat abbreviations and slang written out ("yg" → "yang", "gk" → "tidak",
/// "jln" → "jalan"), words and numbers written together split ("rw01" → "rw 01"), and
/// line breaks escaped as "\n" read as spaces. Numbers stay. Used by the classifier, the gazetteer and the duplicate check.
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

        // Seen often in real complaints (Surabaya's Media Center export, counted, not copied).
        ["tsb"] = "tersebut",
        ["tgl"] = "tanggal",
        ["dpt"] = "dapat",
        ["rmh"] = "rumah",
        ["skrg"] = "sekarang",
        ["skrng"] = "sekarang",
        ["skr"] = "sekarang",
        ["msh"] = "masih",
        ["dlm"] = "dalam",
        ["knp"] = "kenapa",
        ["napa"] = "kenapa",
        ["sbg"] = "sebagai",
        ["hrs"] = "harus",
        ["kpd"] = "kepada",
        ["pdhl"] = "padahal",
        ["shg"] = "sehingga",
        ["yng"] = "yang",
        ["bbrp"] = "beberapa",
        ["kmrn"] = "kemarin",
        ["bkn"] = "bukan",
        ["sgr"] = "segera",
        ["jgn"] = "jangan",
        ["spy"] = "supaya",
        ["lbh"] = "lebih",
        ["dng"] = "dengan",
        ["msk"] = "masuk",
        ["prnh"] = "pernah",
        ["tlp"] = "telepon",
        ["telp"] = "telepon",
        ["mgkn"] = "mungkin",
        ["sngt"] = "sangat",
        ["sgt"] = "sangat",
        ["dtg"] = "datang",
        ["ttp"] = "tetap",
        ["stlh"] = "setelah",
        ["sblm"] = "sebelum",
        ["tlng"] = "tolong",
        ["byr"] = "bayar",
        ["mlm"] = "malam",
        ["brp"] = "berapa",
        ["wkt"] = "waktu",
        ["dmn"] = "dimana",
        ["bgmn"] = "bagaimana",
        ["mslh"] = "masalah",
        ["tmpt"] = "tempat",
        ["sklh"] = "sekolah",
        ["lgsg"] = "langsung",
        ["sdg"] = "sedang",
        ["hny"] = "hanya",
        ["cmn"] = "cuma",
        ["krj"] = "kerja",
        ["bhw"] = "bahwa",
        ["srt"] = "surat",
        ["dftr"] = "daftar",
        ["mrk"] = "mereka",
        ["krg"] = "kurang",
        ["kyk"] = "kayak",
        ["nggk"] = "tidak",
        ["ngk"] = "tidak",
        ["ndak"] = "tidak",
        ["tp"] = "tapi",
        ["tpi"] = "tapi",
        ["dr"] = "dari",
        ["dri"] = "dari",
        ["org"] = "orang",
        ["bs"] = "bisa",
        ["jd"] = "jadi",
        ["pd"] = "pada",
        ["uda"] = "sudah",
        ["trus"] = "terus",
        ["ato"] = "atau",
        ["ank"] = "anak",
        ["ortu"] = "orang tua",
        ["akte"] = "akta",
        ["ijin"] = "izin",
        ["koq"] = "kok",
        ["krna"] = "karena",
        ["rb"] = "ribu",
        ["jt"] = "juta",
        ["bu"] = "ibu",
        ["bp"] = "bapak",
        ["yth"] = "yang terhormat",
        ["tks"] = "terima kasih",
        ["makasih"] = "terima kasih",
        ["trims"] = "terima kasih",
        ["rusunawa"] = "rusun",
    };

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        // Exports often carry line breaks as the two characters "\n"; they separate words.
        var decomposed = EscapedBreak().Replace(text, " ").ToLowerInvariant().Normalize(NormalizationForm.FormD);
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
            // "rw01" → "rw 01", "50rb" → "50 ribu": a number stuck to a word hides both.
            foreach (var part in LettersAndDigits().Matches(word).Select(m => m.Value))
                words.Add(Abbreviations.TryGetValue(part, out var full) ? full : part);
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

    [GeneratedRegex(@"\p{L}+|\d+|[^\p{L}\d]+")]
    private static partial Regex LettersAndDigits();

    [GeneratedRegex(@"\\[nrt]")]
    private static partial Regex EscapedBreak();
}
