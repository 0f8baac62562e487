namespace Aduan.Deadlines;

public enum HolidayKind
{
    NationalHoliday,
    CutiBersama,
    LocalDayOff,
}

/// <summary>A day off from the pack's calendar (libur nasional, cuti bersama, libur daerah).</summary>
public sealed class Holiday
{
    public long Id { get; init; }
    public DateOnly Date { get; init; }
    public required string Name { get; init; }
    public HolidayKind Kind { get; init; }
}
