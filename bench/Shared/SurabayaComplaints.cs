using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Aduan.Bench.Shared;

/// <summary>
/// One row of Surabaya's Media Center export (../shared/data/surabaya-mediacenter/complaints.csv).
/// These are real residents' words: read them at benchmark time, print only aggregate figures,
/// never copy a row into the repository, a log or a document.
/// </summary>
public sealed record SurabayaComplaint(
    long Id,
    string Text,
    string Address,
    string KecamatanCode,
    string KelurahanCode,
    string KelurahanName,
    long TopicId,
    string Topic,
    long AgencyId,
    string Agency,
    DateTime ReceivedAt,
    DateTime? AnsweredAt = null);

public static class SurabayaComplaints
{
    /// <summary>The shared data folder: $ADUAN_SHARED_DATA, or ../shared/data above the repository.</summary>
    public static string DataFolder()
    {
        if (Environment.GetEnvironmentVariable("ADUAN_SHARED_DATA") is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "surabaya-mediacenter")))
                return candidate;
            candidate = Path.Combine(dir.FullName, "..", "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "surabaya-mediacenter")))
                return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("../shared/data/surabaya-mediacenter not found; set ADUAN_SHARED_DATA.");
    }

    public static List<SurabayaComplaint> Read(string? path = null)
    {
        path ??= Path.Combine(DataFolder(), "surabaya-mediacenter", "complaints.csv");
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null });
        csv.Read();
        csv.ReadHeader();
        var rows = new List<SurabayaComplaint>();
        while (csv.Read())
        {
            if (!DateTime.TryParse(csv.GetField("tanggal_keluhan"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                continue;
            rows.Add(new SurabayaComplaint(
                long.Parse(csv.GetField("id")!, CultureInfo.InvariantCulture),
                csv.GetField("keluhan") ?? "",
                csv.GetField("alamat") ?? "",
                csv.GetField("kecamatan_kode") ?? "",
                csv.GetField("kelurahan_kode") ?? "",
                csv.GetField("kelurahan") ?? "",
                long.TryParse(csv.GetField("topik_id"), CultureInfo.InvariantCulture, out var topic) ? topic : 0,
                csv.GetField("topik") ?? "",
                long.TryParse(csv.GetField("instansi_id"), CultureInfo.InvariantCulture, out var agency) ? agency : 0,
                csv.GetField("instansi") ?? "",
                at,
                DateTime.TryParse(csv.GetField("tanggal_ditanggapi"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var answered) ? answered : null));
        }
        return rows;
    }
}
