using System.Data.Common;
using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Data;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aduan.Scorecards;

/// <summary>The units a ranking table compares.</summary>
public enum UnitKind
{
    /// <summary>The areas one level below the area asked for (kota in a province, kecamatan in a kota, kelurahan in a kecamatan).</summary>
    Areas,

    /// <summary>The agencies that had lead parts, in the area asked for (all of it, or one kota, kecamatan or kelurahan).</summary>
    Agencies,
}

/// <summary>What a table or figure is restricted to: an area (with everything under it) and/or a set of agencies.</summary>
public sealed record ScorecardFilter(string? AreaCode = null, IReadOnlyCollection<string>? Agencies = null);

/// <summary>One row of a ranking table: a unit, its figures, its score and rank.</summary>
public sealed record UnitScorecard(string Code, string Name, ScorecardFigures Figures, Ranked Ranking, ScorecardCounts Counts);

/// <summary>One point of a trend: a week (from its Monday) or a month, with what came in and what was resolved.</summary>
public sealed record TrendPoint(DateOnly Start, bool Monthly, long Received, long Resolved);

/// <summary>An open report past its resolution due time; no personal data.</summary>
public sealed record OverdueReport(string Code, string? CategoryCode, string? AreaCode, string? AgencyCode, ReportStatus Status, DateTimeOffset DueAt);

/// <summary>
/// The scorecard reads: ranking tables, one unit's figures, trends and the worst overdue reports.
/// Figures come from <c>scorecard_rollups</c> only (one indexed range of monthly and daily rows
/// per period, never the reports themselves), so they cost the same on ten million reports as on
/// a thousand; the overdue list reads open reports through a partial index. A benchmark can call
/// every method directly.
/// </summary>
public sealed class ScorecardQuery(AduanDbContext db, AgencyTree agencies)
{
    /// <summary>The statuses in which an agency's clock runs; the filter of the overdue index.</summary>
    public const string ClockRunningSql = "\"Status\" IN ('Dispatched', 'InProgress', 'Reopened')";

