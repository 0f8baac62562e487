using Aduan.Agencies;
using Aduan.Dispatch;
using Aduan.Reports;

namespace Aduan.Staff;

/// <summary>
/// The one place that decides which reports a staff member or key may see and change, and when
/// they may see who reported. Queries are filtered in the database, so ids, counts, search and
/// exports never reach beyond what the actor may see.
/// </summary>
/// <remarks>
/// Operators see every report. Leaders and verifiers see every report that is not confidential.
/// Agency officers see the reports dispatched to their agency; heads also those of the agencies
/// under theirs. Admins see none unless they hold another role. A key without an agency reads
/// like an operator; a key with one, like that agency's head; both within their scopes.
/// </remarks>
public sealed class ReportAccess(AgencyTree agencies)
{
    /// <summary>The scope of one actor, worked out once per request.</summary>
    public async Task<ReportScope> ScopeForAsync(StaffActor actor, CancellationToken ct)
    {
        if (actor.IsApiKey)
        {
            if (!actor.HasScope(ApiScopes.ReportsRead))
                return ReportScope.Nothing;
            return actor.AgencyCode is null
                ? new ReportScope(All: true, NonConfidential: true, Agencies: Empty,
                    WriteAll: actor.HasScope(ApiScopes.ReportsWrite), WriteNonConfidential: false, WriteInAgencies: false,
                    ReportersAnywhere: actor.HasScope(ApiScopes.ReportersRead), ReportersInAgencies: false)
                : new ReportScope(All: false, NonConfidential: false, Agencies: await agencies.SubtreeAsync(actor.AgencyCode, ct),
                    WriteAll: false, WriteNonConfidential: false, WriteInAgencies: actor.HasScope(ApiScopes.ReportsWrite),
                    ReportersAnywhere: false, ReportersInAgencies: actor.HasScope(ApiScopes.ReportersRead));
        }

        var operatorRole = actor.Has(StaffRole.Operator);
        var own = actor.AgencyCode is null ? Empty
            : actor.Has(StaffRole.AgencyHead) ? await agencies.SubtreeAsync(actor.AgencyCode, ct)
            : actor.Has(StaffRole.AgencyOfficer) ? new HashSet<string>([actor.AgencyCode], StringComparer.Ordinal)
            : Empty;
        return new ReportScope(
            All: operatorRole,
            NonConfidential: operatorRole || actor.Has(StaffRole.Leader | StaffRole.Verifier),
            Agencies: own,
            WriteAll: operatorRole,
            WriteNonConfidential: actor.Has(StaffRole.Verifier),
            WriteInAgencies: own.Count > 0,
            ReportersAnywhere: operatorRole,
            ReportersInAgencies: own.Count > 0);
    }

    private static readonly IReadOnlySet<string> Empty = new HashSet<string>();
}

/// <summary>What one actor may see and do with reports.</summary>
public sealed record ReportScope(
    bool All,
    bool NonConfidential,
    IReadOnlySet<string> Agencies,
    bool WriteAll,
    bool WriteNonConfidential,
    bool WriteInAgencies,
    bool ReportersAnywhere,
    bool ReportersInAgencies)
{
    public static readonly ReportScope Nothing = new(false, false, new HashSet<string>(), false, false, false, false, false);

    public bool CanReadAny => All || NonConfidential || Agencies.Count > 0;

    /// <summary>Filters a query to the reports this actor may see; translated to SQL.</summary>
    public IQueryable<Report> Filter(IQueryable<Report> reports)
    {
        if (All)
            return reports;
        if (!CanReadAny)
            return reports.Where(_ => false);
        var agencies = Agencies.ToList();
        var nonConfidential = NonConfidential;
        // The lead agency through the report's own column; supporting agencies through their active part.
        return reports.Where(r => (nonConfidential && r.Visibility != ReportVisibility.Confidential)
            || (r.AgencyCode != null && agencies.Contains(r.AgencyCode))
            || r.Assignments.Any(a => (a.Status == AssignmentStatus.Dispatched || a.Status == AssignmentStatus.Accepted) && agencies.Contains(a.AgencyCode)));
    }

    public bool CanSee(Report report) =>
        All
        || (NonConfidential && report.Visibility != ReportVisibility.Confidential)
        || InAgencies(report);

    /// <summary>Notes and photos; status changes get their own rules in later work (triage, dispatch).</summary>
    public bool CanUpdate(Report report) =>
        CanSee(report)
        && (WriteAll || (WriteNonConfidential && report.Visibility != ReportVisibility.Confidential) || (WriteInAgencies && InAgencies(report)));

    public bool CanWriteAny => WriteAll || WriteNonConfidential || WriteInAgencies;

    /// <summary>
    /// Who reported: operators always; the assigned agency (and keys scoped to it) only when the
    /// report is neither anonymous nor confidential (UU 27/2022 PDP).
    /// </summary>
    public bool CanSeeReporter(Report report) =>
        CanSee(report)
        && (ReportersAnywhere || (ReportersInAgencies && InAgencies(report) && report.Visibility == ReportVisibility.Public));

    /// <summary>
    /// The agency (or one under it) leads the report or has an active supporting part in it
    /// (parts are known when the report was loaded with its assignments).
    /// </summary>
    private bool InAgencies(Report report) =>
        (report.AgencyCode is not null && Agencies.Contains(report.AgencyCode))
        || report.Assignments.Any(a => a.IsActive && Agencies.Contains(a.AgencyCode));

    /// <summary>The agency on whose behalf this actor works a report: theirs, or the one under theirs that holds the part.</summary>
    public string? ActingAgency(Report report, string? ownAgency) =>
        ownAgency is not null && report.ActiveAssignment(ownAgency) is not null ? ownAgency
        : report.Assignments.Where(a => a.IsActive && Agencies.Contains(a.AgencyCode)).OrderBy(a => a.Role).Select(a => a.AgencyCode).FirstOrDefault();
}
