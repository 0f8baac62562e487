using System.Data.Common;
using Aduan.Agencies;
using Aduan.Data;
using Aduan.Deadlines;
using Aduan.Dispatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aduan.Scorecards;

/// <summary>
/// Builds <c>scorecard_rollups</c> from the base tables: for a range of local days, every event of
/// those days (a report received; a lead part dispatched, accepted, resolved or handed back; a
/// resolution reopened or confirmed with a rating) is read by its time through an index, counted
/// per (day, agency, kelurahan), and the days' rows are replaced in one transaction, then the
/// months they fall in are summed again from their days. Because every event is counted on the
/// day it happens, refreshing the last days again is enough to keep the rollups current
/// (<see cref="RefreshAsync"/>, the periodic job), and <see cref="RebuildAsync"/> rebuilds it all.
/// Parts whose working minutes were never worked out (written before scorecards existed, or by
/// a bulk loader) get them here, once, and stored.
/// </summary>
public sealed class ScorecardRollups(AduanDbContext db, PackCalendar calendars, AgencyTree agencies, TimeProvider clock)
{
    private const string Table = "scorecard_rollups";

    /// <summary>Rows per INSERT statement: PostgreSQL gains from long ones; SQLite, whose statements run in-process, from a short one prepared once.</summary>
    private static int RowsPerInsert(AduanDbContext db) => db.Database.IsNpgsql() ? 400 : 1;

