using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Aduan.Tests.Scorecards;

/// <summary>Apps of their own for the scorecard tests, with a clock the tests move: their counts must be exact.</summary>
public sealed class ScorecardSqliteApp : SqliteApp, IFakeClockApp
{
    public FakeTimeProvider Clock { get; } = new(FakeClock.Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FakeClock.Use(builder, Clock);
    }
}

public sealed class ScorecardPostgresApp : PostgresApp, IFakeClockApp
{
    public FakeTimeProvider Clock { get; } = new(FakeClock.Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FakeClock.Use(builder, Clock);
    }
}

[CollectionDefinition(Name)]
public sealed class ScorecardSqliteCollection : ICollectionFixture<ScorecardSqliteApp>
{
    public const string Name = "SQLite, scorecards";
}

[CollectionDefinition(Name)]
public sealed class ScorecardPostgresCollection : ICollectionFixture<ScorecardPostgresApp>
{
    public const string Name = "PostgreSQL, scorecards";
}
