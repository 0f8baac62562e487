namespace Aduan;

/// <summary>Walks a tree of codes given as (code, parent code) pairs: agencies, areas.</summary>
public static class CodeTree
{
    /// <summary>The root and every code under it, at any depth; empty when the root is not among the codes.</summary>
    public static IReadOnlySet<string> Subtree(string root, IEnumerable<(string Code, string? Parent)> nodes)
    {
        var list = nodes.ToList();
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!list.Any(n => n.Code == root))
            return result;
        var children = list.Where(n => n.Parent is not null).ToLookup(n => n.Parent!, n => n.Code, StringComparer.Ordinal);
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var next))
        {
            if (!result.Add(next))
                continue;
            foreach (var child in children[next])
                pending.Push(child);
        }
        return result;
    }
}
