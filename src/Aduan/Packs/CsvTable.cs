using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Aduan.Packs;

/// <summary>One CSV file of a pack read into rows that remember their line number.</summary>
internal sealed class CsvTable
{
    private CsvTable(string file, List<CsvRow> rows) => (File, Rows) = (file, rows);

    public string File { get; }
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>Reads the file; a missing file or column becomes a problem and an empty table.</summary>
    public static CsvTable Read(string folder, string file, string[] columns, bool required, List<PackProblem> problems, string[]? optionalColumns = null)
    {
        var path = Path.Combine(folder, file);
        var rows = new List<CsvRow>();
        if (!System.IO.File.Exists(path))
        {
            if (required)
                problems.Add(new PackProblem(file, null, null, "file is missing"));
            return new CsvTable(file, rows);
        }
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
            {
                problems.Add(new PackProblem(file, 1, null, "no header row"));
                return new CsvTable(file, rows);
            }
            var header = csv.HeaderRecord!;
            var missing = columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new PackProblem(file, 1, string.Join(",", missing), $"missing column(s); expected: {string.Join(",", columns)}"));
                return new CsvTable(file, rows);
            }
            while (csv.Read())
            {
                var values = columns.ToDictionary(c => c, c => csv.GetField(c) ?? "", StringComparer.Ordinal);
                foreach (var column in optionalColumns ?? [])
                    values[column] = header.Contains(column, StringComparer.Ordinal) ? csv.GetField(column) ?? "" : "";
                rows.Add(new CsvRow(file, csv.Parser.Row, values));
            }
        }
        catch (CsvHelperException ex)
        {
            problems.Add(new PackProblem(file, ex.Context?.Parser?.Row, null, $"cannot be read as CSV: {ex.Message.Split('\n')[0]}"));
        }
        return new CsvTable(file, rows);
    }
}

internal sealed record CsvRow(string File, int Line, IReadOnlyDictionary<string, string> Values)
{
    public string this[string column] => Values[column];

    public string? Optional(string column) => string.IsNullOrEmpty(Values[column]) ? null : Values[column];

    public PackProblem Problem(string column, string message) => new(File, Line, column, message);
}
