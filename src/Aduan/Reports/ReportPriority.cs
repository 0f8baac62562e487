namespace Aduan.Reports;

/// <summary>
/// How fast a report must be handled, in the words of Indonesian official correspondence (sifat
/// surat): biasa, segera, darurat. Only the media centre sets it (an agency cannot buy itself time);
/// the pack's <c>priorities.csv</c> gives each level its own deadline targets.
/// </summary>
public enum ReportPriority
{
    Normal,
    Urgent,
    Emergency,
}

public static class ReportPriorities
{
    /// <summary>The codes packs and the API use, in order of urgency.</summary>
    public static readonly IReadOnlyDictionary<string, ReportPriority> Codes = new Dictionary<string, ReportPriority>(StringComparer.Ordinal)
    {
        ["biasa"] = ReportPriority.Normal,
        ["segera"] = ReportPriority.Urgent,
        ["darurat"] = ReportPriority.Emergency,
    };

    public static string Code(this ReportPriority priority) => priority switch
    {
        ReportPriority.Urgent => "segera",
        ReportPriority.Emergency => "darurat",
        _ => "biasa",
    };

    /// <summary>For the timeline (written in Indonesian like every timeline line); the UI has the same words in its resources.</summary>
    public static string IndonesianName(this ReportPriority priority) => priority switch
    {
        ReportPriority.Urgent => "Segera",
        ReportPriority.Emergency => "Darurat",
        _ => "Biasa",
    };

    public static ReportPriority? Parse(string? code) =>
        code is not null && Codes.TryGetValue(code.Trim().ToLowerInvariant(), out var priority) ? priority : null;
}
