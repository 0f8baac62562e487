using Aduan.Triage;

namespace Aduan.Reports;

/// <summary>
/// One citizen complaint. Every state change goes through a method here, which checks it
/// against <see cref="AllowedMoves"/> and appends an <see cref="Update"/> to the timeline.
/// The reporter's identity is not on the report: <see cref="CitizenId"/> points to it.
/// </summary>
public sealed class Report
{
    internal static readonly IReadOnlyDictionary<ReportStatus, ReportStatus[]> AllowedMoves =
        new Dictionary<ReportStatus, ReportStatus[]>
        {
            [ReportStatus.Received] = [ReportStatus.Verified, ReportStatus.Rejected, ReportStatus.Merged],
            [ReportStatus.Verified] = [ReportStatus.Dispatched, ReportStatus.Rejected, ReportStatus.Merged],
            [ReportStatus.Dispatched] = [ReportStatus.InProgress, ReportStatus.Verified, ReportStatus.WaitingForCitizen, ReportStatus.ForwardedToOutsideBody, ReportStatus.Resolved],
            [ReportStatus.InProgress] = [ReportStatus.Verified, ReportStatus.WaitingForCitizen, ReportStatus.ForwardedToOutsideBody, ReportStatus.Resolved],
            [ReportStatus.WaitingForCitizen] = [ReportStatus.InProgress, ReportStatus.Closed],
            [ReportStatus.ForwardedToOutsideBody] = [ReportStatus.InProgress, ReportStatus.Resolved],
            [ReportStatus.Resolved] = [ReportStatus.Closed, ReportStatus.Reopened],
            [ReportStatus.Reopened] = [ReportStatus.InProgress, ReportStatus.WaitingForCitizen, ReportStatus.ForwardedToOutsideBody, ReportStatus.Resolved],
            [ReportStatus.Rejected] = [],
            [ReportStatus.Merged] = [],
            [ReportStatus.Closed] = [],
        };

    private readonly List<Update> _updates = [];
    private readonly List<ReportPhoto> _photos = [];

