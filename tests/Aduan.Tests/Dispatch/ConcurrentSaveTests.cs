using Aduan.Data;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Dispatch;

/// <summary>
/// A true race at the database: two units of work load the same version of a report and both
/// save. Report.Version is the concurrency token, so the second save must fail, and the app must
/// keep saving afterwards. Runs on an app of its own: on SQLite a lost race used to leave the
/// write gate held, and every later save in the process waited forever.
/// </summary>
public abstract class ConcurrentSaveTests(AduanApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly DispatchDesk _desk = new(app);

    [Fact]
    public async Task Two_saves_of_the_same_version_cannot_both_win_and_the_loser_does_not_block_later_saves()
    {
        var code = (await _desk.DispatchedAsync()).Replace("-", "");
        using var scopeA = app.Services.CreateScope();
        using var scopeB = app.Services.CreateScope();
        var (dbA, dbB) = (scopeA.ServiceProvider.GetRequiredService<AduanDbContext>(), scopeB.ServiceProvider.GetRequiredService<AduanDbContext>());
        var a = await dbA.Reports.SingleAsync(r => r.Code == code);
        var b = await dbB.Reports.SingleAsync(r => r.Code == code);
        a.Comment(DateTimeOffset.UtcNow, "petugas-a", "catatan A", isPublic: false);
        b.Comment(DateTimeOffset.UtcNow, "petugas-b", "catatan B", isPublic: false);

        await dbA.SaveChangesAsync().WaitAsync(Patience);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync().WaitAsync(Patience));

        using (var scopeC = app.Services.CreateScope())
        {
            var dbC = scopeC.ServiceProvider.GetRequiredService<AduanDbContext>();
            var c = await dbC.Reports.SingleAsync(r => r.Code == code);
            c.Comment(DateTimeOffset.UtcNow, "petugas-c", "catatan C", isPublic: false);
            await dbC.SaveChangesAsync().WaitAsync(Patience); // a TimeoutException here means the lost race left a lock held
        }
        var stored = await _desk.LoadAsync(code);
        Assert.Contains(stored.Updates, u => u.Text == "catatan A");
        Assert.DoesNotContain(stored.Updates, u => u.Text == "catatan B");
        Assert.Contains(stored.Updates, u => u.Text == "catatan C");
        Assert.Equal(stored.Updates.Count, stored.Version);
    }
}

[Collection(LoneSqliteCollection.Name)]
public sealed class ConcurrentSaveOnSqlite(LoneSqliteApp app) : ConcurrentSaveTests(app);

[Collection(LonePostgresCollection.Name)]
public sealed class ConcurrentSaveOnPostgres(LonePostgresApp app) : ConcurrentSaveTests(app);
