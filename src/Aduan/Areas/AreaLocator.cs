using System.Globalization;
using System.Text;
using Aduan.Data;
using Aduan.Packs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Aduan.Areas;

/// <summary>
/// Finds the area of a point (kelurahan by point-in-polygon over the pack's boundaries, with an
/// in-memory STR-tree) or of an address text (area names found in the text). Loaded once from
/// the database; <see cref="Reload"/> after a pack is seeded.
/// </summary>
public sealed class AreaLocator(IServiceScopeFactory scopes) : IPackCache, IDisposable
{
    private volatile Snapshot? _snapshot;
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>Raised by <see cref="Reload"/>, so that what is built from the areas (the gazetteer) is rebuilt too.</summary>
    public event Action? Reloaded;

    public void Reload()
    {
        _snapshot = null;
        Reloaded?.Invoke();
    }

    public void Dispose() => _loading.Dispose();

    /// <summary>The lowest area with a boundary that contains the point, or null when outside the territory.</summary>
    public async Task<Area?> LocateAsync(double latitude, double longitude, CancellationToken ct)
    {
        var snapshot = await GetAsync(ct);
        var point = GeoJson.Factory.CreatePoint(new Coordinate(longitude, latitude));
        return snapshot.Tree.Query(point.EnvelopeInternal)
            .Where(candidate => candidate.Boundary.Covers(point))
            .OrderByDescending(candidate => candidate.Area.Level)
            .Select(candidate => candidate.Area)
            .FirstOrDefault();
    }

    /// <summary>The most specific area whose name appears in the text as whole words, or null.</summary>
    public async Task<Area?> FindInTextAsync(string text, CancellationToken ct)
    {
        var snapshot = await GetAsync(ct);
        var normalized = $" {Normalize(text)} ";
        return snapshot.ByName
            .Where(entry => normalized.Contains($" {entry.Key} ", StringComparison.Ordinal))
            .SelectMany(entry => entry.Value)
            .OrderByDescending(area => area.Level)
            .ThenByDescending(area => area.Name.Length)
            .FirstOrDefault();
    }

    /// <summary>The area and its ancestors, lowest first.</summary>
    public async Task<IReadOnlyList<Area>> LineageAsync(string? code, CancellationToken ct)
    {
        var snapshot = await GetAsync(ct);
        var lineage = new List<Area>();
        while (code is not null && snapshot.ByCode.TryGetValue(code, out var area))
        {
            lineage.Add(area);
            code = area.ParentCode;
        }
        return lineage;
    }

    /// <summary>
    /// The area and every area under it, at any depth (empty for a code the pack does not know):
    /// a filter by area becomes equality on these codes, which an index on the code can seek,
    /// where "the code starts with ..." would read every report of the period.
    /// </summary>
    public async Task<IReadOnlySet<string>> SubtreeAsync(string code, CancellationToken ct) =>
        CodeTree.Subtree(code, (await GetAsync(ct)).ByCode.Values.Select(a => (a.Code, a.ParentCode)));

    internal static string Normalize(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        if (_snapshot is { } ready)
            return ready;
        await _loading.WaitAsync(ct);
        try
        {
            if (_snapshot is { } loaded)
                return loaded;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            var areas = await db.Areas.AsNoTracking().ToListAsync(ct);
            _snapshot = Build(areas);
            return _snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The kelurahan boundaries that touch a box (for a small map around a report), with their codes.</summary>
    public async Task<IReadOnlyList<(string Code, Geometry Boundary)>> BoundariesNearAsync(Envelope box, CancellationToken ct)
    {
        var snapshot = await GetAsync(ct);
        return snapshot.Tree.Query(box).Where(l => l.Area.Level == AreaLevel.Village)
            .Select(l => (l.Area.Code, l.Boundary.Geometry)).ToList();
    }

    private static Snapshot Build(List<Area> areas)
    {
        var tree = new STRtree<Located>();
        foreach (var area in areas.Where(a => a.BoundaryGeoJson is not null))
        {
            var geometry = GeoJson.ReadGeometry(area.BoundaryGeoJson!);
            tree.Insert(geometry.EnvelopeInternal, new Located(area, PreparedGeometryFactory.Prepare(geometry)));
            area.BoundaryGeoJson = null; // the prepared geometry is all we need in memory
        }
        tree.Build();
        var byName = areas
            .Where(a => a.Level >= AreaLevel.Regency)
            .GroupBy(a => Normalize(a.Name))
            .ToDictionary(g => g.Key, g => g.ToArray());
        return new Snapshot(tree, byName, areas.ToDictionary(a => a.Code));
    }

    private sealed record Located(Area Area, IPreparedGeometry Boundary);

    private sealed record Snapshot(STRtree<Located> Tree, Dictionary<string, Area[]> ByName, Dictionary<string, Area> ByCode);
}
