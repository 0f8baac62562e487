namespace Aduan.Triage;

/// <summary>
/// How alike two complaint texts are (0-1), cheaply: the content words of both (normalised by
/// <see cref="TextNormalizer"/>, stop words dropped) compared as whole words and as letter
/// trigrams. The trigrams let Indonesian affixes match ("berlubang" and "lubangnya" share
/// "lub", "uba", "ban", "ang"), which whole words miss.
/// </summary>
internal static class TextSimilarity
{
    /// <summary>Words that say nothing about the problem: function words, politeness, time fillers.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "yang", "di", "dan", "sudah", "mohon", "ke", "dari", "ini", "itu", "ada", "untuk", "dengan",
        "karena", "tidak", "belum", "sangat", "sekali", "banget", "juga", "lagi", "saja", "tolong",
        "segera", "bapak", "ibu", "kami", "saya", "kita", "warga", "sejak", "sampai", "pada", "dalam",
        "oleh", "atau", "akan", "bisa", "masih", "para", "nya", "tersebut", "terus", "kalau", "agar",
        "supaya", "harap", "minta", "meminta", "ditindaklanjuti", "tindak", "lanjut", "terima", "kasih",
        "the", "is", "a", "of", "in", "to", "and", "sama", "jadi", "sering", "selalu", "hari",
        "banyak", "kok", "sih", "dong", "ya", "pun", "lah", "adalah", "sebagai", "bagaimana", "kenapa",
        "apa", "mana", "setiap", "tiap", "seperti", "sehingga", "namun", "tapi", "tetapi", "hanya",
    };

    /// <summary>The comparable form of a text; compute it once per text.</summary>
    public static Profile Of(string? text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var trigrams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in TextNormalizer.Words(text))
        {
            if (word.Length < 2 || StopWords.Contains(word) || !words.Add(word))
                continue;
            var padded = $"^{word}$";
            for (var i = 0; i + 3 <= padded.Length; i++)
                trigrams.Add(padded.Substring(i, 3));
        }
        return new Profile(words, trigrams);
    }

    /// <summary>The mean of the word and the trigram Jaccard indexes; 0 when either text has no content words.</summary>
    public static double Between(Profile a, Profile b) =>
        a.Words.Count == 0 || b.Words.Count == 0 ? 0 : (Jaccard(a.Words, b.Words) + Jaccard(a.Trigrams, b.Trigrams)) / 2;

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = small.Count(large.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    public sealed record Profile(HashSet<string> Words, HashSet<string> Trigrams);
}
