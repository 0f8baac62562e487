using System.Diagnostics;
using System.Globalization;
using Aduan.Areas;
using Aduan.Bench.Shared;
using Aduan.Packs;
using Aduan.Triage;

// Area-from-words benchmark: learns street names from Surabaya's 2022 complaints (address text +
// the kelurahan the city assigned) and measures top-1 kelurahan/kecamatan on the 2023 rows.
// Prints aggregate figures only: the rows are real residents' words.
// Usage: dotnet run -c Release --project bench/Aduan.Bench.Areas [-- --tune]
//   --tune: learn from January-September 2022 and measure on October-December 2022 (for tuning
//   weights without looking at 2023).
//   --detail: only address + learned streets, with an aggregate breakdown of the misses.
var tune = args.Contains("--tune");
var detail = args.Contains("--detail");
var clock = Stopwatch.StartNew();
var pack = PackReader.Read(FindPacks(), "surabaya");
var areas = pack.Areas.ToDictionary(a => a.Code);
var rows = SurabayaComplaints.Read();
var (learnRows, testRows) = tune
    ? (rows.Where(r => r.ReceivedAt.Year == 2022 && r.ReceivedAt.Month <= 9).ToList(), rows.Where(r => r.ReceivedAt.Year == 2022 && r.ReceivedAt.Month > 9).ToList())
    : (rows.Where(r => r.ReceivedAt.Year == 2022).ToList(), rows.Where(r => r.ReceivedAt.Year == 2023).ToList());
var examples = learnRows.Where(r => r.Address.Length > 0 && areas.ContainsKey(r.KelurahanCode)).Select(r => (r.Address, r.KelurahanCode)).ToList();
var learned = StreetTable.Learn(examples, learnRows.Select(r => r.Text));
var index = GazetteerIndex.Build(pack.Areas, pack.Streets);
var test = testRows.Where(r => areas.ContainsKey(r.KelurahanCode)).ToList();
Console.WriteLine($"Surabaya pack: {pack.Areas.Count} areas; learned from {examples.Count:N0} addresses ({learned.Count:N0} phrases); test rows: {test.Count:N0} ({(tune ? "Oct-Dec 2022" : "2023")})");
Console.WriteLine();
if (detail)
{
    Breakdown();
    return;
}
Console.WriteLine("| Input | Learned streets | Kelurahan top-1 | Kecamatan top-1 | Coverage | ms/report |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");
foreach (var (label, text) in new (string, Func<SurabayaComplaint, string>)[] { ("address", r => r.Address), ("address + complaint", r => r.Address + " . " + r.Text) })
{
    foreach (var (learnedLabel, table) in new[] { ("no (names only)", StreetTable.Empty), ("yes", learned) })
    {
        var (kel, kec, any) = (0, 0, 0);
        var timer = Stopwatch.StartNew();
        foreach (var row in test)
        {
            if (index.Find(text(row), 1, table) is not [var guess, ..])
                continue;
            any++;
            var area = areas[guess.AreaCode];
            kel += guess.AreaCode == row.KelurahanCode ? 1 : 0;
            var kecamatan = area.Level == AreaLevel.Village ? area.ParentCode : area.Code;
            kec += kecamatan == areas[row.KelurahanCode].ParentCode ? 1 : 0;
        }
        var ms = timer.Elapsed.TotalMilliseconds / test.Count;
        Console.WriteLine($"| {label} | {learnedLabel} | {Percent(kel)} | {Percent(kec)} | {Percent(any)} | {ms.ToString("0.00", CultureInfo.InvariantCulture)} |");
    }
}
Console.WriteLine();
Console.WriteLine($"Total time {clock.Elapsed.TotalSeconds:0.0} s.");

// Where the first guess goes wrong, from the address with learned streets: counts only.
void Breakdown()
{
    var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
    var timer = Stopwatch.StartNew();
    foreach (var row in test)
    {
        var guesses = index.Find(row.Address, 10, learned);
        var kecamatan = areas[row.KelurahanCode].ParentCode;
        string KecamatanOf(AreaGuess g) => areas[g.AreaCode].Level == AreaLevel.Village ? areas[g.AreaCode].ParentCode! : g.AreaCode;
        var outcome = guesses switch
        {
            [] => "no guess",
            [var g, ..] when g.AreaCode == row.KelurahanCode => "kelurahan right",
            [var g, ..] when KecamatanOf(g) == kecamatan => areas[g.AreaCode].Level == AreaLevel.Village ? "kecamatan right, other kelurahan" : "kecamatan right (kecamatan guess)",
            [var g, ..] when areas[g.AreaCode].Level < AreaLevel.District => "kota only",
            _ when guesses.Any(g => KecamatanOf(g) == kecamatan) => "kecamatan wrong, right one in top 10",
            _ => "kecamatan wrong, right one absent",
        };
        counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
    }
    foreach (var (outcome, count) in counts)
        Console.WriteLine($"{outcome,-45} {count,6} {Percent(count),8}");
    Console.WriteLine($"ms/report {(timer.Elapsed.TotalMilliseconds / test.Count).ToString("0.00", CultureInfo.InvariantCulture)}; total {clock.Elapsed.TotalSeconds:0.0} s");
}

string Percent(int count) => (100.0 * count / test.Count).ToString("0.0", CultureInfo.InvariantCulture) + " %";

static string FindPacks()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Aduan.slnx")))
            return Path.Combine(dir.FullName, "packs");
    }
    throw new DirectoryNotFoundException("Aduan.slnx not found above " + AppContext.BaseDirectory);
}
