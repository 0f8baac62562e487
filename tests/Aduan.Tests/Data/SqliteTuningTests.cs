using System.Net;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Tests.Data;

/// <summary>The SQLite settings the server relies on under load.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteTuningTests(SqliteApp app)
{
    [Fact]
    public async Task Every_connection_the_app_opens_uses_WAL_with_normal_sync_and_waits_for_locks()
    {
        var (journal, synchronous, busyTimeout) = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                return (await Pragma(db, "journal_mode"), await Pragma(db, "synchronous"), await Pragma(db, "busy_timeout"));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Equal("wal", journal);
        Assert.Equal("1", synchronous); // NORMAL
        Assert.Equal("10000", busyTimeout);
    }

    [Fact]
    public async Task Many_reports_sent_at_once_are_all_stored_without_lock_errors()
    {
        var client = app.CreateClient();
        var marker = Guid.NewGuid().ToString("N");
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            client.PostReportAsync(Samples.Report($"Sampah menumpuk di pinggir kali, sudah berbau busuk ({marker} #{i})."))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(40, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.Description.Contains(marker))));
    }

    private static async Task<string> Pragma(Aduan.Data.AduanDbContext db, string name)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        await using (command)
        {
            command.CommandText = $"PRAGMA {name}";
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
    }
}
