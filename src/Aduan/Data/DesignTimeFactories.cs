using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Aduan.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAduanDbContext>
{
    public SqliteAduanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAduanDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAduanDbContext>
{
    public PostgresAduanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAduanDbContext>().UseNpgsql("Host=localhost;Database=aduan_design").Options);
}
