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
