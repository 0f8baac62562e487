namespace Aduan.Packs;

/// <summary>One thing wrong in a pack: which file, which line (1 = header) or field, and what.</summary>
public sealed record PackProblem(string File, int? Line, string? Field, string Message)
{
    public override string ToString() =>
        $"{File}{(Line is { } l ? $":{l}" : "")}{(Field is null ? "" : $" [{Field}]")}: {Message}";
}

/// <summary>A pack that cannot be loaded; nothing was written.</summary>
public sealed class PackException(string pack, IReadOnlyList<PackProblem> problems)
    : Exception($"Pack '{pack}' is not valid ({problems.Count} problem(s)):{Environment.NewLine}" +
        string.Join(Environment.NewLine, problems.Take(50).Select(p => "  " + p)))
{
    public IReadOnlyList<PackProblem> Problems { get; } = problems;
}
