namespace Aduan.Dispatch;

public enum CoordinationStatus
{
    Sent,
    Acknowledged,
    Answered,
}

/// <summary>
/// A report forwarded to a body outside the government (PLN, PAM JAYA, the police): each step
/// is tracked and on the timeline, and a reminder goes to whoever forwarded it while no answer
/// has come.
/// </summary>
public sealed class Coordination
{
    public long Id { get; init; }
    public Guid ReportId { get; init; }

    /// <summary>The outside body (an agency of kind <see cref="Agencies.AgencyKind.OutsideBody"/>).</summary>
    public required string BodyCode { get; init; }

    /// <summary>The agency that forwarded it; null when the media centre did.</summary>
    public string? ForwardedByAgency { get; init; }
    public required string SentBy { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public CoordinationStatus Status { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>The body's own ticket or letter number, when it gives one.</summary>
    public string? Reference { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? Answer { get; set; }
    public DateTimeOffset? NextReminderAt { get; set; }
    public int Reminders { get; set; }
}
