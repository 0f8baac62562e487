namespace Aduan.Triage;

public enum GroundCheckOutcome
{
    Pending,

    /// <summary>The problem is there as reported: the report becomes Verified.</summary>
    Confirmed,

    /// <summary>Nothing found, or not as reported: the report is Rejected with the evidence.</summary>
    NotFound,
}

/// <summary>A request to a verifier to look at a report on the ground, and what they found.</summary>
public sealed class GroundCheck
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid ReportId { get; init; }
    public string? AreaCode { get; init; }
    public required string RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public string? Instructions { get; init; }
    public GroundCheckOutcome Outcome { get; set; }
    public string? CheckedBy { get; set; }
    public DateTimeOffset? CheckedAt { get; set; }
    public string? Finding { get; set; }
    public string? PhotoSha256 { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>How far the verifier stood from the reported spot, in metres, when both are known.</summary>
    public double? DistanceMeters { get; set; }
}

/// <summary>A phone number or e-mail address whose reports are held for the operator (abuse, spam).</summary>
public sealed class BlockedContact
{
    /// <summary>Normalised as <see cref="People.Contact.Normalise"/> does.</summary>
    public required string Contact { get; init; }
    public required string Reason { get; init; }
    public required string BlockedBy { get; init; }
    public DateTimeOffset BlockedAt { get; init; }
}

/// <summary>
/// A labelled text for the classifiers: an operator's category decision (<see cref="AgencyCode"/>
/// null), or a dispatch (the report's category then and the lead agency it was sent to).
/// </summary>
public sealed class ClassifierExample
{
    /// <summary>Source of a category set or corrected in the triage queue.</summary>
    public const string FromOperator = "operator";

    /// <summary>Source of a dispatch, by an operator or by the routing rules after verification.</summary>
    public const string FromDispatch = "dispatch";

    public long Id { get; init; }
    public required string Text { get; init; }
    public required string CategoryCode { get; init; }

    /// <summary><c>operator</c> for decisions made in the queue, <c>dispatch</c> for dispatches; pack examples are read from the pack, not stored.</summary>
    public required string Source { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The lead agency of a dispatch, as the agency classifier learns it: the report's own
    /// kelurahan or kecamatan office as <c>{kelurahan}</c> / <c>{kecamatan}</c> (see
    /// <see cref="Agencies.Routing.Relative"/>), any other agency by its code.
    /// </summary>
    public string? AgencyCode { get; init; }

    /// <summary>The report decided on (null for rows written before this was kept); a report's last dispatch is its label.</summary>
    public Guid? ReportId { get; init; }
}
