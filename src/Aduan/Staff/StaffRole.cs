namespace Aduan.Staff;

/// <summary>
/// What a staff member may do. A person can hold several (an admin who is also an operator);
/// what they may see and do is the union.
/// </summary>
[Flags]
public enum StaffRole
{
    None = 0,

    /// <summary>Media centre: triage and dispatch; sees every report and, logged, the reporter.</summary>
    Operator = 1,

    /// <summary>Field team: checks reports on the ground; sees every report that is not confidential.</summary>
    Verifier = 2,

    /// <summary>Works the reports dispatched to their own agency.</summary>
    AgencyOfficer = 4,

    /// <summary>Like an officer, for their agency and every agency under it.</summary>
    AgencyHead = 8,

    /// <summary>Mayor's or governor's office: reads every report that is not confidential, changes nothing.</summary>
    Leader = 16,

    /// <summary>Manages users, keys, packs and settings; reads no reports unless also holding another role.</summary>
    Admin = 32,
}

public static class StaffRoles
{
    public static readonly StaffRole[] All =
        [StaffRole.Operator, StaffRole.Verifier, StaffRole.AgencyOfficer, StaffRole.AgencyHead, StaffRole.Leader, StaffRole.Admin];

    /// <summary>The roles that work inside one agency and so need one.</summary>
    public const StaffRole AgencyBound = StaffRole.AgencyOfficer | StaffRole.AgencyHead;

    /// <summary>The lower-case names used in the CLI, the pack and claims.</summary>
    public static string Name(StaffRole role) => role switch
    {
        StaffRole.Operator => "operator",
        StaffRole.Verifier => "verifier",
        StaffRole.AgencyOfficer => "officer",
        StaffRole.AgencyHead => "head",
        StaffRole.Leader => "leader",
        StaffRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "one role at a time"),
    };

    public static IEnumerable<StaffRole> Split(StaffRole roles) => All.Where(r => roles.HasFlag(r));

    /// <summary>Parses "operator,admin" (names as in <see cref="Name"/>); null when any part is unknown.</summary>
    public static StaffRole? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var roles = StaffRole.None;
        foreach (var part in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = All.FirstOrDefault(r => string.Equals(Name(r), part, StringComparison.OrdinalIgnoreCase));
            if (match == StaffRole.None)
                return null;
            roles |= match;
        }
        return roles;
    }
}
