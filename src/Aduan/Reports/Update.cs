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

    /// <summary>Dispatch, acceptance, assignment and hand-back of one agency's part.</summary>
    Dispatch,

    /// <summary>A step of the coordination with an outside body (sent, acknowledged, answered, reminded).</summary>
    Coordination,

    /// <summary>The citizen's answer or confirmation (with the rating) after resolution.</summary>
    CitizenFeedback,

    /// <summary>A step of the escalation ladder fired (a warning, a notice to the head, an SMS to the leader).</summary>
    Escalated,
}

/// <summary>
/// One entry of a report's timeline (tindak lanjut). Append-only: created through
/// <see cref="Report"/> and never changed afterwards; each carries its link of the <see cref="HistoryChain"/>.
/// </summary>
public sealed class Update
{
    public long Id { get; init; }
    public Guid ReportId { get; init; }

    /// <summary>1, 2, 3… per report: the order of the <see cref="HistoryChain"/>.</summary>
    public int Sequence { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public UpdateKind Kind { get; init; }
    public ReportStatus? FromStatus { get; init; }
    public ReportStatus? ToStatus { get; init; }
    public string? Text { get; init; }
    public bool IsPublic { get; init; }

    /// <summary>This update's link of the <see cref="HistoryChain"/> (hex SHA-256); set once, when it joins the timeline.</summary>
    public string? Hash { get; private set; }

    internal void Seal(string? previousHash)
    {
        if (Hash is not null)
            throw new InvalidOperationException("An update is sealed once.");
        Hash = HistoryChain.Link(previousHash, HistoryChain.Digest(this));
    }
}
