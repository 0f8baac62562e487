using Aduan.Data;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aduan.Tests.Packs;

public sealed class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteAduanDbContext(new DbContextOptionsBuilder<SqliteAduanDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteAduanDbContext (see docs/development.md)");
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresAduanDbContext(new DbContextOptionsBuilder<PostgresAduanDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context PostgresAduanDbContext (see docs/development.md)");
    }

    [Fact]
    public async Task A_database_from_before_triage_upgrades_with_its_reports_intact_and_filled_in()
    {
        var file = Path.Combine(Path.GetTempPath(), $"aduan-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = new SqliteAduanDbContext(new DbContextOptionsBuilder<SqliteAduanDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options))
            {
                await db.GetService<IMigrator>().MigrateAsync("20261123180423_StaffMustChangePassword");
                // The report's category and kelurahan exist, as the earlier schema required: the upgrade
                // rebuilds tables and checks foreign keys on a fresh connection (a fixture that only
                // switched them off on its own pooled connection failed whenever the pool dropped it).
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO areas ("Code","Name","Level","Kind","ParentCode","BoundaryGeoJson")
                    VALUES ('31.71.01.1001','Gambir','Village','Kelurahan',NULL,NULL);
                    INSERT INTO categories ("Code","Name","NameEn","Group","HandlerLevel","ResponseHours","ResolutionHours","WorkingHours","IsActive")
                    VALUES ('jalan-rusak','Jalan Rusak','Damaged road','Jalan','SukuDinas',6,168,1,1);
                    """);
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO reports ("Id","Code","Status","CategoryCode","Description","Latitude","Longitude","AddressText","AreaCode","AgencyCode","Channel","Visibility","CitizenId","IdempotencyKey","MergedIntoCode","ReceivedAt","LastChangedAt","Version")
                    VALUES ('0193a3c4-0000-7000-8000-000000000001','ABCDE23456','Received','jalan-rusak','Jalan berlubang',-6.1754,106.8272,NULL,'31.71.01.1001',NULL,'Web','Public',NULL,NULL,NULL,638680000000000000,638680000000000000,1);
                    """);
            }
            await using (var db = new SqliteAduanDbContext(new DbContextOptionsBuilder<SqliteAduanDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options))
            {
                await db.Database.MigrateAsync();
                var report = await db.Reports.AsNoTracking().SingleAsync();
                Assert.Equal("jalan-rusak", report.CategoryCode);
                Assert.Equal(CategorySource.Citizen, report.CategorySource);
                Assert.Equal(AreaSource.Coordinates, report.AreaSource);
                Assert.Equal(GeoCell.For(-6.1754, 106.8272), report.LocationCell);
                Assert.Null(report.TriagedAt);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
