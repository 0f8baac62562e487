namespace Aduan.Areas;

/// <summary>
/// Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
/// neighbours) and the deletion variants used to find near spellings without comparing a word
/// with every name (the symmetric-delete idea of SymSpell).
/// </summary>
internal static class EditDistance
{
    /// <summary>How many edits a name of this many letters tolerates: 0 below 5, 1 from 5, 2 from 9.</summary>
    public static int Allowed(int length) => length >= 9 ? 2 : length >= 5 ? 1 : 0;

    /// <summary>The distance, or <paramref name="max"/> + 1 as soon as it is known to exceed it.</summary>
    public static int Between(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
            return max + 1;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max)
                return max + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }

    /// <summary>The word and every string made from it by deleting up to <paramref name="depth"/> letters.</summary>
    public static HashSet<string> Deletions(string word, int depth)
    {
        var all = new HashSet<string>(StringComparer.Ordinal) { word };
        var frontier = new List<string> { word };
        for (var d = 0; d < depth; d++)
        {
            var next = new List<string>();
            foreach (var s in frontier)
            {
                for (var i = 0; i < s.Length && s.Length > 1; i++)
                {
                    var shorter = s.Remove(i, 1);
                    if (all.Add(shorter))
                        next.Add(shorter);
                }
            }
            frontier = next;
        }
        return all;
    }
}
