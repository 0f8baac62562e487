using System.Data.Common;
using Aduan.Areas;
using Aduan.Data;
using Aduan.Scorecards;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aduan.Bench.Scorecards;

/// <summary>
/// Fills <c>scorecard_rollups</c> as a history of N reports would leave it: every day, every
/// kelurahan gets its arrivals and every agency working there (the kelurahan's own, its
/// kecamatan's, its kota's suku dinas) its dispatches, responses, resolutions, confirmations,
/// reopens and hand-backs, with times in the histogram buckets. The row count per day is what
/// matters for the queries' cost, and it is that of a real rollup: nearly every (agency,
/// kelurahan) pair has something every day at Jakarta's volume. Months are summed with the
/// same SQL the rollup builder uses. Also writes open reports, half of them past due, for the
/// overdue list. Base-table rows beyond those are not written: the dashboard never reads them.
/// </summary>
internal static class SyntheticRollups
{
    private const string Insert = "INSERT INTO scorecard_rollups";

    public static async Task<(int Days, long Rows)> WriteAsync(AduanDbContext db, long reports, int years, DateOnly today, CancellationToken ct)
    {
        var pairs = await PairsAsync(db, ct);
        var kelurahan = pairs.Select(p => p.Area).Distinct().ToList();
        var first = today.AddYears(-years);
        var days = today.DayNumber - first.DayNumber + 1;
        var perDay = (double)reports / days;
        var random = new Random(8);
        List<string> columns = ["Grain", "Level", "AreaCode", "Start", "AgencyCode", .. ScorecardCounts.Columns];
        long rows = 0;

        IEnumerable<object[]> Rows()
        {
            for (var day = first; day <= today; day = day.AddDays(1))
            {
                foreach (var row in Levels(day, Day()))
                    yield return row;
            }
        }

        // One day's rows at kelurahan level, then summed to kecamatan and kota as the builder does.
        IEnumerable<(string Agency, string Area, ScorecardCounts Counts)> Day()
        {
            {
                foreach (var area in kelurahan)
                {
                    var received = Poisson(random, perDay / kelurahan.Count);
                    if (received > 0)
                        yield return ("", area, new ScorecardCounts().With(ScorecardCounts.ReceivedAt, received));
                }
                foreach (var (agency, area, share) in pairs)
                {
                    var mean = perDay / kelurahan.Count * share;
                    var c = new ScorecardCounts();
                    c.Count(ScorecardCounts.DispatchedAt, Poisson(random, mean * 1.05));
                    for (var i = Poisson(random, mean * 0.95); i > 0; i--)
                        c.AddResponse(random.NextDouble() < 0.8, random.Next(0, 2000));
                    for (var i = Poisson(random, mean * 0.85); i > 0; i--)
                        c.AddResolution(random.NextDouble() < 0.7, random.NextDouble() < 0.9, random.Next(30, 20000));
                    for (var i = Poisson(random, mean * 0.35); i > 0; i--)
                        c.AddConfirmation(random.Next(1, 6), random.NextDouble() < 0.9, random.NextDouble() < 0.7);
                    c.Count(ScorecardCounts.ReopenedAt, Poisson(random, mean * 0.05));
                    c.Count(ScorecardCounts.HandedBackAt, Poisson(random, mean * 0.05));
                    if (c.Values.Any(v => v > 0))
                        yield return (agency, area, c);
                }
            }
        }

        IEnumerable<object[]> Levels(DateOnly date, IEnumerable<(string Agency, string Area, ScorecardCounts Counts)> day)
        {
            var list = day.ToList();
            foreach (var level in ScorecardRollup.Levels)
            {
                foreach (var group in list.GroupBy(r => (r.Agency, Area: ScorecardRollup.AreaAt(r.Area, level))))
                {
                    rows++;
                    yield return [nameof(RollupGrain.Day), level, group.Key.Area, date, group.Key.Agency, .. ScorecardCounts.Sum(group.Select(g => g.Counts)).Values.Select(v => (object)(int)v)];
                }
                foreach (var group in list.GroupBy(r => ScorecardRollup.AreaAt(r.Area, level))) // each area's total over every agency
                {
                    rows++;
                    yield return [nameof(RollupGrain.Day), level, group.Key, date, ScorecardRollup.AllAgencies, .. ScorecardCounts.Sum(group.Select(g => g.Counts)).Values.Select(v => (object)(int)v)];
                }
            }
        }

        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection pg)
            await CopyAsync(pg, columns, Rows(), ct);
        else
            await InsertAsync((SqliteConnection)connection, columns, Rows(), ct);
        // The months, summed from their days as ScorecardRollups does.
        var sums = string.Join(", ", ScorecardCounts.Columns.Select(c => $"CAST(SUM(\"{c}\") AS INTEGER)"));
        var names = string.Join(", ", ScorecardCounts.Columns.Select(c => $"\"{c}\""));
        await Execute(connection, $"""
            {Insert} ("Grain", "Level", "AreaCode", "Start", "AgencyCode", {names})
            SELECT 'Month', "Level", "AreaCode", {MonthStart(connection)}, "AgencyCode", {sums} FROM scorecard_rollups
            WHERE "Grain" = 'Day' AND "Start" < '{new DateOnly(today.Year, today.Month, 1):yyyy-MM-dd}' GROUP BY {MonthStart(connection)}, "Level", "AreaCode", "AgencyCode"
            """, ct);
        // The current month too, as the builder keeps it.
        await Execute(connection, $"""
            {Insert} ("Grain", "Level", "AreaCode", "Start", "AgencyCode", {names})
            SELECT 'Month', "Level", "AreaCode", '{new DateOnly(today.Year, today.Month, 1):yyyy-MM-dd}', "AgencyCode", {sums} FROM scorecard_rollups
            WHERE "Grain" = 'Day' AND "Start" >= '{new DateOnly(today.Year, today.Month, 1):yyyy-MM-dd}' GROUP BY "Level", "AreaCode", "AgencyCode"
            """, ct);
        await Execute(connection, connection is NpgsqlConnection ? "ANALYZE scorecard_rollups" : "ANALYZE", ct);
        return (days, rows);
    }

    /// <summary>Open reports with their clock running, due times spread a month either side of now.</summary>
    public static async Task WriteOpenReportsAsync(AduanDbContext db, int count, CancellationToken ct)
    {
        var pairs = await PairsAsync(db, ct);
        var random = new Random(9);
        var now = DateTimeOffset.UtcNow;
        var connection = db.Database.GetDbConnection();
        var sqlite = connection is SqliteConnection;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO reports ("Id", "Code", "Status", "CategorySource", "AreaSource", "Flags", "Description", "AreaCode", "AgencyCode", "Channel", "Visibility",
                "ReceivedAt", "LastChangedAt", "Version", "ClockStartedAt", "ResponseDueAt", "ResolutionDueAt", "ClockRound", "ResponseLate", "ResolutionLate", "Priority", "ClockPriority")
            VALUES (@id, @code, @status, 'Citizen', 'Coordinates', 0, 'Laporan uji', @area, @agency, 'Web', 'Public', @received, @received, 1, @received, @received, @due, 0, @no, @no, 'Normal', 'Normal')
            """;
        string[] names = ["id", "code", "status", "area", "agency", "received", "due", "no"];
        var parameters = names.Select(n =>
        {
            var p = command.CreateParameter();
            p.ParameterName = n;
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        for (var i = 0; i < count; i++)
        {
            var (agency, area, _) = pairs[random.Next(pairs.Count)];
            var due = now.AddMinutes(random.Next(-43200, 43200));
            var received = due.AddDays(-7);
            var code = new string([.. Enumerable.Range(0, 10).Select(k => Alphabet[(int)((i / Math.Pow(Alphabet.Length, k)) % Alphabet.Length)])]);
            parameters[0].Value = sqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid();
            parameters[1].Value = code;
            parameters[2].Value = (i % 3) switch { 0 => "Dispatched", 1 => "InProgress", _ => "Reopened" };
            parameters[3].Value = area;
            parameters[4].Value = agency;
            parameters[5].Value = sqlite ? received.UtcTicks : received;
            parameters[6].Value = sqlite ? due.UtcTicks : due;
            parameters[7].Value = sqlite ? 0 : false;
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        await Execute(connection, sqlite ? "ANALYZE" : "ANALYZE reports", ct);
    }

    /// <summary>Every (agency, kelurahan) pair that gets work, with its share of the kelurahan's reports.</summary>
    private static async Task<List<(string Agency, string Area, double Share)>> PairsAsync(AduanDbContext db, CancellationToken ct)
    {
        var areas = await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.Village && a.Code.StartsWith("31.7")).Select(a => a.Code).ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Code, a.AreaCode }).ToListAsync(ct);
        var pairs = new List<(string, string, double)>();
        foreach (var area in areas)
        {
            var working = agencies.Where(a => a.AreaCode == area || a.AreaCode == area[..8] || a.AreaCode == area[..5]).Select(a => a.Code).ToList();
            pairs.AddRange(working.Select(a => (a, area, 1.0 / working.Count)));
        }
        return pairs;
    }

    private static string MonthStart(DbConnection connection) =>
        connection is NpgsqlConnection ? "date_trunc('month', \"Start\")::date" : "strftime('%Y-%m-01', \"Start\")";

    private static async Task InsertAsync(SqliteConnection connection, List<string> columns, IEnumerable<object[]> rows, CancellationToken ct)
    {
        await Execute(connection, "PRAGMA synchronous=OFF", ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"{Insert} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" })).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
                parameters[i].Value = row[i];
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<string> columns, IEnumerable<object[]> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY scorecard_rollups ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync((string)row[0], NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync((int)row[1], NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((string)row[2], NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync((DateOnly)row[3], NpgsqlTypes.NpgsqlDbType.Date, ct);
            await writer.WriteAsync((string)row[4], NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            for (var i = 5; i < row.Length; i++)
                await writer.WriteAsync((int)row[i], NpgsqlTypes.NpgsqlDbType.Integer, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task Execute(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static int Poisson(Random random, double mean)
    {
        if (mean > 30)
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal(random))));
        var (limit, k, p) = (Math.Exp(-mean), 0, 1.0);
        do
        {
            k++;
            p *= random.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static ScorecardCounts With(this ScorecardCounts counts, int column, long value)
    {
        counts.Count(column, value);
        return counts;
    }
}
