using System.Data.Common;
using System.Globalization;
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
    /// Parameters per statement. SQLite finds each named parameter by a linear search, so binding
    /// grows with the square of their number (15,000 made a 1,000-row update take seconds); a few
    /// hundred keep that small. PostgreSQL has no such cost, and fewer statements are fewer round
    /// trips (its limit is 65,535).
    /// </summary>
    private static int MaxParameters(AduanDbContext db) => db.Database.IsNpgsql() ? 30_000 : 300;

    /// <summary>Inserts the rows, every mapped column except a generated key (the ids are not read back).</summary>
    public static async Task InsertAsync<T>(AduanDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
            return;
        var entity = Entity<T>(db);
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).Select(Column.Of).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {Table(sql, entity)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters(db) / columns.Count)))
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
        var key = Column.Of(entity.FindPrimaryKey()!.Properties.Single());
        var token = Column.Of(entity.GetProperties().Single(p => p.IsConcurrencyToken));
        var set = properties.Select(name => Column.Of(entity.FindProperty(name) ?? throw new ArgumentException($"{typeof(T).Name} has no mapped property {name}.", nameof(properties)))).ToList();
        List<Column> columns = [key, .. set];
        var sql = db.GetService<ISqlGenerationHelper>();
        string Name(Column c) => sql.DelimitIdentifier(c.Name);
        // The new values as a table v (key, values, expected token), joined to the rows by key: one statement for many rows.
        var names = string.Join(", ", columns.Select(Name).Append(sql.DelimitIdentifier("expected_token")));
        var assignments = string.Join(", ", set.Select(c => $"{Name(c)} = v.{Name(c)}"));
        var changed = 0;
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters(db) / (columns.Count + 1))))
        {
            await using var command = Command(db);
            var text = new StringBuilder($"WITH v ({names}) AS (VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var values = Values(command, sql, columns, chunk[i].Row);
                text.Append(i == 0 ? "" : ", ").Append(values[..^1]).Append(", ").Append(Parameter(command, sql, token, chunk[i].Token)).Append(')');
            }
            text.Append($") UPDATE {Table(sql, entity)} SET {assignments} FROM v WHERE {Table(sql, entity)}.{Name(key)} = v.{Name(key)}")
                .Append($" AND {Table(sql, entity)}.{Name(token)} = v.{sql.DelimitIdentifier("expected_token")}");
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

    private static string Values<T>(DbCommand command, ISqlGenerationHelper sql, List<Column> columns, T row)
        where T : class =>
        "(" + string.Join(", ", columns.Select(c => Parameter(command, sql, c, c.Getter.GetClrValueUsingContainingEntity(row)))) + ")";

    /// <summary>A parameter as EF would make it for this column: converted (enums as text, SQLite's UTC ticks) and typed.</summary>
    private static string Parameter(DbCommand command, ISqlGenerationHelper sql, Column column, object? value)
    {
        var name = "p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName(name), value, column.Nullable));
        return sql.GenerateParameterNamePlaceholder(name);
    }

    /// <summary>What a statement needs of a mapped property, looked up once per statement rather than once per value.</summary>
    private sealed record Column(string Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool Nullable)
    {
        public static Column Of(IProperty property) => new(property.GetColumnName(), property.GetGetter(), property.GetRelationalTypeMapping(), property.IsNullable);
    }
}
