namespace Aduan.Deadlines;

/// <summary>Which deadline a step watches.</summary>
public enum EscalationBasis
{
    /// <summary><c>respon</c>: the first action (acceptance) by the agency.</summary>
    Response,

    /// <summary><c>selesai</c>: the resolution.</summary>
    Resolution,
}

/// <summary>Who a step tells.</summary>
public enum EscalationAudience
{
    /// <summary><c>petugas</c>: the officers of the lead agency (the assigned one when there is one).</summary>
    Officers,

    /// <summary><c>kepala</c>: the heads of the lead agency and of the agency above it.</summary>
    Heads,

    /// <summary><c>pimpinan</c>: the leaders (the mayor's or governor's office).</summary>
    Leaders,

    /// <summary><c>operator</c>: the media centre.</summary>
    Operators,
}

/// <summary>
/// One rung of the pack's escalation ladder (escalation.csv): when a report's response or
/// resolution clock reaches a share of its target (75%, 100%) or a number of hours after dispatch
/// counted like the category's deadlines (<c>24j</c>), a message goes to someone, once per report
/// and round (a reopened report starts a new round).
/// </summary>
public sealed class EscalationStep
{
    public required string Code { get; init; }
    public EscalationBasis Basis { get; init; }

    /// <summary>A share of the target in percent (75, 100); null when <see cref="AfterHours"/> is used.</summary>
    public int? Percent { get; init; }

    /// <summary>Hours after dispatch, counted as the category's deadlines are; null when <see cref="Percent"/> is used.</summary>
    public int? AfterHours { get; init; }
    public EscalationAudience Audience { get; init; }
    public Messaging.MessageChannel Channel { get; init; }

    /// <summary>The message template (templates.csv key).</summary>
    public required string TemplateKey { get; init; }
}

/// <summary>A step that has fired for a report: recorded once per report, step and round (a unique key).</summary>
public sealed class EscalationRecord
{
    public long Id { get; init; }
    public Guid ReportId { get; init; }
    public required string StepCode { get; init; }
    public int Round { get; init; }
    public DateTimeOffset FiredAt { get; init; }
}
