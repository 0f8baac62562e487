namespace Aduan.Tests.Infrastructure;

/// <summary>
/// Databases of their own for the dispatch tests: their dispatches and hand-backs would change
/// the exact counts other collections assert on the shared ones.
/// </summary>
public class DispatchSqliteApp : SqliteApp;

public class DispatchPostgresApp : PostgresApp;

[CollectionDefinition(Name)]
public sealed class DispatchSqliteCollection : ICollectionFixture<DispatchSqliteApp>
{
    public const string Name = "SQLite, dispatch";
}

[CollectionDefinition(Name)]
public sealed class DispatchPostgresCollection : ICollectionFixture<DispatchPostgresApp>
{
    public const string Name = "PostgreSQL, dispatch";
}

/// <summary>An app of its own for a test that could leave it unusable (a write lock never released), so no other test shares its fate.</summary>
public sealed class LoneSqliteApp : SqliteApp;

public sealed class LonePostgresApp : PostgresApp;

[CollectionDefinition(Name)]
public sealed class LoneSqliteCollection : ICollectionFixture<LoneSqliteApp>
{
    public const string Name = "SQLite, an app of its own";
}

[CollectionDefinition(Name)]
public sealed class LonePostgresCollection : ICollectionFixture<LonePostgresApp>
{
    public const string Name = "PostgreSQL, an app of its own";
}

/// <summary>An app whose clock the test moves (Microsoft's FakeTimeProvider), for deadlines and escalation.</summary>
public interface IFakeClockApp
{
    Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; }
}

public sealed class FakeClockSqliteApp : SqliteApp, IFakeClockApp
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(FakeClock.Start);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FakeClock.Use(builder, Clock);
    }
}

public sealed class FakeClockPostgresApp : PostgresApp, IFakeClockApp
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(FakeClock.Start);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FakeClock.Use(builder, Clock);
    }
}

internal static class FakeClock
{
    /// <summary>Monday 30 November 2026, 08:00 WIB.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    public static void Use(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder, TimeProvider clock) =>
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, clock));
}

[CollectionDefinition(Name)]
public sealed class FakeClockSqliteCollection : ICollectionFixture<FakeClockSqliteApp>
{
    public const string Name = "SQLite, a clock of its own";
}

[CollectionDefinition(Name)]
public sealed class FakeClockPostgresCollection : ICollectionFixture<FakeClockPostgresApp>
{
    public const string Name = "PostgreSQL, a clock of its own";
}
