using System.Text.Json;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace Aduan.Tests.Portal;

/// <summary>Databases of their own for the portal's tests: they assert exact counts of what they seeded.</summary>
public class PortalSqliteApp : SqliteApp;

public class PortalPostgresApp : PostgresApp;

[CollectionDefinition(Name)]
public sealed class PortalSqliteCollection : ICollectionFixture<PortalSqliteApp>
{
    public const string Name = "SQLite, portal";
}

[CollectionDefinition(Name)]
public sealed class PortalPostgresCollection : ICollectionFixture<PortalPostgresApp>
{
    public const string Name = "PostgreSQL, portal";
}

/// <summary>The privacy test's own database, so nothing else seeded can hide or add a leak.</summary>
public sealed class PrivacySqliteApp : SqliteApp;

public sealed class PrivacyPostgresApp : PostgresApp;

[CollectionDefinition(Name)]
public sealed class PrivacySqliteCollection : ICollectionFixture<PrivacySqliteApp>
{
    public const string Name = "SQLite, privacy";
}

[CollectionDefinition(Name)]
public sealed class PrivacyPostgresCollection : ICollectionFixture<PrivacyPostgresApp>
{
    public const string Name = "PostgreSQL, privacy";
}

/// <summary>Alerts need days to pass (the daily digest): a clock of their own.</summary>
public sealed class AlertsSqliteApp : SqliteApp, IFakeClockApp
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(FakeClock.Start);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FakeClock.Use(builder, Clock);
    }
}

public sealed class AlertsPostgresApp : PostgresApp, IFakeClockApp
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(FakeClock.Start);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FakeClock.Use(builder, Clock);
    }
}

[CollectionDefinition(Name)]
public sealed class AlertsSqliteCollection : ICollectionFixture<AlertsSqliteApp>
{
    public const string Name = "SQLite, alerts";
}

[CollectionDefinition(Name)]
public sealed class AlertsPostgresCollection : ICollectionFixture<AlertsPostgresApp>
{
    public const string Name = "PostgreSQL, alerts";
}

/// <summary>Reports put straight into the database at chosen times and places, and the pack's places read back over HTTP.</summary>
internal static class PortalSeed
{
    public static NewReport At(string category, double? latitude, double? longitude, string areaCode, string description,
        ReportVisibility visibility = ReportVisibility.Public) =>
        new(TrackingCode.New(), category, description, latitude, longitude, null, areaCode, Channel.Web, visibility, null, null, "pelapor", []);

    /// <summary>A point inside each kelurahan, from the public boundary layer (so the test also reads it as a client would).</summary>
    public static async Task<Dictionary<string, (double Latitude, double Longitude)>> InsidePointsAsync(HttpClient client)
    {
        var collection = await BoundariesAsync(client, "kelurahan");
        return collection.ToDictionary(f => (string)f.Attributes["kode"], f => (f.Geometry.InteriorPoint.Y, f.Geometry.InteriorPoint.X));
    }

    public static async Task<FeatureCollection> BoundariesAsync(HttpClient client, string level)
    {
        var response = await client.GetAsync($"/api/public/boundaries/{level}");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        return ReadGeoJson<FeatureCollection>(await response.Content.ReadAsStringAsync());
    }

    private static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    public static T ReadGeoJson<T>(string json) => JsonSerializer.Deserialize<T>(json, GeoJsonOptions)!;

    public static async Task SaveAsync(AduanApp app, IEnumerable<Report> reports) =>
        await app.WithDbAsync(async db =>
        {
            db.Reports.AddRange(reports);
            return await db.SaveChangesAsync();
        });
}
