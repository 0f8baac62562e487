namespace Aduan.Staff;

/// <summary>One read of a reporter's identity: who, when, which report, why (UU 27/2022 PDP).</summary>
public sealed class IdentityRead
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>The staff member's e-mail or the API key's name, as it was at the time.</summary>
    public required string Actor { get; init; }
    public Guid? StaffUserId { get; init; }
    public Guid? ApiKeyId { get; init; }
    public required string ReportCode { get; init; }
    public required string Purpose { get; init; }
}