    /// <summary>
    /// Rebuilds the days since the newest day already rolled up (at least yesterday and today);
    /// an empty rollup table is rebuilt from the first report. Returns the days refreshed.
    /// </summary>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        var zone = (await calendars.GetAsync(ct)).Calendar.Zone;
        var today = LocalDay(clock.GetUtcNow(), zone);
        var newest = await db.ScorecardRollups.Where(r => r.Grain == RollupGrain.Day).MaxAsync(r => (DateOnly?)r.Start, ct);
        if (newest is null)
            return await RebuildAsync(null, ct);
        var from = newest.Value.AddDays(-1) < today.AddDays(-1) ? newest.Value.AddDays(-1) : today.AddDays(-1);
        await RebuildDaysAsync(from, today, ct);
        return today.DayNumber - from.DayNumber + 1;
    }

    /// <summary>Rebuilds everything, a month at a time from the first report to today, reporting each month done.</summary>
    public async Task<int> RebuildAsync(Action<string>? progress, CancellationToken ct)
    {
        var zone = (await calendars.GetAsync(ct)).Calendar.Zone;
        var today = LocalDay(clock.GetUtcNow(), zone);
        var first = await db.Reports.MinAsync(r => (DateTimeOffset?)r.ReceivedAt, ct);
        var keepFrom = first is { } f ? FirstOfMonth(LocalDay(f, zone)) : DateOnly.MaxValue;
        await db.ScorecardRollups.Where(r => r.Start < keepFrom).ExecuteDeleteAsync(ct);
        if (first is null)
            return 0;
        var days = 0;
        for (var month = FirstOfMonth(LocalDay(first.Value, zone)); month <= today; month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1) < today ? month.AddMonths(1).AddDays(-1) : today;
            var rows = await RebuildDaysAsync(month, last, ct);
            days += last.DayNumber - month.DayNumber + 1;
            progress?.Invoke($"{month:yyyy-MM}: {rows} rows");
        }
        return days;
    }

    /// <summary>Replaces the daily rows of <paramref name="from"/>..<paramref name="to"/> (local days) and the monthly rows of their months; returns the daily rows written.</summary>
    public async Task<int> RebuildDaysAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var calendar = (await calendars.GetAsync(ct)).Calendar;
        var (start, end) = (Instant(from, calendar.Zone), Instant(to.AddDays(1), calendar.Zone));
        await MeasureMissingAsync(start, end, calendar, ct);
        var days = await CountAsync(start, end, calendar.Zone, ct);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
                await ExecuteAsync(db, "SELECT pg_advisory_xact_lock(7261001)", [], ct); // one rollup writer at a time across servers
            await ExecuteAsync(db, $"""DELETE FROM {Table} WHERE "Grain" = @grain AND "Start" >= @from AND "Start" <= @to""",
                [("grain", nameof(RollupGrain.Day)), ("from", from), ("to", to)], ct);
            await InsertDaysAsync(days, ct);
            for (var month = FirstOfMonth(from); month <= to; month = month.AddMonths(1))
                await SumMonthAsync(db, month, ct);
            await transaction.CommitAsync(ct);
            return days.Count;
        });
    }

    private async Task<Dictionary<(DateOnly Day, string Agency, string Area), ScorecardCounts>> CountAsync(
        DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, CancellationToken ct)
    {
        var rows = new Dictionary<(DateOnly, string, string), ScorecardCounts>();
        ScorecardCounts Row(DateTimeOffset at, string? agency, string? area)
        {
            var key = (LocalDay(at, zone), agency ?? ScorecardRollup.None, area ?? ScorecardRollup.None);
            if (!rows.TryGetValue(key, out var counts))
                rows[key] = counts = new ScorecardCounts();
            return counts;
        }

        foreach (var r in await db.Reports.AsNoTracking().Where(r => r.ReceivedAt >= start && r.ReceivedAt < end).Select(r => new { r.ReceivedAt, r.AreaCode }).ToListAsync(ct))
            Row(r.ReceivedAt, null, r.AreaCode).Count(ScorecardCounts.ReceivedAt);

        var leads = db.Assignments.AsNoTracking().Where(a => a.Role == AssignmentRole.Lead);
        foreach (var p in await leads.Where(a => a.DispatchedAt >= start && a.DispatchedAt < end)
            .Join(db.Reports, a => a.ReportId, r => r.Id, (a, r) => new { a.DispatchedAt, a.AgencyCode, r.AreaCode }).ToListAsync(ct))
            Row(p.DispatchedAt, p.AgencyCode, p.AreaCode).Count(ScorecardCounts.DispatchedAt);

        foreach (var p in await leads.Where(a => a.AcceptedAt >= start && a.AcceptedAt < end)
            .Join(db.Reports, a => a.ReportId, r => r.Id, (a, r) => new { a.AcceptedAt, a.AgencyCode, r.AreaCode, a.ResponseLate, a.ResponseMinutes }).ToListAsync(ct))
            Row(p.AcceptedAt!.Value, p.AgencyCode, p.AreaCode).AddResponse(!p.ResponseLate, p.ResponseMinutes);

        foreach (var p in await leads.Where(a => a.FinishedAt >= start && a.FinishedAt < end && (a.Status == AssignmentStatus.Done || a.Status == AssignmentStatus.HandedBack))
            .Join(db.Reports, a => a.ReportId, r => r.Id, (a, r) => new { a.FinishedAt, a.Status, a.AgencyCode, r.AreaCode, a.ResolutionLate, a.ResolutionMinutes, a.Evidenced }).ToListAsync(ct))
        {
            var row = Row(p.FinishedAt!.Value, p.AgencyCode, p.AreaCode);
            if (p.Status == AssignmentStatus.HandedBack)
                row.Count(ScorecardCounts.HandedBackAt);
            else
                row.AddResolution(!p.ResolutionLate, p.Evidenced, p.ResolutionMinutes);
        }

        foreach (var p in await leads.Where(a => a.ReopenedAt >= start && a.ReopenedAt < end)
            .Join(db.Reports, a => a.ReportId, r => r.Id, (a, r) => new { a.ReopenedAt, a.AgencyCode, r.AreaCode }).ToListAsync(ct))
            Row(p.ReopenedAt!.Value, p.AgencyCode, p.AreaCode).Count(ScorecardCounts.ReopenedAt);

        await CountConfirmationsAsync(start, end, Row, ct);
        return rows;
    }

    /// <summary>Confirmations with their rating, each credited with the evidence and timeliness of the resolution it confirms.</summary>
    private async Task CountConfirmationsAsync(DateTimeOffset start, DateTimeOffset end, Func<DateTimeOffset, string?, string?, ScorecardCounts> row, CancellationToken ct)
    {
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.At >= start && r.At < end)
            .Join(db.Reports, g => g.ReportId, r => r.Id, (g, r) => new { g.ReportId, g.AgencyCode, g.Value, g.At, r.AreaCode }).ToListAsync(ct);
        foreach (var chunk in ratings.Chunk(500))
        {
            var ids = chunk.Select(r => r.ReportId).ToList();
            var resolutions = (await db.Assignments.AsNoTracking()
                .Where(a => ids.Contains(a.ReportId) && a.Role == AssignmentRole.Lead && a.Status == AssignmentStatus.Done)
                .Select(a => new { a.ReportId, a.AgencyCode, a.FinishedAt, a.Evidenced, a.ResolutionLate }).ToListAsync(ct))
                .ToLookup(a => a.ReportId);
            foreach (var rating in chunk)
            {
                var confirmed = resolutions[rating.ReportId].Where(a => a.AgencyCode == rating.AgencyCode && a.FinishedAt <= rating.At).MaxBy(a => a.FinishedAt);
                row(rating.At, rating.AgencyCode, rating.AreaCode).AddConfirmation(rating.Value, confirmed?.Evidenced ?? false, confirmed is { ResolutionLate: false });
            }
        }
    }

    /// <summary>
    /// Works out and stores the working minutes of parts accepted or finished in the range that
    /// have none yet. Two queries, each walking its own time index: one with an OR of the two, or
    /// ordered by id, made PostgreSQL scan every part (5 s a month at 10 million reports).
    /// </summary>
    private async Task MeasureMissingAsync(DateTimeOffset start, DateTimeOffset end, WorkingCalendar calendar, CancellationToken ct)
    {
        await MeasureAsync(db.Assignments.Where(a => a.AcceptedAt >= start && a.AcceptedAt < end && a.ResponseMinutes == null)
            .OrderBy(a => a.AcceptedAt), calendar, ct);
        await MeasureAsync(db.Assignments.Where(a => a.Role == AssignmentRole.Lead && a.Status == AssignmentStatus.Done
            && a.FinishedAt >= start && a.FinishedAt < end && a.ResolutionMinutes == null).OrderBy(a => a.FinishedAt), calendar, ct);
    }

    private async Task MeasureAsync(IQueryable<Assignment> missing, WorkingCalendar calendar, CancellationToken ct)
    {
        while (true)
        {
            var parts = await missing.Take(5000).ToListAsync(ct);
            if (parts.Count == 0)
                return;
            foreach (var part in parts)
                WorkingMinutes.Measure(part, calendar, ServiceHours.Of(await agencies.FindAsync(part.AgencyCode, ct)));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Writes each (day, agency, area) count once per area level: under the report's kota, its
    /// kecamatan and its kelurahan, so a table of one level reads only that level's rows; and adds
    /// it to the area's total row of that level (<see cref="ScorecardRollup.AllAgencies"/>).
    /// </summary>
    private async Task InsertDaysAsync(Dictionary<(DateOnly Day, string Agency, string Area), ScorecardCounts> days, CancellationToken ct)
    {
        var levels = new Dictionary<(DateOnly Day, int Level, string Area, string Agency), ScorecardCounts>();
        foreach (var ((day, agency, area), counts) in days)
        {
            foreach (var level in ScorecardRollup.Levels)
            {
                foreach (var unit in new[] { agency, ScorecardRollup.AllAgencies })
                {
                    var key = (day, level, ScorecardRollup.AreaAt(area, level), unit);
                    if (!levels.TryGetValue(key, out var sum))
                        levels[key] = sum = new ScorecardCounts();
                    sum.Add(counts);
                }
            }
        }
        // One prepared statement of a fixed number of rows, reused for every full chunk with new
        // values: SQLite and PostgreSQL parse it once instead of once per chunk.
        var size = RowsPerInsert(db);
        var perRow = 5 + ScorecardCounts.Columns.Count;
        DbCommand? full = null;
        try
        {
            foreach (var chunk in levels.Chunk(size))
            {
                var command = chunk.Length == size ? full ??= InsertCommand(size) : InsertCommand(chunk.Length);
                var at = 0;
                foreach (var ((day, level, area, agency), counts) in chunk)
                {
                    command.Parameters[at].Value = nameof(RollupGrain.Day);
                    command.Parameters[at + 1].Value = level;
                    command.Parameters[at + 2].Value = area;
                    command.Parameters[at + 3].Value = day;
                    command.Parameters[at + 4].Value = agency;
                    for (var c = 0; c < counts.Values.Length; c++)
                        command.Parameters[at + 5 + c].Value = checked((int)counts.Values[c]);
                    at += perRow;
                }
                await command.ExecuteNonQueryAsync(ct);
                if (command != full)
                    await command.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null)
                await full.DisposeAsync();
        }
    }

    /// <summary>An INSERT of <paramref name="rows"/> rollup rows with its parameters (values set by the caller), in the context's transaction.</summary>
    private DbCommand InsertCommand(int rows)
    {
        string[] columns = ["Grain", "Level", "AreaCode", "Start", "AgencyCode", .. ScorecardCounts.Columns];
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var values = new List<string>(rows);
        for (var row = 0; row < rows; row++)
        {
            var names = new string[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = names[c] = $"p{(row * columns.Length) + c}";
                command.Parameters.Add(parameter);
            }
            values.Add($"({string.Join(", ", names.Select(n => "@" + n))})");
        }
        command.CommandText = $"INSERT INTO {Table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", values)}";
        return command;
    }

    private static Task SumMonthAsync(AduanDbContext db, DateOnly month, CancellationToken ct)
    {
        var columns = ScorecardCounts.Columns.Select(c => $"\"{c}\"").ToList();
        var sums = string.Join(", ", columns.Select(c => $"CAST(SUM({c}) AS INTEGER)"));
        return ExecuteAsync(db, $"""
            DELETE FROM {Table} WHERE "Grain" = @month AND "Start" = @start;
            INSERT INTO {Table} ("Grain", "Level", "AreaCode", "Start", "AgencyCode", {string.Join(", ", columns)})
            SELECT @month, "Level", "AreaCode", @start, "AgencyCode", {sums} FROM {Table}
            WHERE "Grain" = @day AND "Start" >= @start AND "Start" < @next GROUP BY "Level", "AreaCode", "AgencyCode"
            """, [("month", nameof(RollupGrain.Month)), ("day", nameof(RollupGrain.Day)), ("start", month), ("next", month.AddMonths(1))], ct);
    }

    /// <summary>Runs a statement on the context's connection, inside its current transaction.</summary>
    private static async Task ExecuteAsync(AduanDbContext db, string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    public static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The start of a local day, in UTC (PostgreSQL takes only UTC instants).</summary>
    public static DateTimeOffset Instant(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
