using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Aduan.Bench.Deadlines;

/// <summary>One open report dispatched to its lead agency, with its deadline clock, as the loader writes it.</summary>
internal sealed record DispatchedReport(
    Guid Id, string Code, string CategoryCode, string AgencyCode, DateTimeOffset ReceivedAt, DateTimeOffset DispatchedAt,
    DateTimeOffset ResponseDueAt, DateTimeOffset ResolutionDueAt, DateTimeOffset NextEscalationAt);

/// <summary>
/// Writes the reports and their lead assignments straight into their tables, past EF: one
/// transaction of prepared INSERTs on SQLite, binary COPY on PostgreSQL, with the secondary indexes
/// of both tables dropped first and built again afterwards from the database's own definitions
/// (the migrations'), as bench/Aduan.Bench.Duplicates does.
/// </summary>
internal static class DispatchedReports
{
    private const string ReportColumns = "\"Id\", \"Code\", \"Status\", \"CategoryCode\", \"CategorySource\", \"AreaSource\", \"Flags\", \"Description\", \"AgencyCode\", " +
        "\"Channel\", \"Visibility\", \"ReceivedAt\", \"LastChangedAt\", \"Version\", \"ClockStartedAt\", \"ResponseDueAt\", \"ResolutionDueAt\", \"NextEscalationAt\", " +
        "\"ClockRound\", \"ResponseLate\", \"ResolutionLate\"";

    private const string AssignmentColumns = "\"ReportId\", \"AgencyCode\", \"Role\", \"Status\", \"DispatchedAt\", \"DispatchedBy\"";
    private const string Description = "Jalan berlubang di depan sekolah, membahayakan pengendara motor.";
    private static readonly string[] Tables = ["reports", "report_assignments"];
    private static readonly string[] ReportParameters = ["$id", "$code", "$category", "$agency", "$received", "$dispatched", "$response", "$resolution", "$next"];
    private static readonly string[] AssignmentParameters = ["$id", "$agency", "$dispatched"];

    public static async Task SqliteAsync(SqliteConnection connection, IEnumerable<DispatchedReport> rows, CancellationToken ct)
    {
        await ExecuteAsync(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;", ct);
        var indexes = await ReadAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('reports', 'report_assignments') AND sql IS NOT NULL", ct);
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", ct);

        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            await using var report = connection.CreateCommand();
            report.Transaction = transaction;
            report.CommandText = $"INSERT INTO reports ({ReportColumns}) VALUES ($id, $code, 'Dispatched', $category, 'Citizen', 'Coordinates', 0, '{Description}', $agency, " +
                "'Web', 'Public', $received, $dispatched, 0, $dispatched, $response, $resolution, $next, 0, 0, 0)";
            var r = ReportParameters.Select(n => report.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            report.Prepare();
            await using var lead = connection.CreateCommand();
            lead.Transaction = transaction;
            lead.CommandText = $"INSERT INTO report_assignments ({AssignmentColumns}) VALUES ($id, $agency, 'Lead', 'Dispatched', $dispatched, 'bench')";
            var a = AssignmentParameters.Select(n => lead.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            lead.Prepare();
            foreach (var row in rows)
            {
                // As EF Core stores them on SQLite: GUIDs as upper-case text, instants as UTC ticks.
                var id = row.Id.ToString().ToUpperInvariant();
                (r[0].Value, r[1].Value, r[2].Value, r[3].Value, r[4].Value) = (id, row.Code, row.CategoryCode, row.AgencyCode, row.ReceivedAt.UtcTicks);
                (r[5].Value, r[6].Value, r[7].Value, r[8].Value) = (row.DispatchedAt.UtcTicks, row.ResponseDueAt.UtcTicks, row.ResolutionDueAt.UtcTicks, row.NextEscalationAt.UtcTicks);
                await report.ExecuteNonQueryAsync(ct);
                (a[0].Value, a[1].Value, a[2].Value) = (id, row.AgencyCode, row.DispatchedAt.UtcTicks);
                await lead.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        foreach (var (_, sql) in indexes)
            await ExecuteAsync(connection, sql, ct);
        await ExecuteAsync(connection, "ANALYZE; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;", ct);
    }

    public static async Task PostgresAsync(NpgsqlConnection connection, IEnumerable<DispatchedReport> rows, CancellationToken ct)
    {
        var indexes = await ReadAsync(connection, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('reports', 'report_assignments') AND indexname NOT LIKE 'PK_%'", ct);
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", ct);

        var leads = new List<DispatchedReport>();
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY reports ({ReportColumns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                leads.Add(row);
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.Code, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Dispatched", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.CategoryCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Citizen", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Coordinates", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(Description, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.AgencyCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Web", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Public", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.ReceivedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(row.DispatchedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, ct); // Version: no timeline lines, so the sweep's line is the first link of a valid history chain
                await copy.WriteAsync(row.DispatchedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(row.ResponseDueAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(row.ResolutionDueAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(row.NextEscalationAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY report_assignments ({AssignmentColumns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in leads)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.AgencyCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Lead", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Dispatched", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.DispatchedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync("bench", NpgsqlDbType.Varchar, ct);
            }
            await copy.CompleteAsync(ct);
        }
        foreach (var (_, sql) in indexes)
            await ExecuteAsync(connection, sql, ct);
        // What autovacuum would do shortly after such a load; the planner needs the statistics.
        foreach (var table in Tables)
            await ExecuteAsync(connection, $"VACUUM ANALYZE {table}", ct);
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<List<(string Name, string Sql)>> ReadAsync(DbConnection connection, string sql, CancellationToken ct)
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
