namespace Aduan.Staff;

/// <summary>
/// Who is acting: a signed-in staff member or an API key. Every staff read and write goes
/// through <see cref="ReportAccess"/> with one of these.
/// </summary>
public sealed record StaffActor
{
    public Guid? UserId { get; init; }
    public Guid? ApiKeyId { get; init; }

    /// <summary>The e-mail of the staff member or the key's name; written on the timeline and the identity log.</summary>
    public required string Name { get; init; }
    public StaffRole Roles { get; init; }
    public string? AgencyCode { get; init; }

    /// <summary>For API keys: what the key may do (<see cref="ApiScopes"/>). Empty for people.</summary>
    public IReadOnlySet<string> Scopes { get; init; } = new HashSet<string>();

    public bool IsApiKey => ApiKeyId is not null;

    public bool Has(StaffRole role) => (Roles & role) != 0;

    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>How it shows on a report's timeline.</summary>
    public string TimelineName => IsApiKey ? $"api:{Name}" : Name;
}
