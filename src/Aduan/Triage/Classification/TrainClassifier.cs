using System.Globalization;
using Aduan.Data;
using Aduan.Packs;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Triage.Classification;

/// <summary>What a training run used and how well the model did on the tenth it did not see.</summary>
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
    string? Problem);

/// <summary>
/// Trains the category model of the loaded pack from its <c>examples.csv</c> (optional), an
/// extra labelled file (a city's own export, kept outside the pack), and every operator
/// decision in <c>classifier_examples</c>. Measures top-1 accuracy on a held-out tenth first,
/// then trains on everything, saves the model atomically and makes the classifier reload it.
/// </summary>
public sealed class TrainClassifier(AduanDbContext db, IOptions<AduanOptions> options, CurrentPack pack, CategoryClassifier classifier)
{
    public async Task<TrainResult> HandleAsync(string? examplesFile, CancellationToken ct)
    {
        var packName = (await pack.GetAsync(ct)).Info.Name;
        var categories = (await db.Categories.AsNoTracking().Where(c => c.IsActive).Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var packFile = Path.Combine(options.Value.ResolvePacksFolder(), packName, "examples.csv");
        var fromPack = File.Exists(packFile) ? ReadExamples(packFile) : [];
        var fromFile = examplesFile is null ? [] : ReadExamples(examplesFile);
        var fromOperators = await db.ClassifierExamples.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new LabelledText(e.Text, e.CategoryCode)).ToListAsync(ct);
        List<LabelledText> all = [.. fromPack, .. fromFile, .. fromOperators];
        var usable = all.Where(e => categories.Contains(e.Label) && TextNormalizer.Normalize(e.Text).Length > 0).ToList();
        var labels = usable.Select(e => e.Label).Distinct().Count();
        TrainResult Result(int heldOut, double? accuracy, string? path, string? problem) =>
            new(packName, fromPack.Count, fromFile.Count, fromOperators.Count, all.Count - usable.Count, labels, heldOut, accuracy, path, problem);
        if (labels < 2)
            return Result(0, null, null, "At least two categories need examples; add examples.csv to the pack or pass --examples.");

        var (training, heldOut) = Split(usable);
        double? accuracy = null;
        if (heldOut.Count > 0 && training.Select(e => e.Label).Distinct().Take(2).Count() == 2)
        {
            ct.ThrowIfCancellationRequested();
            var trial = TextClassifierModel.Train(training);
            accuracy = heldOut.Count(e => trial.Predict(e.Text, 1) is [var best] && best.Label == e.Label) / (double)heldOut.Count;
        }
        ct.ThrowIfCancellationRequested();
        var model = TextClassifierModel.Train(usable);
        var path = CategoryClassifier.ModelPath(options.Value.DataFolder, packName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside the old model and moved over it, so a reader never sees half a file.
        var temporary = path + ".tmp";
        model.Save(temporary);
        File.Move(temporary, path, overwrite: true);
        classifier.Reload();
        return Result(heldOut.Count, accuracy, path, null);
    }

    /// <summary>A fixed 90/10 split: every tenth example of a seeded shuffle is held out.</summary>
    internal static (List<LabelledText> Training, List<LabelledText> HeldOut) Split(IReadOnlyList<LabelledText> examples)
    {
        var random = new Random(1);
        var shuffled = examples.OrderBy(_ => random.Next()).ToList();
        return ([.. shuffled.Where((_, i) => i % 10 != 9)], [.. shuffled.Where((_, i) => i % 10 == 9)]);
    }

    /// <summary>Reads a <c>teks,kategori</c> CSV (UTF-8, header row, quotes for commas).</summary>
    public static List<LabelledText> ReadExamples(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, TrimOptions = TrimOptions.Trim });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header || !header.Contains("teks") || !header.Contains("kategori"))
            throw new InvalidDataException($"{path}: the first line must be the header 'teks,kategori'.");
        var examples = new List<LabelledText>();
        while (csv.Read())
        {
            if (csv.GetField("teks") is { Length: > 0 } text && csv.GetField("kategori") is { Length: > 0 } category)
                examples.Add(new LabelledText(text, category));
        }
        return examples;
    }
}
