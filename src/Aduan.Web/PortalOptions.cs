using System.ComponentModel.DataAnnotations;

namespace Aduan.Web;

/// <summary>
/// The "Aduan:Map" settings: the public map's tile server. Empty (the default) draws the pack's
/// boundaries only, which needs no outside server at all; a URL template in Leaflet's form
/// (<c>https://tile.example.org/{z}/{x}/{y}.png</c>) adds a base layer under them.
/// </summary>
public sealed class PortalOptions : IValidatableObject
{
    public const string Section = "Aduan:Map";

    /// <summary>Leaflet URL template with {z}, {x}, {y} (and optionally {s}); empty for no tiles.</summary>
    public string? TileUrl { get; set; }

    /// <summary>The attribution the tile server's terms require, shown on the map (plain text).</summary>
    public string? TileAttribution { get; set; }

    /// <summary>The licence of the open data downloads, as shown on /data-terbuka.</summary>
    public string DataLicence { get; set; } = "Creative Commons Attribution 4.0 (CC BY 4.0)";

    public string DataLicenceUrl { get; set; } = "https://creativecommons.org/licenses/by/4.0/deed.id";

    [Range(1, 22)]
    public int TileMaxZoom { get; set; } = 19;

    /// <summary>" https://host" for the page's Content-Security-Policy img-src, or "" with no tiles.</summary>
    public string TileOrigin => string.IsNullOrWhiteSpace(TileUrl) ? "" : " " + Origin(TileUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(TileUrl))
            yield break;
        if (!TileUrl.Contains("{z}", StringComparison.Ordinal) || !TileUrl.Contains("{x}", StringComparison.Ordinal) || !TileUrl.Contains("{y}", StringComparison.Ordinal)
            || !(TileUrl.StartsWith("https://", StringComparison.Ordinal) || TileUrl.StartsWith("http://", StringComparison.Ordinal)))
            yield return new ValidationResult("Aduan:Map:TileUrl must be an http(s) URL template with {z}, {x} and {y}.", [nameof(TileUrl)]);
        if (string.IsNullOrWhiteSpace(TileAttribution))
            yield return new ValidationResult("Aduan:Map:TileAttribution is required with a tile server (its terms require it).", [nameof(TileAttribution)]);
    }

    /// <summary>The scheme and host of the template, with a {s} subdomain as a wildcard (https://*.tile.example.org).</summary>
    private static string Origin(string template)
    {
        var start = template.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = template.IndexOf('/', start);
        var host = end < 0 ? template[start..] : template[start..end];
        return template[..start] + host.Replace("{s}", "*", StringComparison.Ordinal);
    }
}
