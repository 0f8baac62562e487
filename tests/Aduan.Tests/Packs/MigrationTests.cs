using Aduan.Data;
using Microsoft.EntityFrameworkCore;

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
}
