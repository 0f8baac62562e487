using System.Globalization;
using System.Text;
using Aduan.Areas;
using NetTopologySuite.Geometries;

namespace Aduan.Web.Pages.Staf;

/// <summary>
/// A small map drawn from the pack's own boundaries: the report's kelurahan, its neighbours and a
/// pin where the report is. Inline SVG, no tile server and no script, so it works on a closed
/// network and under the strict CSP. (A tiled map with Leaflet comes with the public portal.)
/// </summary>
public sealed class MiniMap(AreaLocator areas)
{
    private const double Width = 320;
    private const double Height = 240;

    /// <summary>The SVG markup, or null when there is nothing to draw.</summary>
    public async Task<string?> DrawAsync(double? latitude, double? longitude, string? areaCode, CancellationToken ct)
    {
        if (latitude is not { } lat || longitude is not { } lon)
            return null;
        // About 600 m around the pin, widened to the kelurahan when it is larger.
        var box = new Envelope(lon - 0.0055, lon + 0.0055, lat - 0.0045, lat + 0.0045);
        var shapes = await areas.BoundariesNearAsync(box, ct);
        var own = shapes.FirstOrDefault(s => s.Code == areaCode).Boundary;
        if (own is not null && own.EnvelopeInternal.Width < 0.03)
            box.ExpandToInclude(own.EnvelopeInternal);
        box.ExpandBy(box.Width * 0.05, box.Height * 0.05);
        var scale = Math.Min(Width / box.Width, Height / (box.Height * 1.0));
        double X(double x) => (x - box.MinX) * scale;
        double Y(double y) => (box.MaxY - y) * scale;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"minimap\" viewBox=\"0 0 {X(box.MaxX):0} {Y(box.MinY):0}\" role=\"img\" aria-label=\"peta\" xmlns=\"http://www.w3.org/2000/svg\">");
        foreach (var (code, boundary) in shapes.OrderBy(s => s.Code == areaCode)) // own kelurahan last, on top
        {
            var mine = code == areaCode;
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{Path(boundary, X, Y)}\" fill=\"{(mine ? "#dbe8f7" : "#f3f5f7")}\" stroke=\"{(mine ? "#0b5cad" : "#9aa6b2")}\" stroke-width=\"{(mine ? 2 : 1)}\" fill-rule=\"evenodd\"/>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(lon):0.0}\" cy=\"{Y(lat):0.0}\" r=\"7\" fill=\"#b3261e\" stroke=\"#fff\" stroke-width=\"2\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Path(Geometry geometry, Func<double, double> x, Func<double, double> y)
    {
        var path = new StringBuilder();
        foreach (var polygon in Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).OfType<Polygon>())
        {
            foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
            {
                var first = true;
                foreach (var c in ring.Coordinates)
                {
                    path.Append(CultureInfo.InvariantCulture, $"{(first ? 'M' : 'L')}{x(c.X):0.0} {y(c.Y):0.0}");
                    first = false;
                }
                path.Append('Z');
            }
        }
        return path.ToString();
    }
}
