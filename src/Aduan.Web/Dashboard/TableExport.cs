using System.Globalization;
using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Scorecards;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Dashboard;

/// <summary>A table of the dashboard as it is exported: a name, headers, and rows of plain values (text, numbers, dates).</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IAsyncEnumerable<object?[]> Rows);

/// <summary>The dashboard's tables as CSV (streamed) or XLSX (built in memory, so bounded by <see cref="DashboardTables.MaxExportRows"/>).</summary>
public static class TableExport
{
    public static readonly string[] Tables = ["areas", "agencies", "trend", "overdue", "reports"];
    public static readonly string[] Formats = ["csv", "xlsx"];

    // Column keys; the headers are their Dash_Col_ resources in the caller's language.
    private static readonly string[] RankingColumns =
    [
        "Rank", "Code", "Name", "Score", "Finished", "Good", "Reopened", "HandedBack", "Received", "Responded", "ResponseMedian", "ResponseP90",
        "ResponseOnTime", "Resolved", "ResolutionMedian", "ResolutionP90", "ResolutionOnTime", "ConfirmedWithEvidence", "ReopenRate", "HandBackRate", "RatingMean", "RatingCount",
    ];

    private static readonly string[] OverdueColumns = ["ReportCode", "Category", "AreaCode", "Agency", "Status", "DueAt", "HoursOverdue"];
    private static readonly string[] ReportColumns = ["ReportCode", "Status", "Category", "Agency", "ReceivedAt", "DueAt"];

    private static string[] Headers(string[] columns, IStringLocalizer text) => [.. columns.Select(c => text[$"Dash_Col_{c}"].Value)];

    public static ExportTable Ranking(string name, IReadOnlyList<UnitScorecard> units, IStringLocalizer text) => new(name,
        Headers(RankingColumns, text),
        Rows(units.Select(u => new object?[]
        {
            u.Ranking.Rank, u.Code, u.Name, u.Ranking.Score, u.Ranking.Finished, u.Counts.Good, u.Counts.Reopened, u.Counts.HandedBack,
            u.Figures.Received, u.Figures.Responded, Minutes(u.Figures.ResponseMedian), Minutes(u.Figures.ResponseP90), Percent(u.Figures.ResponseOnTimeShare),
            u.Figures.Resolved, Minutes(u.Figures.ResolutionMedian), Minutes(u.Figures.ResolutionP90), Percent(u.Figures.ResolutionOnTimeShare),
            Percent(u.Figures.ConfirmedWithEvidenceShare), Percent(u.Figures.ReopenRate), Percent(u.Figures.HandBackRate),
            u.Figures.RatingMean is { } mean ? Math.Round(mean, 2) : null, u.Figures.RatingCount,
        })));

    public static ExportTable Trend(IReadOnlyList<TrendPoint> points, IStringLocalizer text) => new("trend",
        [text["Dash_Col_PeriodStart"], text["Dash_Col_Received"], text["Dash_Col_Resolved"]],
        Rows(points.Select(p => new object?[] { p.Start, p.Received, p.Resolved })));

    public static async Task<ExportTable> OverdueAsync(IReadOnlyList<OverdueReport> reports, PackSnapshot pack, CategoryDirectory categories, AgencyTree agencies, DateTimeOffset now, IStringLocalizer text)
    {
        var rows = new List<object?[]>();
        foreach (var r in reports)
        {
            rows.Add([
                TrackingCode.Format(r.Code), (await categories.FindAsync(r.CategoryCode, CancellationToken.None))?.Name ?? r.CategoryCode, r.AreaCode,
                r.AgencyCode is { } a ? (await agencies.FindAsync(a, CancellationToken.None))?.Name ?? a : null,
                text[$"Status_{r.Status}"].Value, pack.ToLocal(r.DueAt).DateTime, Math.Round((now - r.DueAt).TotalHours, 1)]);
        }
        return new ExportTable("overdue",
            Headers(OverdueColumns, text),
            Rows(rows));
    }

    public static ExportTable Reports(IAsyncEnumerable<DashboardReport> reports, PackSnapshot pack, IStringLocalizer text) => new("reports",
        Headers(ReportColumns, text),
        reports.Select(r => new object?[]
        {
            TrackingCode.Format(r.Code), text[$"Status_{r.Status}"].Value, r.CategoryCode, r.AgencyCode, pack.ToLocal(r.ReceivedAt).DateTime,
            r.ResolutionDueAt is { } due ? pack.ToLocal(due).DateTime : null,
        }));

    public static double? Minutes(Duration? duration) => duration is { } d ? Math.Round(d.Minutes) : null;

    public static double? Percent(double? share) => share is { } s ? Math.Round(100 * s, 1) : null;

    public static async Task WriteCsvAsync(ExportTable table, Stream body, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in table.Headers)
            csv.WriteField(header);
        await csv.NextRecordAsync();
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            foreach (var value in row)
                csv.WriteField(value switch
                {
                    DateTime at => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                    _ => value?.ToString(),
                });
            await csv.NextRecordAsync();
        }
    }

    /// <summary>The table as one worksheet; numbers stay numbers and dates dates, so the spreadsheet can sort and sum them.</summary>
    public static async Task<byte[]> XlsxAsync(ExportTable table, CancellationToken ct)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(table.Name);
        for (var c = 0; c < table.Headers.Count; c++)
            sheet.Cell(1, c + 1).Value = table.Headers[c];
        sheet.Row(1).Style.Font.Bold = true;
        var r = 2;
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            for (var c = 0; c < row.Length; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                switch (row[c])
                {
                    case null:
                        break;
                    case DateTime at:
                        cell.Value = at;
                        cell.Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
                        break;
                    case DateOnly day:
                        cell.Value = day.ToDateTime(TimeOnly.MinValue);
                        cell.Style.DateFormat.Format = "yyyy-mm-dd";
                        break;
                    case int or long or double:
                        cell.Value = Convert.ToDouble(row[c], CultureInfo.InvariantCulture);
                        break;
                    default:
                        cell.SetValue(row[c]!.ToString());
                        break;
                }
            }
            r++;
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static IAsyncEnumerable<object?[]> Rows(IEnumerable<object?[]> rows) => rows.ToAsyncEnumerable();
}
