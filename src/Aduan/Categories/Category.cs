namespace Aduan.Categories;

/// <summary>The agency level that normally handles a category.</summary>
public enum HandlerLevel
{
    Kelurahan,
    Kecamatan,
    SukuDinas,
    Dinas,
    OutsideBody,
}

/// <summary>What a report is about; it owns the deadlines and decides the routing level.</summary>
public sealed class Category
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string Group { get; set; }
    public HandlerLevel HandlerLevel { get; set; }
    public int ResponseHours { get; set; }
    public int ResolutionHours { get; set; }

    /// <summary>How the deadlines' hours are counted: calendar hours, office hours, or whole working days.</summary>
    public Deadlines.TimeBasis TimeBasis { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>How far apart two reports of this category can be and still be one problem (50 m for a pothole, 300 m for a flood).</summary>
    public int DuplicateRadiusMeters { get; set; } = 100;

    /// <summary>How far back an open report still counts as the same problem.</summary>
    public int DuplicateWindowHours { get; set; } = 24 * 14;
}
