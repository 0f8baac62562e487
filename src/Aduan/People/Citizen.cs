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

    /// <summary>
    /// Who the citizen is on a platform that gives no phone or e-mail (<c>x:{user id}</c>), so that their
    /// later posts naming their report's code are recognised as theirs. Never an address to write to:
    /// someone who only posted publicly gets nothing more there.
    /// </summary>
    public string? ChannelUser { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
