using System.Text.RegularExpressions;

namespace Aduan.Triage;

/// <summary>
/// Masks coarse words in text shown to the public (the public view, track page, open data): the
/// first letter stays, the rest becomes asterisks. Staff always see the words as written.
/// Matching ignores case and letters repeated for emphasis ("anjiiing").
/// </summary>
public static partial class Profanity
{
    /// <summary>
    /// Indonesian, Javanese (Surabaya) and a few English insults common in complaints. Words with
    /// an everyday meaning in complaints (babi, monyet: animals people report) are left out.
    /// </summary>
    private static readonly string[] Words =
    [
        "anjing", "anjir", "anjrit", "bangsat", "bajingan", "brengsek", "keparat", "kampret", "goblok", "goblog", "tolol", "bego",
        "idiot", "bodoh", "sialan", "tai", "taik", "kontol", "memek", "ngentot", "entot", "jembut",
        "pepek", "asu", "jancok", "jancuk", "cok", "dancok", "matamu", "ndasmu", "fuck", "shit", "bitch",
    ];

    private static readonly Regex Pattern = new(
        @"\b(" + string.Join('|', Words.Select(w => string.Concat(w.Select(c => Regex.Escape(c.ToString()) + "+")))) + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(200));

    public static string? Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        try
        {
            return Pattern.Replace(text, m => m.Value[0] + new string('*', m.Value.Length - 1));
        }
        catch (RegexMatchTimeoutException)
        {
            return text; // never hold a page up over a pathological text
        }
    }
}
