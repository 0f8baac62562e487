namespace Aduan.Triage;

/// <summary>What the automatic triage of one report found.</summary>
public sealed record TriageResult(
    string? AreaCode,
    AreaSource AreaSource,
    string? CategoryCode,
    double? CategoryConfidence,
    TriageFlags Flags,
    string? SuggestionsJson,
    string Summary);
