using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Aduan.Tests.Infrastructure;

/// <summary>
/// The real app with the background follow-up job off, so the dispatch tests run its rounds
/// themselves (<c>FollowUpJob.RunOnceAsync</c>) and nothing closes or reminds behind their back.
/// AduanApp does not switch it off yet; once it does, these can become SqliteApp and PostgresApp.
/// </summary>
public class FollowUpOffSqliteApp : AduanApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string? ConnectionString => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Aduan:BackgroundFollowUp", "false");
    }
}

public class FollowUpOffPostgresApp : AduanApp
{
    private readonly Lazy<string> _connection = new(CreateDatabase);

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string? ConnectionString => _connection.Value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Aduan:BackgroundFollowUp", "false");
    }

    private static string CreateDatabase()
    {
        var server = Environment.GetEnvironmentVariable("ADUAN_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException("ADUAN_TEST_POSTGRES is not set. Run the tests with scripts/test.sh, which starts a throwaway PostgreSQL server and sets it.");
        var name = "aduan_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}

[CollectionDefinition(Name)]
public sealed class FollowUpOffSqliteCollection : ICollectionFixture<FollowUpOffSqliteApp>
{
    public const string Name = "SQLite, follow-up job off";
}

[CollectionDefinition(Name)]
public sealed class FollowUpOffPostgresCollection : ICollectionFixture<FollowUpOffPostgresApp>
{
    public const string Name = "PostgreSQL, follow-up job off";
}

/// <summary>An app of its own for tests that may leave it unusable (a write lock never released), so no other test shares its fate.</summary>
public sealed class LoneSqliteApp : FollowUpOffSqliteApp;

public sealed class LonePostgresApp : FollowUpOffPostgresApp;

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
