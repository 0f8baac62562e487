using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aduan.Areas;
using Aduan.Data;
using Aduan.Packs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Simplify;

namespace Aduan.Portal;

/// <summary>An area as the public map places it: its name, parent, a point inside it for its count, and its extent.</summary>
public sealed record AreaPlace(string Code, string Name, string Kind, AreaLevel Level, string? ParentCode, double Latitude, double Longitude, Envelope? Extent)
{
    /// <summary>"kecamatan Gambir", but a kota's or province's name as it is ("Kota Administrasi Jakarta Pusat").</summary>
    public string Title => Level <= AreaLevel.Regency ? Name : $"{Kind} {Name}";
}

/// <summary>One level's boundaries as a GeoJSON FeatureCollection, and a tag for HTTP caching.</summary>
public sealed record BoundaryFile(string Json, string ETag);

/// <summary>
/// The pack's boundaries for the public map, simplified (NetTopologySuite's topology-preserving
/// simplifier, coordinates to about a metre) once per pack and kept in memory: a kelurahan layer
/// of a whole province is a few hundred kilobytes instead of the pack's full detail. Also the
/// places where the map puts each area's count. Rebuilt after a seed.
/// </summary>
public sealed class BoundaryLayer(IServiceScopeFactory scopes) : PackCache<BoundaryLayer.Snapshot>(scopes)
{
    /// <summary>Simplification tolerance in degrees per level: about 200 m for a kota, 25 m for a kelurahan.</summary>
    private static readonly Dictionary<AreaLevel, double> Tolerance = new()
    {
        [AreaLevel.Province] = 0.003,
        [AreaLevel.Regency] = 0.002,
        [AreaLevel.District] = 0.0008,
        [AreaLevel.Village] = 0.00025,
    };

    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public async Task<BoundaryFile> FileAsync(AreaLevel level, CancellationToken ct) => (await ValueAsync(ct)).Files[level];

    public async Task<AreaPlace?> FindAsync(string? code, CancellationToken ct) =>
        code is null ? null : (await ValueAsync(ct)).Places.GetValueOrDefault(code);

    public async Task<IReadOnlyDictionary<string, AreaPlace>> PlacesAsync(CancellationToken ct) => (await ValueAsync(ct)).Places;

    /// <summary>The areas directly under this one, by name.</summary>
    public async Task<IReadOnlyList<AreaPlace>> ChildrenAsync(string code, CancellationToken ct) =>
        (await ValueAsync(ct)).Places.Values.Where(p => p.ParentCode == code).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    protected override async Task<Snapshot> LoadAsync(AduanDbContext db, CancellationToken ct)
    {
        var areas = await db.Areas.AsNoTracking().ToListAsync(ct);
        var features = Enum.GetValues<AreaLevel>().ToDictionary(l => l, _ => new FeatureCollection());
        var places = new Dictionary<string, AreaPlace>(StringComparer.Ordinal);
        var reducer = new NetTopologySuite.Precision.GeometryPrecisionReducer(new PrecisionModel(100_000)) { Pointwise = true };
        foreach (var area in areas)
        {
            Geometry? shape = null;
            if (area.BoundaryGeoJson is not null)
            {
                var full = GeoJson.ReadGeometry(area.BoundaryGeoJson);
                shape = reducer.Reduce(TopologyPreservingSimplifier.Simplify(full, Tolerance[area.Level]));
                var inside = full.InteriorPoint;
                places[area.Code] = new AreaPlace(area.Code, area.Name, area.Kind, area.Level, area.ParentCode, Round(inside.Y), Round(inside.X), full.EnvelopeInternal);
                features[area.Level].Add(new Feature(shape, new AttributesTable
                {
                    { "kode", area.Code },
                    { "nama", area.Name },
                    { "tingkat", area.Kind },
                    { "induk", area.ParentCode },
                }));
            }
            else
            {
                places[area.Code] = new AreaPlace(area.Code, area.Name, area.Kind, area.Level, area.ParentCode, double.NaN, double.NaN, null);
            }
        }
        var files = features.ToDictionary(f => f.Key, f =>
        {
            var json = JsonSerializer.Serialize(f.Value, Json);
            return new BoundaryFile(json, $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..20]}\"");
        });
        return new Snapshot(files, places);
    }

    private static double Round(double degrees) => Math.Round(degrees, 5);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(GeoJson.Factory));
        return options;
    }

    public sealed record Snapshot(IReadOnlyDictionary<AreaLevel, BoundaryFile> Files, IReadOnlyDictionary<string, AreaPlace> Places);
}
