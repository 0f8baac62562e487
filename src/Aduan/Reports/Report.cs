using Aduan.Dispatch;
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
            [ReportStatus.Verified] = [ReportStatus.Dispatched, ReportStatus.ForwardedToOutsideBody, ReportStatus.Rejected, ReportStatus.Merged],
            [ReportStatus.Dispatched] = [ReportStatus.Dispatched, ReportStatus.InProgress, ReportStatus.Verified, ReportStatus.WaitingForCitizen, ReportStatus.ForwardedToOutsideBody, ReportStatus.Resolved],
            [ReportStatus.InProgress] = [ReportStatus.Dispatched, ReportStatus.Verified, ReportStatus.WaitingForCitizen, ReportStatus.ForwardedToOutsideBody, ReportStatus.Resolved],
            [ReportStatus.WaitingForCitizen] = [ReportStatus.InProgress, ReportStatus.Closed],
            [ReportStatus.ForwardedToOutsideBody] = [ReportStatus.InProgress, ReportStatus.Dispatched, ReportStatus.Resolved],
            [ReportStatus.Resolved] = [ReportStatus.Closed, ReportStatus.Reopened],
            [ReportStatus.Reopened] = [ReportStatus.Dispatched, ReportStatus.InProgress, ReportStatus.Verified, ReportStatus.WaitingForCitizen, ReportStatus.ForwardedToOutsideBody, ReportStatus.Resolved],
            [ReportStatus.Rejected] = [],
            [ReportStatus.Merged] = [],
            [ReportStatus.Closed] = [],
        };

    private readonly List<Update> _updates = [];
    private readonly List<ReportPhoto> _photos = [];
    private readonly List<Assignment> _assignments = [];

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

    /// <summary>
    /// Optimistic concurrency: two staff acting on one report cannot both win. It counts the
    /// updates, so it is also the <see cref="Update.Sequence"/> of the newest one.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>The hash of the newest update (see <see cref="HistoryChain"/>).</summary>
    public string? HistoryHead { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>The deadline clock (see <see cref="Deadlines.DeadlineClock"/>): when it started, for the lead agency's current part.</summary>
    public DateTimeOffset? ClockStartedAt { get; private set; }

    /// <summary>Set while the clock waits (for the citizen, or an outside body).</summary>
    public DateTimeOffset? ClockPausedAt { get; private set; }
    public DateTimeOffset? ResponseDueAt { get; private set; }
    public DateTimeOffset? ResolutionDueAt { get; private set; }

    /// <summary>When the lead agency first acted (accepted) in the current round.</summary>
    public DateTimeOffset? RespondedAt { get; private set; }
    public bool ResponseLate { get; private set; }
    public bool ResolutionLate { get; private set; }

    /// <summary>When the escalation sweep must look at this report next; null when nothing is left to escalate.</summary>
    public DateTimeOffset? NextEscalationAt { get; private set; }

    /// <summary>Counts the clock's rounds: a reopened report starts a new one, and its escalation steps may fire again.</summary>
    public int ClockRound { get; private set; }

    /// <summary>The priority the current targets were worked out for; when <see cref="Priority"/> changes, the clock moves its due times.</summary>
    public ReportPriority ClockPriority { get; private set; }

    /// <summary>How fast it must be handled; set by the media centre (see <see cref="ReportPriority"/>).</summary>
    public ReportPriority Priority { get; private set; }

    /// <summary>The citizen's rating when they confirmed the resolution (its own table, <c>report_ratings</c>); load it with the report to read it.</summary>
    public ReportRating? Rating { get; private set; }

    /// <summary>The citizen's 1-5 rating when they confirmed the resolution.</summary>
    public int? CitizenRating => Rating?.Value;

    /// <summary>
    /// SHA-256 of the secret in the link the citizen gets when their answer is needed (a question,
    /// or "is it really done?"); null when nothing is asked.
    /// </summary>
    public string? CitizenTokenHash { get; private set; }

    public IReadOnlyList<Update> Updates => _updates;
    public IReadOnlyList<ReportPhoto> Photos => _photos;

    /// <summary>Every agency's part, past and present; <see cref="AgencyCode"/> is the active lead's.</summary>
    public IReadOnlyList<Assignment> Assignments => _assignments;

    /// <summary>The report has been with an agency before (dispatched, handed back): sending it again needs a reason.</summary>
    public bool IsRedispatch => _assignments.Count > 0 || Status != ReportStatus.Verified;

    public Assignment? ActiveAssignment(string agencyCode) =>
        _assignments.FirstOrDefault(a => a.IsActive && a.AgencyCode == agencyCode);

    public bool IsOpen => Status is not (ReportStatus.Rejected or ReportStatus.Merged or ReportStatus.Closed);

    public static Report Submit(NewReport input, DateTimeOffset now)
    {
        now = ToMilliseconds(now);
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

    /// <summary>
    /// Sends the report to one lead agency and any supporting ones (joint dispatch). For a report that
    /// has been with an agency before (dispatched, or handed back) this is a re-dispatch: it needs a
    /// reason, and any active parts are withdrawn with it.
    /// </summary>
    public void Dispatch(string leadAgency, IReadOnlyList<string> supporting, DateTimeOffset now, string actor, string text, string? reason = null)
    {
        Required(leadAgency);
        if (supporting.Contains(leadAgency) || supporting.Distinct().Count() != supporting.Count)
            throw new ArgumentException("An agency can take only one part in a report.", nameof(supporting));
        if (!CanMoveTo(ReportStatus.Dispatched))
            throw new InvalidTransitionException(Status, ReportStatus.Dispatched);
        var redispatch = IsRedispatch;
        if (redispatch && string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException("A re-dispatch needs a reason.", nameof(reason));
        foreach (var part in _assignments.Where(a => a.IsActive))
            (part.Status, part.FinishedAt, part.Reason) = (AssignmentStatus.Withdrawn, now, reason?.Trim());
        _assignments.Add(NewPart(leadAgency, AssignmentRole.Lead, now, actor));
        foreach (var agency in supporting)
            _assignments.Add(NewPart(agency, AssignmentRole.Support, now, actor));
        AgencyCode = leadAgency;
        Move(ReportStatus.Dispatched, now, actor, redispatch ? $"{text} — {reason!.Trim()}" : text, isPublic: true);
    }

    /// <summary>The agency takes its part; the lead's acceptance puts the report in progress.</summary>
    public void Accept(string agencyCode, DateTimeOffset now, string actor)
    {
        var part = PartOf(agencyCode);
        if (part.Status == AssignmentStatus.Accepted)
            throw new ReportConflictException(Status, "Dispatch_AlreadyAccepted");
        (part.Status, part.AcceptedAt) = (AssignmentStatus.Accepted, now);
        if (part.Role == AssignmentRole.Lead && Status is ReportStatus.Dispatched or ReportStatus.Reopened)
            Move(ReportStatus.InProgress, now, actor, null, isPublic: true);
        else
            Append(now, actor, UpdateKind.Dispatch, null, null, $"diterima oleh {agencyCode}", isPublic: false);
    }

    /// <summary>The agency gives its part to one of its officers (accepting it if not done yet).</summary>
    public void AssignOfficer(string agencyCode, Guid officerId, string officerName, DateTimeOffset now, string actor)
    {
        var part = PartOf(agencyCode);
        if (part.Status == AssignmentStatus.Dispatched)
            Accept(agencyCode, now, actor);
        (part.OfficerId, part.OfficerName) = (officerId, Required(officerName));
        Append(now, actor, UpdateKind.Dispatch, null, null, $"ditugaskan kepada {officerName}", isPublic: false);
    }

    /// <summary>
    /// "Not ours": a lead's hand-back returns the whole report to the operator (Verified, no
    /// agency); a supporting agency's only ends its own part. The reason stays on the part.
    /// </summary>
    public void HandBack(string agencyCode, DateTimeOffset now, string actor, string reason)
    {
        var part = PartOf(agencyCode);
        var why = Required(reason);
        if (part.Role == AssignmentRole.Lead && !CanMoveTo(ReportStatus.Verified))
            throw new InvalidTransitionException(Status, ReportStatus.Verified);
        (part.Status, part.FinishedAt, part.Reason) = (AssignmentStatus.HandedBack, now, why);
        if (part.Role == AssignmentRole.Support)
        {
            Append(now, actor, UpdateKind.Dispatch, null, null, $"{agencyCode} mengembalikan bagiannya: {why}", isPublic: false);
            return;
        }
        foreach (var other in _assignments.Where(a => a.IsActive))
            (other.Status, other.FinishedAt, other.Reason) = (AssignmentStatus.Withdrawn, now, why);
        AgencyCode = null;
        Move(ReportStatus.Verified, now, actor, $"dikembalikan oleh {agencyCode}: {why}", isPublic: false);
    }

    /// <summary>A supporting agency reports its part finished.</summary>
    public void FinishPart(string agencyCode, DateTimeOffset now, string actor, string summary)
    {
        var part = PartOf(agencyCode);
        if (part.Role == AssignmentRole.Lead)
            throw new ReportConflictException(Status, "Dispatch_LeadResolves");
        (part.Status, part.FinishedAt) = (AssignmentStatus.Done, now);
        Append(now, actor, UpdateKind.Dispatch, null, null, Required(summary), isPublic: true);
    }

    public void AskCitizen(DateTimeOffset now, string actor, string question, string tokenHash)
    {
        Move(ReportStatus.WaitingForCitizen, now, actor, Required(question), isPublic: true);
        CitizenTokenHash = tokenHash;
    }

    /// <summary>The citizen's answer to a question; the report goes back to work and the clock runs again.</summary>
    public void CitizenAnswered(DateTimeOffset now, string actor, string answer)
    {
        Move(ReportStatus.InProgress, now, actor, Required(answer), isPublic: true);
        CitizenTokenHash = null;
    }

    /// <summary>Forwarded to an outside body; the <see cref="Coordination"/> row tracks the steps.</summary>
    public void ForwardToOutsideBody(string bodyCode, DateTimeOffset now, string actor, string text)
    {
        if (!CanMoveTo(ReportStatus.ForwardedToOutsideBody))
            throw new InvalidTransitionException(Status, ReportStatus.ForwardedToOutsideBody);
        if (AgencyCode is null)
            AgencyCode = Required(bodyCode); // forwarded straight from the media centre: the body is the one acting
        Move(ReportStatus.ForwardedToOutsideBody, now, actor, Required(text), isPublic: true);
    }

    /// <summary>A coordination step that does not change the status (acknowledged, a reminder).</summary>
    public void RecordCoordination(DateTimeOffset now, string actor, string text, bool isPublic) =>
        Append(now, actor, UpdateKind.Coordination, null, null, Required(text), isPublic);

    public void OutsideBodyAnswered(DateTimeOffset now, string actor, string answer) =>
        Move(ReportStatus.InProgress, now, actor, Required(answer), isPublic: true);

    /// <summary>
    /// Done, with a public summary (the evidence photo is attached by the caller). Every active part
    /// ends; the citizen is asked through a link carrying <paramref name="tokenHash"/>'s secret.
    /// </summary>
    public void Resolve(DateTimeOffset now, string actor, string publicSummary, string? tokenHash)
    {
        Move(ReportStatus.Resolved, now, actor, Required(publicSummary), isPublic: true);
        foreach (var part in _assignments.Where(a => a.IsActive))
        {
            (part.Status, part.FinishedAt) = (AssignmentStatus.Done, now);
            // Evidence: a public photo staff added while this part ran (the agency's "after" photo).
            part.Evidenced = _updates.Any(u => u.Kind == UpdateKind.PhotosAdded && u.IsPublic && u.At >= part.DispatchedAt);
        }
        ResolvedAt = now;
        CitizenTokenHash = tokenHash;
    }

    /// <summary>The citizen confirms it is done (with a 1-5 rating): the report closes.</summary>
    public void ConfirmResolved(DateTimeOffset now, string actor, int rating, string? comment)
    {
        if (rating is < 1 or > 5)
            throw new ArgumentOutOfRangeException(nameof(rating), "The rating is 1 to 5.");
        if (Status != ReportStatus.Resolved)
            throw new InvalidTransitionException(Status, ReportStatus.Closed);
        var words = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Rating = new ReportRating { ReportId = Id, AgencyCode = LastResolvingPart()?.AgencyCode ?? AgencyCode, Value = rating, Comment = words, At = ToMilliseconds(now) };
        CitizenTokenHash = null;
        Append(now, actor, UpdateKind.CitizenFeedback, null, null, $"penilaian {rating}/5" + (string.IsNullOrWhiteSpace(comment) ? "" : $": {comment.Trim()}"), isPublic: true);
        Move(ReportStatus.Closed, now, actor, null, isPublic: true);
    }

    /// <summary>
    /// Closes a report without the citizen: no answer to "is it done?" (or to a question) in the
    /// pack's window.
    /// </summary>
    public void Close(DateTimeOffset now, string actor, string? note = null)
    {
        Move(ReportStatus.Closed, now, actor, note, isPublic: true);
        CitizenTokenHash = null;
    }

    /// <summary>"Not done": back to the same lead agency with the citizen's words; history kept.</summary>
    public void Reopen(DateTimeOffset now, string actor, string citizenWords)
    {
        Move(ReportStatus.Reopened, now, actor, Required(citizenWords), isPublic: true);
        CitizenTokenHash = null;
        ResolvedAt = null;
        if (LastResolvingPart() is { } resolving)
            resolving.ReopenedAt = ToMilliseconds(now); // counted against the agency whose resolution the citizen disputes
        // The same lead agency gets a new part: its deadlines start again, the finished one stays in the history.
        if (AgencyCode is { } lead && _assignments.Any(a => a.Role == AssignmentRole.Lead && a.AgencyCode == lead))
            _assignments.Add(NewPart(lead, AssignmentRole.Lead, ToMilliseconds(now), actor));
    }

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

    /// <summary>The deadline clock's state, as <see cref="Deadlines.DeadlineClock"/> works it out.</summary>
    public void SetClock(DeadlineState state)
    {
        (ClockStartedAt, ClockPausedAt, ResponseDueAt, ResolutionDueAt) = (state.StartedAt, state.PausedAt, state.ResponseDueAt, state.ResolutionDueAt);
        (RespondedAt, ResponseLate, ResolutionLate, NextEscalationAt, ClockRound) = (state.RespondedAt, state.ResponseLate, state.ResolutionLate, state.NextEscalationAt, state.Round);
        ClockPriority = state.Priority;
    }

    public DeadlineState Clock => new(ClockStartedAt, ClockPausedAt, ResponseDueAt, ResolutionDueAt, RespondedAt, ResponseLate, ResolutionLate, NextEscalationAt, ClockRound, ClockPriority);

    /// <summary>The media centre changes the priority, with its reason on the internal timeline; the deadline clock follows.</summary>
    public void SetPriority(ReportPriority priority, DateTimeOffset now, string actor, string? reason)
    {
        if (!IsOpen)
            throw new InvalidOperationException($"Report {Code} is {Status}: its priority no longer matters.");
        Priority = priority;
        var text = $"prioritas: {priority.IndonesianName()}" + (string.IsNullOrWhiteSpace(reason) ? "" : $" — {reason.Trim()}");
        Append(now, actor, UpdateKind.Corrected, null, null, text, isPublic: false);
    }

    /// <summary>An escalation step fired: on the internal timeline, once (the caller records it under a unique key).</summary>
    public void RecordEscalation(DateTimeOffset now, string text) =>
        Append(now, "sistem", UpdateKind.Escalated, null, null, Required(text), isPublic: false);

    /// <summary>
    /// Seals a timeline written before the history chain existed (sequence numbers set by the
    /// migration, no hashes yet). Does nothing to a report that has its chain.
    /// </summary>
    internal bool SealLegacyHistory()
    {
        if (HistoryHead is not null || _updates.Count == 0 || _updates.Any(u => u.Hash is not null))
            return false;
        string? previous = null;
        foreach (var update in _updates.OrderBy(u => u.Sequence))
        {
            update.Seal(previous);
            previous = update.Hash;
        }
        HistoryHead = previous;
        return true;
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
        now = ToMilliseconds(now);
        if (now < LastChangedAt)
            now = LastChangedAt;
        var update = new Update
        {
            ReportId = Id,
            Sequence = Version + 1,
            At = now,
            Actor = actor,
            Kind = kind,
            FromStatus = from,
            ToStatus = to,
            Text = text,
            IsPublic = isPublic,
        };
        update.Seal(HistoryHead);
        _updates.Add(update);
        HistoryHead = update.Hash;
        LastChangedAt = now;
        Version++;
    }

    /// <summary>Times are kept to the millisecond: what every database stores exactly, so the history's hashes survive the round trip.</summary>
    private static DateTimeOffset ToMilliseconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    /// <summary>The lead part whose resolution the citizen is asked about: the latest one finished as done.</summary>
    private Assignment? LastResolvingPart() =>
        _assignments.Where(a => a.Role == AssignmentRole.Lead && a.Status == AssignmentStatus.Done).MaxBy(a => a.FinishedAt);

    private Assignment PartOf(string agencyCode) =>
        ActiveAssignment(agencyCode) ?? throw new ReportConflictException(Status, "Dispatch_NotYourReport");

    private Assignment NewPart(string agencyCode, AssignmentRole role, DateTimeOffset now, string actor) => new()
    {
        ReportId = Id,
        AgencyCode = agencyCode,
        Role = role,
        Status = AssignmentStatus.Dispatched,
        DispatchedAt = now,
        DispatchedBy = actor,
    };

    private static string Required(string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A reason or text is required.", nameof(value)) : value.Trim();
}

/// <summary>A report's deadline clock at one moment.</summary>
public sealed record DeadlineState(
    DateTimeOffset? StartedAt,
    DateTimeOffset? PausedAt,
    DateTimeOffset? ResponseDueAt,
    DateTimeOffset? ResolutionDueAt,
    DateTimeOffset? RespondedAt,
    bool ResponseLate,
    bool ResolutionLate,
    DateTimeOffset? NextEscalationAt,
    int Round,
    ReportPriority Priority = ReportPriority.Normal);

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
