namespace Aduan.Reports;

/// <summary>
/// A step the report's current state does not allow for this actor (accepting another agency's
/// report, accepting twice). Answered with 409 and the current state, like
/// <see cref="InvalidTransitionException"/>; <see cref="ReasonKey"/> names the resource text.
/// </summary>
public sealed class ReportConflictException(ReportStatus status, string reasonKey, params object[] args)
    : InvalidOperationException($"{reasonKey} (status {status})")
{
    public ReportStatus Status { get; } = status;
    public string ReasonKey { get; } = reasonKey;
    public object[] Args { get; } = args;
}
