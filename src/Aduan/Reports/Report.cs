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
    public string CategoryCode { get; private set; } = "";
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
    string CategoryCode,
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
    IReadOnlyList<ReportPhoto> Photos);

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
