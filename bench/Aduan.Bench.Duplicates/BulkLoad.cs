using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Aduan.Bench.Duplicates;

/// <summary>
/// Writes report rows straight into the reports table, past EF: one transaction of prepared
/// INSERTs on SQLite, binary COPY on PostgreSQL. The secondary indexes are dropped first and built
/// again afterwards (sorting once is far cheaper than a million B-tree inserts), as one would for
/// any bulk load; the index definitions come from the database itself, so they are the migrations'.
/// </summary>
internal static class BulkLoad
{
    private const string Columns = "\"Id\", \"Code\", \"Status\", \"CategoryCode\", \"CategorySource\", \"AreaSource\", \"Flags\", \"LocationCell\", \"Description\", " +
        "\"Latitude\", \"Longitude\", \"AreaCode\", \"Channel\", \"Visibility\", \"ReceivedAt\", \"LastChangedAt\", \"Version\"";

    private static readonly string[] Parameters = ["$id", "$code", "$status", "$category", "$cell", "$text", "$lat", "$lon", "$area", "$at"];

    public static async Task SqliteAsync(SqliteConnection connection, IEnumerable<ReportRow> rows, CancellationToken ct)
    {
        await ExecuteAsync(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;", ct);
        var indexes = await ReadAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reports' AND sql IS NOT NULL", ct);
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", ct);

        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO reports ({Columns}) VALUES ($id, $code, $status, $category, 'Citizen', 'Coordinates', 0, $cell, $text, $lat, $lon, $area, 'Web', 'Public', $at, $at, 1)";
            var p = Parameters.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            insert.Prepare();
            foreach (var row in rows)
            {
                // As EF Core stores them on SQLite: GUIDs as upper-case text, instants as UTC ticks.
                (p[0].Value, p[1].Value, p[2].Value, p[3].Value, p[4].Value) = (row.Id.ToString().ToUpperInvariant(), row.Code, row.Status, row.CategoryCode, row.Cell);
                (p[5].Value, p[6].Value, p[7].Value, p[8].Value, p[9].Value) = (row.Description, row.Latitude, row.Longitude, row.AreaCode, row.ReceivedAt.UtcTicks);
                await insert.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        foreach (var (_, sql) in indexes)
            await ExecuteAsync(connection, sql, ct);
        await ExecuteAsync(connection, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;", ct);
    }

    public static async Task PostgresAsync(NpgsqlConnection connection, IEnumerable<ReportRow> rows, CancellationToken ct)
    {
        var indexes = await ReadAsync(connection, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reports' AND indexname <> 'PK_reports'", ct);
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", ct);

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY reports ({Columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.Code, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.Status, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.CategoryCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Citizen", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Coordinates", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Cell, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(row.Description, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.Latitude, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(row.Longitude, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(row.AreaCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Web", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Public", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.ReceivedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(row.ReceivedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(1, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }
        foreach (var (_, sql) in indexes)
            await ExecuteAsync(connection, sql, ct);
        // What autovacuum would do shortly after such a load; the planner needs the statistics.
        await ExecuteAsync(connection, "VACUUM ANALYZE reports", ct);
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
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
