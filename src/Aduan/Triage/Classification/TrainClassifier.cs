using System.Globalization;
using Aduan.Agencies;
using Aduan.Data;
using Aduan.Packs;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Triage.Classification;

/// <summary>
/// What a training run used and how well the models did on the tenth they did not see.
/// <paramref name="Categories"/> counts the categories with examples; <paramref name="NameOnlyCategories"/>
/// the active ones without any, which the model knows by their name alone.
/// </summary>
public sealed record TrainResult(
    string Pack,
    int PackExamples,
    int FileExamples,
    int OperatorExamples,
    int Skipped,
    int Categories,
    int HeldOut,
    double? HeldOutAccuracy,
    string? ModelPath,
    string? Problem,
    AgencyTrainResult? Agency = null,
    int NameOnlyCategories = 0);

/// <summary>
/// The agency model's part of a training run: examples from <c>--examples</c> (column
/// <c>instansi</c>) and from dispatches, distinct agency labels, held-out top-1 accuracy, and the
/// file written (null with fewer than two agencies to learn: the rules alone route then).
/// </summary>
public sealed record AgencyTrainResult(int FileExamples, int DispatchExamples, int Agencies, int HeldOut, double? HeldOutAccuracy, string? ModelPath);

/// <summary>
/// Trains the category model of the loaded pack from its <c>examples.csv</c> (optional), an
/// extra labelled file (a city's own export, kept outside the pack), and every operator
/// decision in <c>classifier_examples</c>; and the agency model from the file's <c>instansi</c>
/// column and every report's last dispatch. Measures top-1 accuracy on a held-out tenth first,
/// then trains on everything, saves each model atomically and makes the classifiers reload.
/// </summary>
public sealed class TrainClassifier(AduanDbContext db, IOptions<AduanOptions> options, CurrentPack pack, CategoryClassifier classifier, AgencyClassifier agencyClassifier)
{
    public async Task<TrainResult> HandleAsync(string? examplesFile, CancellationToken ct)
    {
        var packName = (await pack.GetAsync(ct)).Info.Name;
        // Each active category's name is one more text of it (TextClassifierOptions.NameWeight).
        var categories = (await db.Categories.AsNoTracking().Where(c => c.IsActive).Select(c => new { c.Code, c.Name }).ToListAsync(ct))
            .ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var packFile = Path.Combine(options.Value.ResolvePacksFolder(), packName, "examples.csv");
        var fromPack = File.Exists(packFile) ? ReadExamples(packFile) : [];
        var fromFile = examplesFile is null ? [] : ReadExamples(examplesFile);
        var fromOperators = await db.ClassifierExamples.AsNoTracking().Where(e => e.AgencyCode == null).OrderBy(e => e.Id)
            .Select(e => new LabelledText(e.Text, e.CategoryCode, 1)).ToListAsync(ct);
        List<LabelledText> all = [.. fromPack, .. fromFile, .. fromOperators];
        var usable = all.Where(e => categories.ContainsKey(e.Label) && TextNormalizer.Normalize(e.Text).Length > 0).ToList();
        var labels = usable.Select(e => e.Label).Distinct().Count();
        TrainResult Result(int heldOut, double? accuracy, string? path, string? problem, AgencyTrainResult? agency = null) =>
            new(packName, fromPack.Count, fromFile.Count, fromOperators.Count, all.Count - usable.Count, labels, heldOut, accuracy, path, problem, agency, categories.Count - labels);
        if (labels < 2)
            return Result(0, null, null, "At least two categories need examples; add examples.csv to the pack or pass --examples.");

        var (heldOut, accuracy) = TrainAndSave(usable, TextClassifierOptions.Default, CategoryClassifier.ModelPath(options.Value.DataFolder, packName), ct, categories);
        classifier.Reload();
        var agency = await TrainAgenciesAsync(packName, examplesFile, ct);
        return Result(heldOut, accuracy, CategoryClassifier.ModelPath(options.Value.DataFolder, packName), null, agency);
    }

