namespace Aduan.People;

/// <summary>
/// The reporter's identity (UU 27/2022 PDP personal data). Kept in its own table, apart from the
/// report, so that public reads and exports cannot carry it by accident.
/// </summary>
public sealed class Citizen
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    /// <summary>
    /// Where a citizen who wrote privately on a channel without a phone or e-mail can be answered
    /// (e.g. <c>fb:dm:{message}:{page-scoped id}</c>); never a public comment's thread, since later
    /// messages carry secret links.
    /// </summary>
    public string? ChannelAddress { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
