namespace Aduan.Dispatch;

public enum AssignmentRole
{
    /// <summary>Owns the report: its acceptance, its resolution and its deadline.</summary>
    Lead,

    /// <summary>Helps on a joint dispatch (a fire with injuries, a flood) and reports its own progress.</summary>
    Support,
}

public enum AssignmentStatus
{
    Dispatched,
    Accepted,

    /// <summary>The part is finished (a supporting agency's work, or the lead's on resolution).</summary>
    Done,

    /// <summary>The agency said "not ours" (with a reason); the ranking counts these.</summary>
    HandedBack,

    /// <summary>The operator re-dispatched the report elsewhere.</summary>
    Withdrawn,
}

/// <summary>One agency's part in a report: who, in what role, how far, and which officer works it.</summary>
public sealed class Assignment
{
    public long Id { get; init; }
    public Guid ReportId { get; init; }
    public required string AgencyCode { get; init; }
    public AssignmentRole Role { get; init; }
    public AssignmentStatus Status { get; set; }
    public DateTimeOffset DispatchedAt { get; init; }
    public required string DispatchedBy { get; init; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public Guid? OfficerId { get; set; }
    public string? OfficerName { get; set; }

    /// <summary>Why it was handed back or withdrawn.</summary>
    public string? Reason { get; set; }

    /// <summary>
    /// The lead part missed its response or resolution target: counted against this agency for
    /// good, even after the report moves on to another agency or a new round (see <see cref="Deadlines.DeadlineClock"/>).
    /// </summary>
    public bool ResponseLate { get; set; }
    public bool ResolutionLate { get; set; }

    /// <summary>
    /// Working minutes (the agency's service hours over the pack's calendar) from dispatch to
    /// acceptance and from dispatch to resolution: worked out once, when the step happens (see
    /// <see cref="Deadlines.DeadlineClock"/>), so scorecards only add them up.
    /// </summary>
    public int? ResponseMinutes { get; set; }
    public int? ResolutionMinutes { get; set; }

    /// <summary>The part ended in a resolution backed by a public photo staff added while it ran.</summary>
    public bool Evidenced { get; set; }

    /// <summary>When the citizen said this part's resolution was not done (the report was reopened).</summary>
    public DateTimeOffset? ReopenedAt { get; set; }

    public bool IsActive => Status is AssignmentStatus.Dispatched or AssignmentStatus.Accepted;
}