    private async Task<AgencyTrainResult> TrainAgenciesAsync(string packName, string? examplesFile, CancellationToken ct)
    {
        var agencies = (await db.Agencies.AsNoTracking().Select(a => a.Code).ToListAsync(ct)).Append(RoutingRule.OwnKelurahan).Append(RoutingRule.OwnKecamatan).ToHashSet(StringComparer.Ordinal);
        var fromFile = examplesFile is null ? [] : ReadAgencyExamples(examplesFile);
        // A report dispatched twice (a hand-back, a correction) counts once, with its last agency.
        var dispatches = await db.ClassifierExamples.AsNoTracking().Where(e => e.AgencyCode != null).OrderBy(e => e.Id)
            .Select(e => new { e.ReportId, e.Id, e.Text, e.AgencyCode }).ToListAsync(ct);
        var fromDispatches = dispatches.GroupBy(e => e.ReportId?.ToString() ?? "#" + e.Id).Select(g => g.Last())
            .OrderBy(e => e.Id).Select(e => new LabelledText(e.Text, e.AgencyCode!)).ToList();
        var usable = fromFile.Concat(fromDispatches).Where(e => agencies.Contains(e.Label) && TextNormalizer.Normalize(e.Text).Length > 0).ToList();
        var labels = usable.Select(e => e.Label).Distinct().Count();
        if (labels < 2)
            return new AgencyTrainResult(fromFile.Count, fromDispatches.Count, labels, 0, null, null);
        var path = AgencyClassifier.ModelPath(options.Value.DataFolder, packName);
        var (heldOut, accuracy) = TrainAndSave(usable, TextClassifierOptions.Agency, path, ct);
        agencyClassifier.Reload();
        return new AgencyTrainResult(fromFile.Count, fromDispatches.Count, labels, heldOut, accuracy, path);
    }

    /// <summary>Held-out accuracy of a model trained on 90 %, then the model of all examples, written beside the old file and moved over it (a reader never sees half a file).</summary>
    private static (int HeldOut, double? Accuracy) TrainAndSave(List<LabelledText> usable, TextClassifierOptions settings, string path, CancellationToken ct, IReadOnlyDictionary<string, string>? labelNames = null)
    {
        var (training, heldOut) = Split(usable);
        double? accuracy = null;
        if (heldOut.Count > 0 && training.Select(e => e.Label).Distinct().Take(2).Count() == 2)
        {
            ct.ThrowIfCancellationRequested();
            var trial = TextClassifierModel.Train(training, settings, labelNames);
            accuracy = heldOut.Count(e => trial.Predict(e.Text, 1) is [var best] && best.Label == e.Label) / (double)heldOut.Count;
        }
        ct.ThrowIfCancellationRequested();
        var model = TextClassifierModel.Train(usable, settings, labelNames);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        model.Save(temporary);
        File.Move(temporary, path, overwrite: true);
        return (heldOut.Count, accuracy);
    }

    /// <summary>A fixed 90/10 split: every tenth example of a seeded shuffle is held out.</summary>
    internal static (List<LabelledText> Training, List<LabelledText> HeldOut) Split(IReadOnlyList<LabelledText> examples)
    {
        var random = new Random(1);
        var shuffled = examples.OrderBy(_ => random.Next()).ToList();
        return ([.. shuffled.Where((_, i) => i % 10 != 9)], [.. shuffled.Where((_, i) => i % 10 == 9)]);
    }

    /// <summary>Reads a <c>teks,kategori</c> CSV (UTF-8, header row, quotes for commas).</summary>
    public static List<LabelledText> ReadExamples(string path) => Read(path, "kategori");

    /// <summary>
    /// The rows of an examples CSV that name the agency the text was dispatched to (optional column
    /// <c>instansi</c>: an agency code, or <c>{kelurahan}</c> / <c>{kecamatan}</c> for the office of
    /// the report's own area); none when the file has no such column.
    /// </summary>
    public static List<LabelledText> ReadAgencyExamples(string path) => Read(path, "instansi", optional: true);

    private static List<LabelledText> Read(string path, string labelColumn, bool optional = false)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, TrimOptions = TrimOptions.Trim });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header || !header.Contains("teks") || !header.Contains("kategori"))
            throw new InvalidDataException($"{path}: the first line must be the header 'teks,kategori' (optionally ',instansi').");
        var examples = new List<LabelledText>();
        if (optional && !header.Contains(labelColumn))
            return examples;
        while (csv.Read())
        {
            if (csv.GetField("teks") is { Length: > 0 } text && csv.GetField(labelColumn) is { Length: > 0 } label)
                examples.Add(new LabelledText(text, label));
        }
        return examples;
    }
}
