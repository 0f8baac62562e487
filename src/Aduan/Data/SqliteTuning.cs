using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Aduan.Data;

/// <summary>
/// Per-connection settings for SQLite. <c>synchronous</c> and <c>busy_timeout</c> belong to the
/// connection, not the file, so they are set each time one is opened (journal_mode=WAL is set
/// once, by the migration step, and stays with the file).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    // NORMAL is durable with WAL except for the last commits before a power cut, never corrupt.
    // busy_timeout lets SQLite wait in short steps for a lock held by another process (the CLI,
    // a second server) instead of failing or sleeping in long steps.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// SQLite has one writer at a time per file. Letting concurrent requests race for the write lock
/// makes the losers retry with sleeps, which shows as long tail latencies under load. This lets
/// the writers of this process queue up in memory instead, one <c>SaveChanges</c> at a time.
/// Saves inside an explicit transaction (pack seeding) are left alone: the transaction already
/// holds the lock, and they are rare.
/// </summary>
public sealed class SqliteWriteGate : SaveChangesInterceptor, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConditionalWeakTable<DbContext, object> _holders = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (ShouldGate(eventData.Context))
        {
            _gate.Wait();
            _holders.AddOrUpdate(eventData.Context!, this);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (ShouldGate(eventData.Context))
        {
            await _gate.WaitAsync(cancellationToken);
            _holders.AddOrUpdate(eventData.Context!, this);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    // A lost optimistic-concurrency race (the report's version changed) ends the save through this
    // hook, not SaveChangesFailed: without it the gate stayed held and every later save waited forever.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void Dispose() => _gate.Dispose();

    private static bool ShouldGate(DbContext? context) => context is not null && context.Database.CurrentTransaction is null;

    private void Release(DbContext? context)
    {
        if (context is not null && _holders.Remove(context))
            _gate.Release();
    }
}
