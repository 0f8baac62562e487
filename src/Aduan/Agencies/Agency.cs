namespace Aduan.Agencies;

public enum AgencyKind
{
    Dinas,
    SukuDinas,
    Badan,
    Bagian,
    Uptd,
    Kecamatan,
    Kelurahan,

    /// <summary>A body outside the government (PLN, PDAM, police): reports are forwarded, not dispatched.</summary>
    OutsideBody,
}

/// <summary>A unit that acts on reports (SKPD / OPD / unit kerja).</summary>
public sealed class Agency
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public AgencyKind Kind { get; set; }
    public string? ParentCode { get; set; }
    public required string AreaCode { get; set; }
}

/// <summary>A row of the pack's routing table: category x area -> agency.</summary>
public sealed class RoutingRule
{
    public const string AnyCategory = "*";
    public const string OwnKelurahan = "{kelurahan}";
    public const string OwnKecamatan = "{kecamatan}";

    public long Id { get; init; }
    public required string CategoryCode { get; init; }
    public required string AreaCode { get; init; }
    public required string AgencyCode { get; init; }
}
