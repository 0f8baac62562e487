namespace Aduan.Reports;

/// <summary>A state change that the report's life does not allow (a programming or concurrency error, not bad input).</summary>
public sealed class InvalidTransitionException(ReportStatus from, ReportStatus to)
    : InvalidOperationException($"A report in status {from} cannot move to {to}.")
{
    public ReportStatus From { get; } = from;
    public ReportStatus To { get; } = to;
}
