using Aduan.Triage;

namespace Aduan.Tests.Triage;

/// <summary>The grid the duplicate search reads through: every point within the radius must be in one of the cells.</summary>
public sealed class GeoCellTests
{
    private const double EarthRadius = 6_371_000;

    [Fact]
    public void Around_covers_every_point_within_the_radius_at_random_places_and_distances()
    {
        var random = new Random(20261123);
        var misses = new List<string>();
        for (var i = 0; i < 50_000 && misses.Count < 5; i++)
        {
            // Mostly Indonesia, some anywhere between 60°S and 60°N; distances up to exactly the radius.
            var latitude = i % 4 == 0 ? (random.NextDouble() * 120) - 60 : (random.NextDouble() * 17.5) - 11;
            var longitude = i % 4 == 0 ? (random.NextDouble() * 340) - 170 : 95 + (random.NextDouble() * 46);
            var radius = i % 10 == 0 ? 222.4 * random.Next(1, 4) : 1 + (random.NextDouble() * 1500);
            var distance = i % 3 == 0 ? radius * 0.999999 : radius * Math.Sqrt(random.NextDouble());
            var (lat, lon) = Destination(latitude, longitude, random.NextDouble() * 360, distance);

            Assert.True(GeoCell.DistanceMeters(latitude, longitude, lat, lon) <= radius + 1e-6);
            if (!GeoCell.Around(latitude, longitude, radius).Contains(GeoCell.For(lat, lon)))
                misses.Add($"({latitude}, {longitude}) r={radius:0.0} m: ({lat}, {lon}) at {distance:0.0} m");
        }

        Assert.Empty(misses);
    }

    [Fact]
    public void Around_covers_points_at_the_radius_straight_north_south_east_and_west_of_a_cell_corner()
    {
        // Just inside a corner of a cell, where the circle reaches furthest into the neighbours.
        var latitude = -6.2 + (GeoCell.Size * 0.999);
        var longitude = 106.8 + (GeoCell.Size * 0.999);
        foreach (var radius in new[] { 30.0, 50, 222.39, 222.5, 300, 445 })
        {
            var cells = GeoCell.Around(latitude, longitude, radius);
            foreach (var bearing in new[] { 0.0, 90, 180, 270, 45, 135, 225, 315 })
            {
                var (lat, lon) = Destination(latitude, longitude, bearing, radius * 0.9999999);
                Assert.Contains(GeoCell.For(lat, lon), cells);
            }
        }
    }

    [Theory]
    [InlineData(50, 4)]
    [InlineData(100, 4)]
    [InlineData(300, 16)]
    public void Around_a_point_in_jakarta_is_only_the_cells_the_circle_can_reach(double radius, int atMost)
    {
        var cells = GeoCell.Around(-6.1754, 106.8272, radius);

        Assert.InRange(cells.Count, 1, atMost);
        Assert.Contains(GeoCell.For(-6.1754, 106.8272), cells);
        Assert.Equal(cells.Count, cells.Distinct().Count());
    }

    [Fact]
    public void Distance_is_the_great_circle_distance_in_metres()
    {
        Assert.Equal(111_195, GeoCell.DistanceMeters(-6, 106.8, -5, 106.8), 0);
        Assert.Equal(0, GeoCell.DistanceMeters(-6.2, 106.8, -6.2, 106.8));
        // Monas to Bundaran HI is about 2.2 km.
        Assert.InRange(GeoCell.DistanceMeters(-6.1754, 106.8272, -6.1950, 106.8230), 2_150, 2_300);
    }

    [Fact]
    public void Points_a_few_metres_apart_inside_one_cell_share_it_and_cells_differ_across_a_row_edge()
    {
        Assert.Equal(GeoCell.For(-6.2011, 106.8011), GeoCell.For(-6.20112, 106.80112));
        Assert.NotEqual(GeoCell.For(-6.2 + 1e-7, 106.801), GeoCell.For(-6.2 - 1e-7, 106.801));
    }

    /// <summary>The point <paramref name="meters"/> from a start on a bearing, on the sphere DistanceMeters uses.</summary>
    private static (double Latitude, double Longitude) Destination(double latitude, double longitude, double bearingDegrees, double meters)
    {
        var lat1 = latitude * Math.PI / 180;
        var lon1 = longitude * Math.PI / 180;
        var bearing = bearingDegrees * Math.PI / 180;
        var angle = meters / EarthRadius;
        var lat2 = Math.Asin((Math.Sin(lat1) * Math.Cos(angle)) + (Math.Cos(lat1) * Math.Sin(angle) * Math.Cos(bearing)));
        var lon2 = lon1 + Math.Atan2(Math.Sin(bearing) * Math.Sin(angle) * Math.Cos(lat1), Math.Cos(angle) - (Math.Sin(lat1) * Math.Sin(lat2)));
        return (lat2 * 180 / Math.PI, lon2 * 180 / Math.PI);
    }
}
