using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Aduan.Data;

/// <summary>
/// Multi-row INSERT and UPDATE statements built from the EF model (table and column names, value
/// conversions, parameter types), run on the context's connection inside its current transaction.
/// For jobs that write thousands of rows at once (the escalation sweep): change tracking and one
/// statement per row cost far more than the database's own work there. Plain SQL that SQLite and
/// PostgreSQL both accept, except that PostgreSQL's inserts go by binary COPY; nothing is tracked
/// and no entity is changed.
/// </summary>
internal static class BulkWrite
{
    /// <summary>
    /// Parameters per statement. SQLite finds each named parameter by a linear search, so binding
    /// grows with the square of their number (15,000 made a 1,000-row update take seconds); with a
    /// few hundred that stays small, and the statement is prepared once and run again for each
    /// chunk of rows, in process. On PostgreSQL each statement is a round trip, so fewer and larger
    /// ones (its limit is 65,535).
    /// </summary>
    private static int MaxParameters(AduanDbContext db) => db.Database.IsNpgsql() ? 30_000 : 200;

    /// <summary>Inserts the rows, every mapped column except a generated key (the ids are not read back).</summary>
    public static async Task InsertAsync<T>(AduanDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
            return;
        var entity = Entity<T>(db);
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).Select(Column.Of).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        if (db.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            await CopyAsync(connection, $"COPY {Table(sql, entity)} ({names}) FROM STDIN (FORMAT BINARY)", rows, columns, ct);
            return;
        }
        var head = $"INSERT INTO {Table(sql, entity)} ({names}) VALUES ";
        await ExecuteAsync(db, rows, columns, (row, column) => column.Getter!.GetClrValueUsingContainingEntity(row), values => head + values, ct);
    }

    /// <summary>
    /// Sets the named properties of each row, found by its key, only where the row's concurrency
    /// token in the database still has the value given with it; returns how many rows were changed
    /// (fewer than given when another writer came first).
    /// </summary>
    public static Task<int> UpdateAsync<T>(AduanDbContext db, IReadOnlyList<(T Row, object Token)> rows, IReadOnlyList<string> properties, CancellationToken ct)
        where T : class
    {
        var entity = Entity<T>(db);
        var key = Column.Of(entity.FindPrimaryKey()!.Properties.Single());
        var set = properties.Select(name => Column.Of(entity.FindProperty(name) ?? throw new ArgumentException($"{typeof(T).Name} has no mapped property {name}.", nameof(properties)))).ToList();
        var token = Column.Of(entity.GetProperties().Single(p => p.IsConcurrencyToken)) with { Getter = null }; // the expected value comes with the row
        List<Column> columns = [key, .. set, token];
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = Table(sql, entity);
        string Name(Column c) => sql.DelimitIdentifier(c.Name);
        // The new values as a table v (key, values, expected token), joined to the rows by key: one statement for many rows.
        var names = string.Join(", ", columns.SkipLast(1).Select(Name).Append(sql.DelimitIdentifier("expected_token")));
        var assignments = string.Join(", ", set.Select(c => $"{Name(c)} = v.{Name(c)}"));
        var tail = $") UPDATE {table} SET {assignments} FROM v WHERE {table}.{Name(key)} = v.{Name(key)} AND {table}.{Name(token)} = v.{sql.DelimitIdentifier("expected_token")}";
        return ExecuteAsync(db, rows, columns, (row, column) => column.Getter is { } getter ? getter.GetClrValueUsingContainingEntity(row.Row) : row.Token, values => $"WITH v ({names}) AS (VALUES {values}{tail}", ct);
    }

    /// <summary>
    /// Runs the statement for chunks of rows, <c>(@p0, @p1 ...), (...)</c> in place of the values;
    /// a command is made once per chunk size and its parameters' values replaced for each chunk.
    /// </summary>
    private static async Task<int> ExecuteAsync<TRow>(
        AduanDbContext db, IReadOnlyList<TRow> rows, List<Column> columns, Func<TRow, Column, object?> value, Func<string, string> statement, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var changed = 0;
        DbCommand? command = null;
        try
        {
            foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters(db) / columns.Count)))
            {
                if (command?.Parameters.Count != chunk.Length * columns.Count)
                {
                    if (command is not null)
                        await command.DisposeAsync();
                    command = Command(db);
                    var placeholders = new List<string>(chunk.Length);
                    for (var i = 0; i < chunk.Length; i++)
                        placeholders.Add("(" + string.Join(", ", columns.Select(c => Parameter(command, sql, c))) + ")");
                    command.CommandText = statement(string.Join(", ", placeholders));
                }
                var parameters = command.Parameters;
                for (var i = 0; i < chunk.Length; i++)
                {
                    for (var j = 0; j < columns.Count; j++)
                        parameters[(i * columns.Count) + j].Value = columns[j].ToProvider(value(chunk[i], columns[j]));
                }
                changed += await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            if (command is not null)
                await command.DisposeAsync();
        }
        return changed;
    }

    /// <summary>
    /// PostgreSQL's binary COPY: the rows go as one stream, with no SQL to parse and no parameter
    /// per value, inside the caller's transaction. Each column is written as the type EF's own
    /// parameter for it would have.
    /// </summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, string copy, IReadOnlyList<T> rows, List<Column> columns, CancellationToken ct)
        where T : class
    {
        NpgsqlDbType[] types;
        await using (var probe = connection.CreateCommand())
            types = [.. columns.Select(c => ((NpgsqlParameter)c.Mapping.CreateParameter(probe, "p", null, c.Nullable)).NpgsqlDbType)];
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].ToProvider(columns[i].Getter!.GetClrValueUsingContainingEntity(row)) is var value && value is DBNull)
                    await importer.WriteNullAsync(ct);
                else
                    await importer.WriteAsync(value, types[i], ct);
            }
        }
        await importer.CompleteAsync(ct);
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

    /// <summary>A parameter typed as EF would make it for this column; its value is set for each chunk.</summary>
    private static string Parameter(DbCommand command, ISqlGenerationHelper sql, Column column)
    {
        var name = "p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName(name), null, column.Nullable));
        return sql.GenerateParameterNamePlaceholder(name);
    }

    /// <summary>What a statement needs of a mapped property, looked up once per statement rather than once per value.</summary>
    private sealed record Column(string Name, IClrPropertyGetter? Getter, RelationalTypeMapping Mapping, bool Nullable)
    {
        public static Column Of(IProperty property) => new(property.GetColumnName(), property.GetGetter(), property.GetRelationalTypeMapping(), property.IsNullable);

        /// <summary>The value as the database stores it (enums as text, SQLite's UTC ticks), as EF converts it.</summary>
        public object ToProvider(object? value) => (Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
    }
}
