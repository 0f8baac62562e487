using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Aduan.Bench.Record;

/// <summary>A column of a bulk-loaded table: its name, its PostgreSQL type and how to read it from a row.</summary>
internal sealed record BulkColumn<T>(string Name, NpgsqlDbType Type, Func<T, object?> Value);

/// <summary>
/// Writes rows straight into one table, past EF: prepared INSERTs in the caller's transaction on
/// SQLite, binary COPY on PostgreSQL. Values are stored as EF Core stores them: on SQLite GUIDs as
/// upper-case text, instants as UTC ticks, booleans as 0/1; enums are strings on both.
/// </summary>
internal sealed class BulkTable<T>(string table, IReadOnlyList<BulkColumn<T>> columns)
{
    private readonly IReadOnlyList<BulkColumn<T>> _columns = columns;

    public string Table { get; } = table;

    private string ColumnList => string.Join(", ", _columns.Select(c => $"\"{c.Name}\""));

    public SqliteWriter Sqlite(SqliteConnection connection, SqliteTransaction transaction) => new($"INSERT INTO {Table} ({ColumnList}) VALUES ({string.Join(", ", _columns.Select((_, i) => "$p" + i))})", _columns, connection, transaction);

    public async Task<NpgsqlBinaryImporter> BeginCopyAsync(NpgsqlConnection connection, CancellationToken ct) =>
        await connection.BeginBinaryImportAsync($"COPY {Table} ({ColumnList}) FROM STDIN (FORMAT BINARY)", ct);

    public async Task CopyAsync(NpgsqlBinaryImporter copy, T row, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        foreach (var column in _columns)
        {
            var value = column.Value(row);
            if (value is null)
                await copy.WriteNullAsync(ct);
            else if (value is DateTimeOffset instant)
                await copy.WriteAsync(instant.ToUniversalTime(), column.Type, ct);
            else
                await copy.WriteAsync(value, column.Type, ct);
        }
    }

    internal sealed class SqliteWriter
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter[] _parameters;
        private readonly IReadOnlyList<BulkColumn<T>> _columns;

        public SqliteWriter(string sql, IReadOnlyList<BulkColumn<T>> columns, SqliteConnection connection, SqliteTransaction transaction)
        {
            _columns = columns;
            _insert = connection.CreateCommand();
            _insert.Transaction = transaction;
            _insert.CommandText = sql;
            _parameters = [.. _columns.Select((_, i) => _insert.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i }))];
            _insert.Prepare();
        }

        public void Write(T row)
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                _parameters[i].Value = _columns[i].Value(row) switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    DateTimeOffset t => t.UtcTicks,
                    bool b => b ? 1 : 0,
                    var v => v,
                };
            }
            _insert.ExecuteNonQuery();
        }
    }
}

/// <summary>Drops a table's secondary indexes before a bulk load and builds them again afterwards, from the database's own (the migrations') definitions.</summary>
internal static class Indexes
{
    public static async Task<List<(string Name, string Sql)>> DropAsync(DbConnection connection, bool postgres, IReadOnlyList<string> tables, CancellationToken ct)
    {
        var list = string.Join(", ", tables.Select(t => $"'{t}'"));
        var sql = postgres
            ? $"SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ({list}) AND indexname NOT LIKE 'PK_%'"
            : $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({list}) AND sql IS NOT NULL";
        var indexes = await ReadAsync(connection, sql, ct);
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", ct);
        return indexes;
    }

    public static async Task CreateAsync(DbConnection connection, IEnumerable<(string Name, string Sql)> indexes, CancellationToken ct)
    {
        foreach (var (_, sql) in indexes)
            await ExecuteAsync(connection, sql, ct);
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task<List<(string Name, string Sql)>> ReadAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<(string, string)>();
        while (await reader.ReadAsync(ct))
            result.Add((reader.GetString(0), reader.GetString(1)));
        return result;
    }
}
