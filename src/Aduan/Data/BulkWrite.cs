using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aduan.Data;

/// <summary>
/// Multi-row INSERT and UPDATE statements built from the EF model (table and column names, value
/// conversions, parameter types), run on the context's connection inside its current transaction.
/// For jobs that write thousands of rows at once (the escalation sweep): change tracking and one
/// statement per row cost far more than the database's own work there. Plain SQL that SQLite and
/// PostgreSQL both accept; nothing is tracked and no entity is changed.
/// </summary>
internal static class BulkWrite
{
    /// <summary>
    /// Parameters per statement. SQLite allows 32,766, but finds each named parameter by a linear
    /// search, so binding costs grow with the square of their number: 15,000 made a 1,000-row update
    /// take seconds. A thousand keeps that small and the statements few.
    /// </summary>
    private static readonly int MaxParameters = int.TryParse(Environment.GetEnvironmentVariable("TMP_MAXP"), out var v) ? v : 1000;

    /// <summary>Inserts the rows, every mapped column except a generated key (the ids are not read back).</summary>
    public static async Task InsertAsync<T>(AduanDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
            return;
        var entity = Entity<T>(db);
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {Table(sql, entity)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName())))}) VALUES ";
        foreach (var chunk in rows.Chunk(MaxParameters / columns.Count))
        {
            await using var command = Command(db);
            var text = new StringBuilder(head);
            for (var i = 0; i < chunk.Length; i++)
                text.Append(i == 0 ? "" : ", ").Append(Values(command, sql, columns, chunk[i]));
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Sets the named properties of each row, found by its key, only where the row's concurrency
    /// token in the database still has the value given with it; returns how many rows were changed
    /// (fewer than given when another writer came first).
    /// </summary>
    public static async Task<int> UpdateAsync<T>(AduanDbContext db, IReadOnlyList<(T Row, object Token)> rows, IReadOnlyList<string> properties, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
            return 0;
        var entity = Entity<T>(db);
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var token = entity.GetProperties().Single(p => p.IsConcurrencyToken);
        var set = properties.Select(name => entity.FindProperty(name) ?? throw new ArgumentException($"{typeof(T).Name} has no mapped property {name}.", nameof(properties))).ToList();
        List<IProperty> columns = [key, .. set];
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName());
        // The new values as a table v (key, expected token, values), joined to the rows by key: one statement for many rows.
        var names = string.Join(", ", columns.Select(Column).Append(sql.DelimitIdentifier("expected_token")));
        var assignments = string.Join(", ", set.Select(p => $"{Column(p)} = v.{Column(p)}"));
        var changed = 0;
        foreach (var chunk in rows.Chunk(MaxParameters / (columns.Count + 1)))
        {
            await using var command = Command(db);
            var text = new StringBuilder($"WITH v ({names}) AS (VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var values = Values(command, sql, columns, chunk[i].Row);
                text.Append(i == 0 ? "" : ", ").Append(values[..^1]).Append(", ").Append(Parameter(command, sql, token, chunk[i].Token)).Append(')');
            }
            text.Append($") UPDATE {Table(sql, entity)} SET {assignments} FROM v WHERE {Table(sql, entity)}.{Column(key)} = v.{Column(key)}")
                .Append($" AND {Table(sql, entity)}.{Column(token)} = v.{sql.DelimitIdentifier("expected_token")}");
            command.CommandText = text.ToString();
            changed += await command.ExecuteNonQueryAsync(ct);
        }
        return changed;
    }

    private static IEntityType Entity<T>(AduanDbContext db) =>
        db.Model.FindEntityType(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not in the model.", nameof(T));

    private static string Table(ISqlGenerationHelper sql, IEntityType entity) => sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());

    private static DbCommand Command(AduanDbContext db)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes belong inside the caller's transaction.");
        return command;
    }

    private static string Values<T>(DbCommand command, ISqlGenerationHelper sql, List<IProperty> columns, T row)
        where T : class =>
        "(" + string.Join(", ", columns.Select(c => Parameter(command, sql, c, c.GetGetter().GetClrValueUsingContainingEntity(row)))) + ")";

    /// <summary>A parameter as EF would make it for this column: converted (enums as text, SQLite's UTC ticks) and typed.</summary>
    private static string Parameter(DbCommand command, ISqlGenerationHelper sql, IProperty column, object? value)
    {
        var name = "p" + command.Parameters.Count;
        command.Parameters.Add(column.GetRelationalTypeMapping().CreateParameter(command, sql.GenerateParameterName(name), value, column.IsNullable));
        return sql.GenerateParameterNamePlaceholder(name);
    }
}
