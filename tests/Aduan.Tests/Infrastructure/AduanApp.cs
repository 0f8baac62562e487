using Aduan.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aduan.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP (WebApplicationFactory) on a real database of its own: a fresh SQLite
/// file, or a fresh database on the PostgreSQL server that scripts/test.sh starts
/// (connection string in ADUAN_TEST_POSTGRES). The dki-jakarta pack is loaded on start.
/// </summary>
public abstract class AduanApp : WebApplicationFactory<Program>
{
    public const long MaxPhotoBytes = 256 * 1024;

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "aduan-tests", Guid.NewGuid().ToString("N"));

    protected abstract DatabaseProvider Provider { get; }

    protected abstract string? ConnectionString { get; }

    public string DataFolder => _dataFolder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Aduan:DataFolder", _dataFolder);
        builder.UseSetting("Aduan:Database", Provider.ToString());
        builder.UseSetting("Aduan:ConnectionString", ConnectionString);
        builder.UseSetting("Aduan:PacksFolder", Repo.Packs);
        builder.UseSetting("Aduan:Pack", "dki-jakarta");
        builder.UseSetting("Aduan:MaxPhotoBytes", MaxPhotoBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // All test clients share one address; the limits have tests of their own (RateLimitTests).
        builder.UseSetting("Aduan:RateLimits:SubmitPerMinute", "100000");
        builder.UseSetting("Aduan:RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Aduan:RateLimits:CitizenCodePerMinute", "100000");
        builder.UseSetting("Aduan:RateLimits:LookupPerMinute", "100000");
        builder.UseSetting("Aduan:RateLimits:SurveyPerMinute", "100000");
        builder.UseSetting("Aduan:RateLimits:AlertsPerMinute", "100000");
        builder.UseSetting("Aduan:ReportsPerContactPerHour", "10000");
        // Tests run triage rounds themselves (TriageWorker.RunOnceAsync), so nothing races them.
        builder.UseSetting("Aduan:BackgroundTriage", "false");
        builder.UseSetting("Aduan:BackgroundFollowUp", "false"); // tests run FollowUpJob.RunOnceAsync themselves
        builder.UseSetting("Aduan:BackgroundEscalation", "false"); // and EscalationJob.RunOnceAsync
        builder.UseSetting("Aduan:BackgroundDelivery", "false"); // tests run OutboxDelivery.RunOnceAsync themselves
        builder.UseSetting("Aduan:BackgroundRollups", "false"); // tests run RefreshRollupsJob.RunOnceAsync themselves
        builder.UseSetting("Aduan:BackgroundAlerts", "false"); // and SendAlertsJob.RunOnceAsync
        builder.UseSetting("Aduan:TrainOnFirstStart", "false"); // TriageFlowTests trains explicitly
        // Sessions are re-checked on every request (the app does it every minute), so tests can
        // see a disabled account or a changed role take effect at once.
        builder.ConfigureTestServices(services =>
            services.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
    }

    /// <summary>Runs work against the app's own database.</summary>
    public async Task<T> WithDbAsync<T>(Func<AduanDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AduanDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataFolder))
            Directory.Delete(_dataFolder, recursive: true);
    }
}

public class SqliteApp : AduanApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string? ConnectionString => null;
}

public class PostgresApp : AduanApp
{
    private readonly Lazy<string> _connection = new(CreateDatabase);

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string? ConnectionString => _connection.Value;

    /// <summary>A fresh database per test run on the throwaway server, so runs never see each other's rows.</summary>
    internal static string CreateDatabase()
    {
        var server = Environment.GetEnvironmentVariable("ADUAN_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                "ADUAN_TEST_POSTGRES is not set. Run the tests with scripts/test.sh, which starts a throwaway PostgreSQL server and sets it.");
        }
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
public sealed class SqliteCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "PostgreSQL";
}
