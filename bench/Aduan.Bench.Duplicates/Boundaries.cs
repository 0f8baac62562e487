using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Aduan.Bench.Duplicates;

/// <summary>Reads the kelurahan boundaries stored on the areas (GeoJSON geometry text, WGS84).</summary>
internal static class Boundaries
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

    public static Geometry Read(string geoJson) =>
        JsonSerializer.Deserialize<Geometry>(geoJson, Options) ?? throw new JsonException("empty geometry");
}
