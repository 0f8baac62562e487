namespace Aduan.Areas;

/// <summary>A street or landmark of the pack (streets.csv) and the kelurahan or kecamatan it is in.</summary>
public sealed record KnownStreet(string Name, string AreaCode);
