namespace Aduan.Areas;

public enum AreaLevel
{
    Province = 1,
    Regency = 2,
    District = 3,
    Village = 4,
}

/// <summary>
/// A wilayah: provinsi &gt; kota/kabupaten &gt; kecamatan &gt; kelurahan/desa. <see cref="Code"/> is the
/// Kemendagri code with dots (e.g. 31.71.01.1001), not the 10-digit BPS code.
/// </summary>
public sealed class Area
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public AreaLevel Level { get; init; }

    /// <summary>kota, kabupaten, kelurahan or desa: the Indonesian word for this unit.</summary>
    public required string Kind { get; set; }
    public string? ParentCode { get; set; }

    /// <summary>Boundary as GeoJSON geometry text (WGS84), when the pack has one.</summary>
    public string? BoundaryGeoJson { get; set; }
}
