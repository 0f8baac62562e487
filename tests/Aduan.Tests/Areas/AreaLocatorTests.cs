using System.Text.Json;
using Aduan.Areas;
using Aduan.Data;
using Aduan.Packs;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;

namespace Aduan.Tests.Areas;

public sealed class AreaLocatorTests
{
    [Theory]
    [InlineData("31.71.06.1003", "31.71.06.1005")] // Cikini | Kebon Sirih (Menteng)
    [InlineData("31.71.01.1001", "31.71.06.1005")] // Gambir | Kebon Sirih (across a kecamatan border)
    public async Task Points_30_m_either_side_of_a_kelurahan_border_fall_on_their_own_side(string first, string second)
    {
        var (inFirst, inSecond) = PointsAcrossBorder(first, second);
        using var core = new CoreServices();
        await core.RunAsync(async s =>
        {
            await s.GetRequiredService<PrepareDatabase>().MigrateAsync(CancellationToken.None);
            return await s.GetRequiredService<SeedPack>().HandleAsync("dki-jakarta", CancellationToken.None);
        });

        var a = await core.RunAsync(s => s.GetRequiredService<AreaLocator>().LocateAsync(inFirst.Y, inFirst.X, CancellationToken.None));
        var b = await core.RunAsync(s => s.GetRequiredService<AreaLocator>().LocateAsync(inSecond.Y, inSecond.X, CancellationToken.None));

        Assert.Equal(first, a?.Code);
        Assert.Equal(second, b?.Code);
    }

    [Fact]
    public async Task An_areas_subtree_is_itself_and_everything_under_it_and_nothing_else()
    {
        using var core = new CoreServices();
        await core.RunAsync(async s =>
        {
            await s.GetRequiredService<PrepareDatabase>().MigrateAsync(CancellationToken.None);
            return await s.GetRequiredService<SeedPack>().HandleAsync("dki-jakarta", CancellationToken.None);
        });
        var locator = await core.RunAsync(s => Task.FromResult(s.GetRequiredService<AreaLocator>()));
        var (kecamatan, kota, province) = (await locator.SubtreeAsync("31.71.06", default), await locator.SubtreeAsync("31.71", default), await locator.SubtreeAsync("31", default));
        var pack = await core.RunAsync(s => s.GetRequiredService<AduanDbContext>().Areas.Select(a => a.Code).ToListAsync());

        Assert.Equal(pack.Where(c => c == "31.71.06" || c.StartsWith("31.71.06.", StringComparison.Ordinal)).Order(StringComparer.Ordinal), kecamatan.Order(StringComparer.Ordinal));
        Assert.Contains("31.71.06.1003", kecamatan); // Cikini
        Assert.DoesNotContain("31.71.01.1001", kecamatan); // Gambir, the next kecamatan
        Assert.Equal(pack.Count(c => c == "31.71" || c.StartsWith("31.71.", StringComparison.Ordinal)), kota.Count);
        Assert.Equal(pack.Count, province.Count);
        Assert.Empty(await locator.SubtreeAsync("31.99", default));
    }

    // From the pack's polygons: the middle of the longest piece of the shared edge, then 30 m
    // along its normal each way; which side is which is checked against the file's polygons.
    private static (Point InFirst, Point InSecond) PointsAcrossBorder(string first, string second)
    {
        var (a, b) = (Boundary(first), Boundary(second));
        var shared = a.Boundary.Intersection(b.Boundary);
        var (p, q) = Enumerable.Range(0, shared.NumGeometries).Select(shared.GetGeometryN).OfType<LineString>()
            .SelectMany(line => line.Coordinates.Zip(line.Coordinates.Skip(1)))
            .MaxBy(pair => pair.First.Distance(pair.Second));
        Assert.True(p.Distance(q) * 111_320 > 60, "the shared edge has a segment long enough to stand on");
        var (midX, midY) = ((p.X + q.X) / 2, (p.Y + q.Y) / 2);
        var metresPerDegreeX = 111_320 * Math.Cos(midY * Math.PI / 180);
        var (dx, dy) = ((q.X - p.X) * metresPerDegreeX, (q.Y - p.Y) * 111_320);
        var length = Math.Sqrt(dx * dx + dy * dy);
        var (nx, ny) = (-dy / length * 30 / metresPerDegreeX, dx / length * 30 / 111_320);
        var one = a.Factory.CreatePoint(new Coordinate(midX + nx, midY + ny));
        var other = a.Factory.CreatePoint(new Coordinate(midX - nx, midY - ny));
        var (inFirst, inSecond) = a.Contains(one) ? (one, other) : (other, one);
        Assert.True(a.Contains(inFirst) && b.Contains(inSecond), "each point lies inside its polygon in the pack file");
        return (inFirst, inSecond);
    }

    private static Geometry Boundary(string code)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Repo.Packs, "dki-jakarta", "boundaries", "kelurahan.geojson")));
        var feature = doc.RootElement.GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("properties").GetProperty("kode").GetString() == code);
        return GeoJson.ReadGeometry(feature.GetProperty("geometry").GetRawText());
    }
}
