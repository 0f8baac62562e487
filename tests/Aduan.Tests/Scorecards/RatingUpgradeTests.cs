using Aduan.Data;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Scorecards;

/// <summary>
/// A database from before scorecards: the upgrade moves each rating from the report into
/// report_ratings (with the citizen's comment and the time of their answer) and marks the finished
/// parts' evidence and reopens from the timeline.
/// </summary>
public sealed class RatingUpgradeTests
{
    private static readonly Guid ReportId = Guid.Parse("0193a3c4-0000-7000-8000-0000000000b1");
    private static readonly DateTimeOffset Dispatched = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Ratings_move_to_their_own_table_and_parts_get_their_evidence_and_reopen_marks(DatabaseProvider provider)
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
                await WriteBeforeScorecardsAsync(scope.ServiceProvider.GetRequiredService<AduanDbContext>(), provider == DatabaseProvider.Sqlite);

            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<AduanDbContext>().Database.MigrateAsync();

            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
                var report = await db.Reports.AsNoTracking().Include(r => r.Rating).Include(r => r.Assignments).SingleAsync(r => r.Id == ReportId);
                Assert.Equal(4, report.CitizenRating);
                Assert.Equal(("sudin-uji", "Sudah rapi, terima kasih", Dispatched.AddHours(30)), (report.Rating!.AgencyCode, report.Rating.Comment, report.Rating.At));
                var parts = report.Assignments.OrderBy(a => a.DispatchedAt).ToList();
                Assert.Equal((false, Dispatched.AddHours(20)), (parts[0].Evidenced, parts[0].ReopenedAt)); // resolved without a photo, then reopened
                Assert.Equal((true, (DateTimeOffset?)null), (parts[1].Evidenced, parts[1].ReopenedAt)); // the photo came with the second resolution
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

    /// <summary>
    /// The schema just before scorecards, and one report as the app wrote it then: resolved, reopened,
    /// resolved again with an evidence photo, confirmed with 4/5 and a comment.
    /// </summary>
    private static async Task WriteBeforeScorecardsAsync(AduanDbContext db, bool sqlite)
    {
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_Scorecards", StringComparison.Ordinal)) - 1]);
        object Id(Guid id) => sqlite ? id.ToString().ToUpperInvariant() : id;
        object At(double hours) => sqlite ? Dispatched.AddHours(hours).UtcTicks : Dispatched.AddHours(hours);
        var (no, yes) = sqlite ? ((object)0, (object)1) : (false, true);

        await db.Database.ExecuteSqlRawAsync("""INSERT INTO agencies ("Code", "Name", "Kind", "AreaCode") VALUES ('sudin-uji', 'Suku Dinas Uji', 'SukuDinas', '31.71')""");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO reports ("Id", "Code", "Status", "Description", "AgencyCode", "Channel", "Visibility", "ReceivedAt", "LastChangedAt", "Version",
                "CategorySource", "AreaSource", "Flags", "Priority", "ClockPriority", "ClockRound", "ResponseLate", "ResolutionLate", "CitizenRating")
            VALUES ({0}, 'ABCDE23457', 'Closed', 'Jalan berlubang', 'sudin-uji', 'Web', 'Public', {1}, {2}, 6, 'Citizen', 'Coordinates', 0, 'Normal', 'Normal', 1, {3}, {3}, 4)
            """, Id(ReportId), At(0), At(30), no);
        foreach (var (id, dispatched, finished) in new[] { (1L, 0.0, 10.0), (2L, 20.0, 25.0) })
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO report_assignments ("Id", "ReportId", "AgencyCode", "Role", "Status", "DispatchedAt", "DispatchedBy", "FinishedAt", "ResponseLate", "ResolutionLate")
                VALUES ({0}, {1}, 'sudin-uji', 'Lead', 'Done', {2}, 'operator', {3}, {4}, {4})
                """, id, Id(ReportId), At(dispatched), At(finished), no);
        }
        (int Sequence, double At, string Kind, string? To, string? Text, object IsPublic)[] updates =
        [
            (1, 10, "StatusChanged", "Resolved", "Sudah ditambal.", yes),
            (2, 20, "StatusChanged", "Reopened", "Masih berlubang.", yes),
            (3, 24, "PhotosAdded", null, "foto bukti penyelesaian", yes),
            (4, 25, "StatusChanged", "Resolved", "Ditambal ulang.", yes),
            (5, 30, "CitizenFeedback", null, "penilaian 4/5: Sudah rapi, terima kasih", yes),
            (6, 30, "StatusChanged", "Closed", null, yes),
        ];
        foreach (var u in updates)
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO report_updates ("ReportId", "Sequence", "At", "Actor", "Kind", "ToStatus", "Text", "IsPublic") VALUES ({0}, {1}, {2}, 'uji', {3}, {4}, {5}, {6})
                """, Id(ReportId), u.Sequence, At(u.At), u.Kind, u.To!, u.Text!, u.IsPublic);
        }
    }
}
