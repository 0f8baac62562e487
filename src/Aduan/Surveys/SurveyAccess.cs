using Aduan.Agencies;
using Aduan.Staff;

namespace Aduan.Surveys;

/// <summary>
/// Who may see an agency's SKM results and who may type in its paper questionnaires.
/// </summary>
/// <remarks>
/// Results: leaders, admins and operators (the media centre compiles the survey) see every
/// agency; a head sees their agency and those under it; an officer their own agency; verifiers
/// none. API keys with <c>reports:read</c> see every agency, or their own agency's subtree.
/// Entry: operators for any agency, heads for their subtree, officers for their own agency.
/// </remarks>
public sealed class SurveyAccess(AgencyTree agencies)
{
    /// <summary>The agencies whose results the actor may see; null means every agency.</summary>
    public async Task<IReadOnlySet<string>?> ResultsScopeAsync(StaffActor actor, CancellationToken ct)
    {
        if (actor.IsApiKey)
        {
            if (!actor.HasScope(ApiScopes.ReportsRead))
                return Empty;
            return actor.AgencyCode is null ? null : await agencies.SubtreeAsync(actor.AgencyCode, ct);
        }
        if (actor.Has(StaffRole.Leader | StaffRole.Admin | StaffRole.Operator))
            return null;
        return await OwnAsync(actor, ct);
    }

    public async Task<bool> CanSeeResultsAsync(StaffActor actor, string agency, CancellationToken ct) =>
        await ResultsScopeAsync(actor, ct) is not { } scope || scope.Contains(agency);

    public async Task<bool> CanSeeAnyResultsAsync(StaffActor actor, CancellationToken ct) =>
        await ResultsScopeAsync(actor, ct) is not { } scope || scope.Count > 0;

    /// <summary>The agencies the actor may enter paper questionnaires for; null means every agency.</summary>
    public async Task<IReadOnlySet<string>?> EntryScopeAsync(StaffActor actor, CancellationToken ct)
    {
        if (actor.IsApiKey)
            return Empty;
        if (actor.Has(StaffRole.Operator))
            return null;
        return await OwnAsync(actor, ct);
    }

    public async Task<bool> CanEnterAsync(StaffActor actor, string agency, CancellationToken ct) =>
        await EntryScopeAsync(actor, ct) is not { } scope || scope.Contains(agency);

    public async Task<bool> CanEnterAnyAsync(StaffActor actor, CancellationToken ct) =>
        await EntryScopeAsync(actor, ct) is not { } scope || scope.Count > 0;

    private async Task<IReadOnlySet<string>> OwnAsync(StaffActor actor, CancellationToken ct) =>
        actor.AgencyCode is null ? Empty
        : actor.Has(StaffRole.AgencyHead) ? await agencies.SubtreeAsync(actor.AgencyCode, ct)
        : actor.Has(StaffRole.AgencyOfficer) ? new HashSet<string>([actor.AgencyCode], StringComparer.Ordinal)
        : Empty;

    private static readonly IReadOnlySet<string> Empty = new HashSet<string>();
}
