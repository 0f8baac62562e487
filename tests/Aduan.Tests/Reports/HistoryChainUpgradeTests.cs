using Aduan.Data;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Reports;

/// <summary>
/// A database from before the history chain: the app's migration path (PrepareDatabase) numbers
/// and seals its timelines so they verify like new ones.
/// </summary>
public sealed class HistoryChainUpgradeTests
{
    private const string Code = "ABCDE23456";
    private static readonly Guid ReportId = Guid.Parse("0193a3c4-0000-7000-8000-0000000000a1");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_timeline_written_before_the_chain_is_sealed_by_the_upgrade_and_verifies(DatabaseProvider provider)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "aduan-tests", Guid.NewGuid().ToString("N"));
        var connection = provider == DatabaseProvider.Postgres ? PostgresApp.CreateDatabase() : null;
        var services = new ServiceCollection().AddLogging().AddAduan(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aduan:DataFolder"] = dataFolder,
            ["Aduan:PacksFolder"] = Repo.Packs,
            ["Aduan:Database"] = provider.ToString(),
            ["Aduan:ConnectionString"] = connection,
        }).Build()).BuildServiceProvider();
        try
        {
            await using (var scope = services.CreateAsyncScope())
                await WriteLegacyTimelineAsync(scope.ServiceProvider.GetRequiredService<AduanDbContext>(), provider);

            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<PrepareDatabase>().MigrateAsync(CancellationToken.None);

            await using (var scope = services.CreateAsyncScope())
            {
                var verdict = await scope.ServiceProvider.GetRequiredService<HistoryVerification>().VerifyAsync(Code, CancellationToken.None);
                Assert.NotNull(verdict);
                Assert.True(verdict.Valid, $"{verdict.Problem} at {verdict.BrokenAt}");
                Assert.Equal(3, verdict.Updates);
                Assert.NotNull(verdict.Head);
                // The two entries at the same instant keep the order they were written in.
                Assert.Equal([(1, UpdateKind.Submitted), (2, UpdateKind.Comment), (3, UpdateKind.StatusChanged)],
                    verdict.Entries.Select(e => (e.Sequence, e.Kind ?? UpdateKind.Comment)));
                Assert.False(verdict.Entries[1].IsPublic);
            }
        }
        finally
        {
            await services.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataFolder))
                Directory.Delete(dataFolder, recursive: true);
        }
    }

    /// <summary>The schema just before the chain, and one report with three updates as the app wrote them then.</summary>
    private static async Task WriteLegacyTimelineAsync(AduanDbContext db, DatabaseProvider provider)
    {
        var migrations = db.Database.GetMigrations().ToList();
        var beforeChain = migrations[migrations.FindIndex(m => m.EndsWith("_Dispatch", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(beforeChain);

        // Stored as each provider stores them: SQLite keeps uppercase GUID text and UTC ticks
        // (here with a sub-millisecond part), PostgreSQL uuid and microseconds.
        var sqlite = provider == DatabaseProvider.Sqlite;
        object id = sqlite ? ReportId.ToString().ToUpperInvariant() : ReportId;
        object Time(DateTimeOffset at) => sqlite ? at.UtcTicks : at;
        var submitted = new DateTimeOffset(2026, 11, 20, 3, 4, 5, 123, TimeSpan.Zero).AddTicks(4567);
        var verified = submitted.AddHours(2);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO reports ("Id","Code","Status","CategorySource","AreaSource","Flags","Description","Channel","Visibility","ReceivedAt","LastChangedAt","Version")
            VALUES ({id}, {Code}, 'Verified', 'None', 'None', 0, 'Jalan berlubang besar di depan halte', 'Web', 'Public', {Time(submitted)}, {Time(verified)}, 3)
            """);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO report_updates ("ReportId","At","Actor","Kind","FromStatus","ToStatus","Text","IsPublic")
            VALUES ({id}, {Time(submitted)}, 'pelapor', 'Submitted', NULL, 'Received', NULL, {true})
            """);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO report_updates ("ReportId","At","Actor","Kind","FromStatus","ToStatus","Text","IsPublic")
            VALUES ({id}, {Time(submitted)}, 'sistem', 'Comment', NULL, NULL, 'Catatan internal lama', {false})
            """);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO report_updates ("ReportId","At","Actor","Kind","FromStatus","ToStatus","Text","IsPublic")
            VALUES ({id}, {Time(verified)}, 'operator', 'StatusChanged', 'Received', 'Verified', 'Laporan valid', {true})
            """);
    }
}