    /// <summary>The rows a ranking table compares, ranked; areas with no activity are listed too (and not ranked).</summary>
    public async Task<IReadOnlyList<UnitScorecard>> UnitsAsync(ScorecardPeriod period, UnitKind kind, ScorecardFilter filter, CancellationToken ct)
    {
        Dictionary<string, string> names;
        Dictionary<string, ScorecardCounts> counts;
        if (kind == UnitKind.Areas)
        {
            var parent = filter.AreaCode ?? throw new ArgumentException("An area table needs the area whose parts it compares.", nameof(filter));
            names = await db.Areas.AsNoTracking().Where(a => a.ParentCode == parent).ToDictionaryAsync(a => a.Code, a => a.Name, ct);
            if (names.Count == 0)
                return [];
            var level = (int)(await db.Areas.AsNoTracking().Where(a => a.ParentCode == parent).Select(a => a.Level).FirstAsync(ct));
            counts = await SumAsync(period, "\"AreaCode\"", (level, [.. names.Keys]), filter, daysOnly: false, ct);
        }
        else
        {
            counts = await SumAsync(period, "\"AgencyCode\"", await ScopeAsync(filter, ct), filter, daysOnly: false, ct, agenciesOnly: true);
            names = [];
            foreach (var code in counts.Keys.Concat(filter.Agencies ?? []).Distinct())
                names[code] = (await agencies.FindAsync(code, ct))?.Name ?? code;
        }
        var units = names.Keys.Order(StringComparer.Ordinal).Select(code => (Code: code, Counts: counts.GetValueOrDefault(code) ?? new ScorecardCounts())).ToList();
        var ranked = RankingScore.Rank(units.Select(u => u.Counts).ToList());
        return units.Select((u, i) => new UnitScorecard(u.Code, names[u.Code], ScorecardFigures.From(u.Counts, kind == UnitKind.Areas), ranked[i], u.Counts))
            .OrderBy(u => u.Ranking.Rank ?? int.MaxValue).ThenByDescending(u => u.Ranking.Score).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>All of one area's or agency's counts for the period.</summary>
    public async Task<ScorecardCounts> TotalAsync(ScorecardPeriod period, ScorecardFilter filter, bool agenciesOnly, CancellationToken ct) =>
        (await SumAsync(period, null, await ScopeAsync(filter, ct), filter, daysOnly: false, ct, agenciesOnly)).Values.SingleOrDefault() ?? new ScorecardCounts();

    /// <summary>
    /// Which rollup rows hold everything in the filter's area: its own level's row for an area, and
    /// for the whole pack the kota rows plus those of reports with a coarser area or none.
    /// </summary>
    private async Task<(int Level, IReadOnlyCollection<string> Areas)> ScopeAsync(ScorecardFilter filter, CancellationToken ct)
    {
        var area = filter.AreaCode is null ? null : await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == filter.AreaCode, ct);
        if (area is not null && area.Level != AreaLevel.Province)
            return ((int)area.Level, [area.Code]);
        var kota = await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.Regency || a.Level == AreaLevel.Province).Select(a => a.Code).ToListAsync(ct);
        return (2, [.. kota, ScorecardRollup.None]);
    }

    /// <summary>Received and resolved per week (periods up to 92 days) or per month.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(ScorecardPeriod period, ScorecardFilter filter, bool byAgency, CancellationToken ct)
    {
        var monthly = period.Days > 92;
        var rows = await SumAsync(period, "\"Start\"", await ScopeAsync(filter, ct), filter, daysOnly: !monthly, ct, agenciesOnly: byAgency, keyIsDate: true);
        var points = new SortedDictionary<DateOnly, (long Received, long Resolved)>();
        for (var start = Bucket(period.From, monthly); start <= period.To; start = monthly ? start.AddMonths(1) : start.AddDays(7))
            points[start] = (0, 0);
        foreach (var (key, c) in rows)
        {
            var bucket = Bucket(DateOnly.ParseExact(key, "yyyy-MM-dd"), monthly);
            var (received, resolved) = points[bucket];
            points[bucket] = (received + (byAgency ? c.Dispatched : c.Received), resolved + c.Resolved);
        }
        return points.Select(p => new TrendPoint(p.Key, monthly, p.Value.Received, p.Value.Resolved)).ToList();
    }

    private static DateOnly Bucket(DateOnly day, bool monthly) =>
        monthly ? ScorecardRollups.FirstOfMonth(day) : day.AddDays(-(((int)day.DayOfWeek + 6) % 7)); // weeks start on Monday

    /// <summary>Open reports whose clock runs and whose resolution due time has passed, the longest overdue first.</summary>
    public async Task<IReadOnlyList<OverdueReport>> OverdueAsync(ScorecardFilter filter, DateTimeOffset now, int limit, CancellationToken ct)
    {
        // Written out so that both databases see the overdue index's own filter (ClockRunningSql) in the query.
        var query = db.Reports.AsNoTracking()
            .Where(r => new[] { ReportStatus.Dispatched, ReportStatus.InProgress, ReportStatus.Reopened }.Contains(r.Status) && r.ResolutionDueAt < now && r.ClockPausedAt == null);
        if (filter.AreaCode is { } area)
        {
            var below = area + ".";
            query = query.Where(r => r.AreaCode == area || r.AreaCode!.StartsWith(below));
        }
        if (filter.Agencies is { } allowed)
            query = query.Where(r => allowed.Contains(r.AgencyCode!));
        return await query.OrderBy(r => r.ResolutionDueAt).Take(limit)
            .Select(r => new OverdueReport(r.Code, r.CategoryCode, r.AreaCode, r.AgencyCode, r.Status, r.ResolutionDueAt!.Value)).ToListAsync(ct);
    }

    /// <summary>
    /// Sums the rollup rows of the period at one level and in a list of areas that pass the filter,
    /// grouped by <paramref name="key"/> (a column; null for one total). Each grain and stretch of
    /// days is its own branch of a UNION ALL, so both databases seek the key (grain, level, area,
    /// start) once per area and range instead of scanning.
    /// </summary>
    private async Task<Dictionary<string, ScorecardCounts>> SumAsync(
        ScorecardPeriod period, string? key, (int Level, IReadOnlyCollection<string> Areas) scope, ScorecardFilter filter, bool daysOnly, CancellationToken ct,
        bool agenciesOnly = false, bool keyIsDate = false)
    {
        var (monthsFrom, monthsTo) = period.Months(daysOnly);
        var parameters = new List<(string Name, object Value)>
        {
            ("month", nameof(RollupGrain.Month)), ("day", nameof(RollupGrain.Day)), ("level", scope.Level),
            ("from", period.From), ("to", period.To), ("monthsFrom", monthsFrom), ("monthsTo", monthsTo),
        };
        var areas = scope.Areas.Select((code, i) => (Name: $"r{i}", Code: code)).ToList();
        parameters.AddRange(areas.Select(a => (a.Name, (object)a.Code)));
        var where = new List<string> { "\"Level\" = @level", $"\"AreaCode\" IN ({string.Join(", ", areas.Select(a => "@" + a.Name))})" };
        parameters.Add(("all", ScorecardRollup.AllAgencies));
        if (!agenciesOnly && filter.Agencies is null && key != "\"AgencyCode\"")
            where.Add("\"AgencyCode\" = @all"); // the area's total row: one per area and day or month
        else
            where.Add("\"AgencyCode\" <> @all");
        if (agenciesOnly)
            where.Add("\"AgencyCode\" <> ''");
        if (filter.Agencies is { } allowed)
        {
            var names = allowed.Select((code, i) => (Name: $"a{i}", Code: code)).ToList();
            where.Add(names.Count == 0 ? "1 = 0" : $"\"AgencyCode\" IN ({string.Join(", ", names.Select(n => "@" + n.Name))})");
            parameters.AddRange(names.Select(n => (n.Name, (object)n.Code)));
        }
        var columns = string.Join(", ", ScorecardCounts.Columns.Select(c => $"\"{c}\""));
        var common = string.Join(" AND ", where);
        string Branch(string grain, string range) =>
            $"SELECT {key ?? "''"} AS k, {columns} FROM scorecard_rollups WHERE \"Grain\" = @{grain} AND {common} AND {range}";
        var union = string.Join(" UNION ALL ", [
            Branch("month", "\"Start\" >= @monthsFrom AND \"Start\" < @monthsTo"),
            Branch("day", "\"Start\" >= @from AND \"Start\" < @monthsFrom"),
            Branch("day", "\"Start\" >= @monthsTo AND \"Start\" <= @to"),
        ]);
        var sums = string.Join(", ", ScorecardCounts.Columns.Select(c => $"SUM(\"{c}\")"));
        var sql = key is null ? $"SELECT '' AS k, {sums} FROM ({union}) u" : $"SELECT k, {sums} FROM ({union}) u GROUP BY k";

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            var result = new Dictionary<string, ScorecardCounts>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var code = keyIsDate ? DateKey(reader) : reader.GetString(0);
                var counts = new ScorecardCounts();
                for (var i = 0; i < ScorecardCounts.Columns.Count; i++)
                    counts.Values[i] = reader.IsDBNull(i + 1) ? 0 : Convert.ToInt64(reader.GetValue(i + 1), System.Globalization.CultureInfo.InvariantCulture);
                result[code] = counts;
            }
            return result;
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }

    private static string DateKey(DbDataReader reader) =>
        reader.GetFieldValue<DateOnly>(0).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
