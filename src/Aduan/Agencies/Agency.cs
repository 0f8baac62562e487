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

    /// <summary>
    /// agencies.csv <c>jam_layanan</c>: <c>24jam</c> for units that never close (fire brigade, the
    /// 112 command centre), or opening hours such as <c>07:30-16:00</c> (Monday to Friday); empty
    /// means the government's 08:00-16:00. See <see cref="Agencies.ServiceHours"/>.
    /// </summary>
    public string? ServiceHours { get; set; }
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
