using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Aduan.Areas;

/// <summary>Reads the GeoJSON geometry text stored on <see cref="Area.BoundaryGeoJson"/>.</summary>
internal static class GeoJson
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static GeometryFactory Factory => Wgs84;

    public static Geometry ReadGeometry(string geoJson) =>
        JsonSerializer.Deserialize<Geometry>(geoJson, Options) ?? throw new JsonException("empty geometry");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(Wgs84));
        return options;
    }
}
