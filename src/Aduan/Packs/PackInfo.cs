namespace Aduan.Packs;

/// <summary>The single row saying which pack this database holds.</summary>
public sealed class PackInfo
{
    public int Id { get; init; } = 1;
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public required string TimeZone { get; set; }
    public required string RootAreaCode { get; set; }
    public double MapLatitude { get; set; }
    public double MapLongitude { get; set; }
    public int MapZoom { get; set; }
    public DateTimeOffset LoadedAt { get; set; }

    /// <summary>Staff roles that must use two-factor sign-in (pack.json <c>staffTwoFactor</c>).</summary>
    public Staff.StaffRole TwoFactorRoles { get; set; }

    /// <summary>Classifier confidence (0-1) above which a category is taken without an operator (pack.json <c>autoCategoryThreshold</c>).</summary>
    public double AutoCategoryThreshold { get; set; } = 0.6;

    /// <summary>Days a resolved report waits for the citizen's "is it done?" before it closes (pack.json <c>confirmationDays</c>).</summary>
    public int ConfirmationDays { get; set; } = 3;

    /// <summary>How far from the reported spot a resolution's evidence photo may be taken (pack.json <c>evidenceRadiusMeters</c>).</summary>
    public int EvidenceRadiusMeters { get; set; } = 200;

    /// <summary>Hours between reminders while an outside body has not answered (pack.json <c>coordinationReminderHours</c>).</summary>
    public int CoordinationReminderHours { get; set; } = 48;

    /// <summary>What a reopened report's new round gets for its resolution (pack.json <c>reopen.deadline</c>).</summary>
    public ReopenDeadline ReopenDeadline { get; set; }

    /// <summary>The resolution target of a reopened round when <see cref="ReopenDeadline"/> is <see cref="ReopenDeadline.Fixed"/> (pack.json <c>reopen.resolutionHours</c>).</summary>
    public int? ReopenResolutionHours { get; set; }
}

/// <summary>
/// When the citizen says "not done", the agency gets a new round: a full response target always,
/// and for the resolution either the full target again, what was left of the old round when the
/// agency called it done, or a fixed number of hours.
/// </summary>
public enum ReopenDeadline
{
    Full,
    Remaining,
    Fixed,
}
