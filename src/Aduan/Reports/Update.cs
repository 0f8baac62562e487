namespace Aduan.Reports;

public enum UpdateKind
{
    Submitted,
    StatusChanged,
    Comment,
    PhotosAdded,
    Triaged,
    Corrected,
    GroundCheckRequested,
}

/// <summary>
/// One entry of a report's timeline (tindak lanjut). Append-only: created through
/// <see cref="Report"/> and never changed afterwards, so every property is init-only.
/// </summary>
public sealed class Update
{
    public long Id { get; init; }
    public Guid ReportId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public UpdateKind Kind { get; init; }
    public ReportStatus? FromStatus { get; init; }
    public ReportStatus? ToStatus { get; init; }
    public string? Text { get; init; }
    public bool IsPublic { get; init; }
}