    private Report()
    {
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public ReportStatus Status { get; private set; }
    /// <summary>Null until the citizen, the classifier (above the pack's threshold) or an operator decides.</summary>
    public string? CategoryCode { get; private set; }
    public CategorySource CategorySource { get; private set; }

    /// <summary>The classifier's confidence in <see cref="CategoryCode"/> (0-1) when it chose it.</summary>
    public double? CategoryConfidence { get; private set; }
    public AreaSource AreaSource { get; private set; }

    /// <summary>What an operator must look at; see <see cref="TriageFlags"/>.</summary>
    public TriageFlags Flags { get; private set; }
    public DateTimeOffset? TriagedAt { get; private set; }

    /// <summary>Triage's suggestions for the operator (top categories, areas, duplicates), as JSON.</summary>
    public string? TriageJson { get; private set; }

    /// <summary>The <see cref="GeoCell"/> of the coordinates, for finding reports nearby.</summary>
    public long? LocationCell { get; private set; }
    public string Description { get; private set; } = "";
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public string? AddressText { get; private set; }
    public string? AreaCode { get; private set; }
    public string? AgencyCode { get; private set; }
    public Channel Channel { get; private set; }
    public ReportVisibility Visibility { get; private set; }
    public Guid? CitizenId { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public string? MergedIntoCode { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset LastChangedAt { get; private set; }

    /// <summary>Optimistic concurrency: two staff acting on one report cannot both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Update> Updates => _updates;
    public IReadOnlyList<ReportPhoto> Photos => _photos;

    public bool IsOpen => Status is not (ReportStatus.Rejected or ReportStatus.Merged or ReportStatus.Closed);

    public static Report Submit(NewReport input, DateTimeOffset now)
    {
        var report = new Report
        {
            Id = Guid.CreateVersion7(now),
            Code = input.Code,
            Status = ReportStatus.Received,
            CategoryCode = input.CategoryCode,
            CategorySource = input.CategoryCode is null ? CategorySource.None : CategorySource.Citizen,
            AreaSource = input.AreaCode is null ? AreaSource.None : input.Latitude is null ? AreaSource.AddressText : AreaSource.Coordinates,
            LocationCell = input.Latitude is { } lat && input.Longitude is { } lon ? GeoCell.For(lat, lon) : null,
            Flags = input.Flags,
            Description = input.Description,
            Latitude = input.Latitude,
            Longitude = input.Longitude,
            AddressText = input.AddressText,
            AreaCode = input.AreaCode,
            Channel = input.Channel,
            Visibility = input.Visibility,
            CitizenId = input.CitizenId,
            IdempotencyKey = input.IdempotencyKey,
            ReceivedAt = now,
            LastChangedAt = now,
        };
        report._photos.AddRange(input.Photos);
        report.Append(now, input.Actor, UpdateKind.Submitted, null, ReportStatus.Received, null, isPublic: true);
        return report;
    }

    public void Verify(DateTimeOffset now, string actor, string? note = null) =>
        Move(ReportStatus.Verified, now, actor, note, isPublic: true);

    public void Reject(DateTimeOffset now, string actor, string reason) =>
        Move(ReportStatus.Rejected, now, actor, Required(reason), isPublic: true);

    public void MergeInto(Report original, DateTimeOffset now, string actor)
    {
        if (original.Id == Id || !original.IsOpen)
            throw new InvalidOperationException("A report can only be merged into another open report.");
        Move(ReportStatus.Merged, now, actor, original.Code, isPublic: true);
        MergedIntoCode = original.Code;
    }

    public void Dispatch(string agencyCode, DateTimeOffset now, string actor, string? note = null)
    {
        Move(ReportStatus.Dispatched, now, actor, note, isPublic: true);
        AgencyCode = Required(agencyCode);
    }

    public void Accept(DateTimeOffset now, string actor) =>
        Move(ReportStatus.InProgress, now, actor, null, isPublic: true);

    /// <summary>The agency says the report is not theirs; it goes back to the operator's queue.</summary>
    public void HandBack(DateTimeOffset now, string actor, string reason)
    {
        Move(ReportStatus.Verified, now, actor, Required(reason), isPublic: false);
        AgencyCode = null;
    }

    public void AskCitizen(DateTimeOffset now, string actor, string question) =>
        Move(ReportStatus.WaitingForCitizen, now, actor, Required(question), isPublic: true);

    public void CitizenAnswered(DateTimeOffset now, string actor, string answer) =>
        Move(ReportStatus.InProgress, now, actor, Required(answer), isPublic: true);

    public void ForwardToOutsideBody(string bodyName, DateTimeOffset now, string actor) =>
        Move(ReportStatus.ForwardedToOutsideBody, now, actor, Required(bodyName), isPublic: true);

    public void OutsideBodyAnswered(DateTimeOffset now, string actor, string answer) =>
        Move(ReportStatus.InProgress, now, actor, Required(answer), isPublic: true);

    public void Resolve(DateTimeOffset now, string actor, string publicSummary) =>
        Move(ReportStatus.Resolved, now, actor, Required(publicSummary), isPublic: true);

    public void Close(DateTimeOffset now, string actor, string? note = null) =>
        Move(ReportStatus.Closed, now, actor, note, isPublic: true);

    public void Reopen(DateTimeOffset now, string actor, string citizenWords) =>
        Move(ReportStatus.Reopened, now, actor, Required(citizenWords), isPublic: true);

    public void Comment(DateTimeOffset now, string actor, string text, bool isPublic) =>
        Append(now, actor, UpdateKind.Comment, null, null, Required(text), isPublic);

    /// <summary>Staff add photos (from the field, of work done) with a line on the timeline.</summary>
    public void AttachPhotos(IReadOnlyList<ReportPhoto> photos, DateTimeOffset now, string actor, string? text, bool isPublic)
    {
        if (photos.Count == 0)
            throw new ArgumentException("At least one photo is required.", nameof(photos));
        if (photos.Any(p => p.IsPublic != isPublic))
            throw new ArgumentException("The photos' visibility must match the note's.", nameof(photos));
        _photos.AddRange(photos);
        Append(now, actor, UpdateKind.PhotosAdded, null, null, string.IsNullOrWhiteSpace(text) ? null : text.Trim(), isPublic);
    }

    /// <summary>Takes the area and category automatic triage is sure of (only where none is set yet).</summary>
    public void AdoptTriageFindings(string? areaCode, string? categoryCode, double? confidence)
    {
        if (AreaCode is null && areaCode is not null)
            (AreaCode, AreaSource) = (areaCode, AreaSource.AddressText);
        if (CategoryCode is null && categoryCode is not null)
            (CategoryCode, CategorySource, CategoryConfidence) = (categoryCode, CategorySource.Classifier, confidence);
    }

    /// <summary>Closes automatic triage: flags for the operator, suggestions, and one internal timeline line.</summary>
    public void CompleteTriage(TriageFlags flags, string? suggestionsJson, string summary, DateTimeOffset now)
    {
        Flags = (Flags & (TriageFlags.OutsideTerritory | TriageFlags.AwaitingGroundCheck)) | flags;
        TriageJson = suggestionsJson;
        TriagedAt = now;
        Append(now, "sistem", UpdateKind.Triaged, null, null, summary, isPublic: false);
    }

    /// <summary>An operator sets or corrects the category.</summary>
    public void Recategorize(string categoryCode, DateTimeOffset now, string actor)
    {
        var previous = CategoryCode;
        CategoryCode = Required(categoryCode);
        CategorySource = CategorySource.Operator;
        CategoryConfidence = null;
        Flags &= ~TriageFlags.CategoryUncertain;
        Append(now, actor, UpdateKind.Corrected, null, null, $"kategori: {previous ?? "-"} → {CategoryCode}", isPublic: false);
    }

    /// <summary>An operator sets or corrects the kelurahan (and, when known, the spot).</summary>
    public void Relocate(string areaCode, double? latitude, double? longitude, DateTimeOffset now, string actor)
    {
        var previous = AreaCode;
        AreaCode = Required(areaCode);
        AreaSource = AreaSource.Operator;
        if (latitude is { } lat && longitude is { } lon)
        {
            (Latitude, Longitude, LocationCell) = (lat, lon, GeoCell.For(lat, lon));
        }
        Flags &= ~(TriageFlags.AreaUnknown | TriageFlags.OutsideTerritory);
        Append(now, actor, UpdateKind.Corrected, null, null, $"wilayah: {previous ?? "-"} → {AreaCode}", isPublic: false);
    }

    /// <summary>An operator marks the report anonymous or confidential (or public again).</summary>
    public void ChangeVisibility(ReportVisibility visibility, DateTimeOffset now, string actor)
    {
        if (visibility == Visibility)
            return;
        var previous = Visibility;
        Visibility = visibility;
        Append(now, actor, UpdateKind.Corrected, null, null, $"sifat: {previous} → {visibility}", isPublic: false);
    }

    /// <summary>Sends the report for a check on the ground; it stays Received until the verifier reports back.</summary>
    public void RequestGroundCheck(DateTimeOffset now, string actor, string? instructions)
    {
        if (Status != ReportStatus.Received)
            throw new InvalidTransitionException(Status, ReportStatus.Verified);
        Flags |= TriageFlags.AwaitingGroundCheck;
        Append(now, actor, UpdateKind.GroundCheckRequested, null, null, instructions, isPublic: false);
    }

    /// <summary>The verifier's finding: confirmed becomes Verified, not found becomes Rejected, with the evidence on the timeline.</summary>
    public void RecordGroundCheck(bool confirmed, string finding, DateTimeOffset now, string actor, ReportPhoto? evidence)
    {
        Flags &= ~TriageFlags.AwaitingGroundCheck;
        if (evidence is not null)
            _photos.Add(evidence);
        if (confirmed)
            Verify(now, actor, Required(finding));
        else
            Reject(now, actor, Required(finding));
    }

    public bool CanMoveTo(ReportStatus next) => AllowedMoves[Status].Contains(next);

    private void Move(ReportStatus next, DateTimeOffset now, string actor, string? text, bool isPublic)
    {
        if (!CanMoveTo(next))
            throw new InvalidTransitionException(Status, next);
        var previous = Status;
        Status = next;
        Append(now, actor, UpdateKind.StatusChanged, previous, next, text, isPublic);
    }

    private void Append(DateTimeOffset now, string actor, UpdateKind kind, ReportStatus? from, ReportStatus? to, string? text, bool isPublic)
    {
        if (now < LastChangedAt)
            now = LastChangedAt;
        _updates.Add(new Update
        {
            ReportId = Id,
            At = now,
            Actor = actor,
            Kind = kind,
            FromStatus = from,
            ToStatus = to,
            Text = text,
            IsPublic = isPublic,
        });
        LastChangedAt = now;
        Version++;
    }

    private static string Required(string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A reason or text is required.", nameof(value)) : value.Trim();
}

/// <summary>What <see cref="Report.Submit"/> needs; built by <see cref="SubmitReport"/> after validation.</summary>
public sealed record NewReport(
    string Code,
    string? CategoryCode,
    string Description,
    double? Latitude,
    double? Longitude,
    string? AddressText,
    string? AreaCode,
    Channel Channel,
    ReportVisibility Visibility,
    Guid? CitizenId,
    string? IdempotencyKey,
    string Actor,
    IReadOnlyList<ReportPhoto> Photos,
    TriageFlags Flags = TriageFlags.None);

/// <summary>A photo attached to a report; the file lives in the <see cref="Photos.PhotoStore"/> under its hash.</summary>
public sealed class ReportPhoto
{
    public long Id { get; init; }
    public required string Sha256 { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }

    /// <summary>False for photos staff attach to an internal note: served to staff only.</summary>
    public bool IsPublic { get; init; } = true;
}
