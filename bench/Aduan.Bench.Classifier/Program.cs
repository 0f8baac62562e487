using System.Diagnostics;
using System.Globalization;
using Aduan;
using Aduan.Bench.Classifier;
using Aduan.Bench.Shared;
using Aduan.Packs;
using Aduan.Triage.Classification;

// Classifier benchmark: train on Surabaya's 2022 complaints, report on 2023 (see README.md).
// The complaints are real residents' words: only aggregate figures are printed.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var tune = args.Contains("--tune");
var clock = Stopwatch.StartNew();

var packs = new AduanOptions().ResolvePacksFolder();
var pack = PackReader.Read(packs, "surabaya");
var world = new SurabayaWorld(pack, Path.Combine(packs, "surabaya"));
var all = world.Cases(SurabayaComplaints.Read());
Console.WriteLine($"Read {all.Count:N0} complaints with text ({clock.Elapsed.TotalSeconds:F0} s): " +
    $"{all.Count(c => c.Year == 2022):N0} from 2022, {all.Count(c => c.Year == 2023):N0} from 2023.");

if (tune)
{
    // Choose settings on 2022 alone: its last tenth (by date) is the validation set; 2023 is never looked at.
    var year = all.Where(c => c.Year == 2022).OrderBy(c => c.ReceivedAt).ToList();
    var cut = (int)(year.Count * 0.9);
    Tuning.Run(world, year[..cut], year[cut..]);
    return 0;
}

if (args.Contains("--monthly"))
{
    // Not the held-out protocol: what production sees when the retrain job learns from each month's decisions.
    Monthly.Run(world, all);
    Console.WriteLine($"Total time {clock.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores.");
    return 0;
}

if (args.Contains("--crossval"))
{
    // Not the held-out protocol: random folds without the move from 2022 to 2023, a rough ceiling.
    CrossValidation.Run(world, all);
    Console.WriteLine($"Total time {clock.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores.");
    return 0;
}

var train = all.Where(c => c.Year == 2022).ToList();
var test = all.Where(c => c.Year == 2023).ToList();
var evaluation = new Evaluation(world, train, test, "2022", "2023");
evaluation.Run(Settings.Topic, Settings.Agency, [new Blend(0)], [Settings.Mix, Settings.ModelMix, new Mix(0.4), Settings.LearnedMix]);
Console.WriteLine();
Console.WriteLine(evaluation.Table());
Console.WriteLine($"Total time {clock.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores.");
return 0;

internal static class Settings
{
    /// <summary>Production's category model (TF-IDF, 0.3 × SDCA + 0.7 × converged SVMs, names × 6; chosen with --tune on 2022).</summary>
    public static readonly TextClassifierOptions Topic = TextClassifierOptions.Default;

    /// <summary>Production's agency model: the same (chosen with --tune on 2022).</summary>
    public static readonly TextClassifierOptions Agency = TextClassifierOptions.Agency;

    /// <summary>
    /// Weight of the direct agency classifier next to the pack's routing of the topic guesses
    /// (chosen with --tune on 2022); as in production, the routed guesses are the first three
    /// after <see cref="CategoryRanking"/>.
    /// </summary>
    public static readonly Mix Mix = new(AgencyClassifier.WeightWithGuessedCategory, Reranked: true, TopTopics: 3);

    /// <summary>The same weight over all of the topic model's own probabilities (production before the re-ranking).</summary>
    public static readonly Mix ModelMix = new(AgencyClassifier.WeightWithGuessedCategory);

    /// <summary>The same with routing learned from 2022 per topic and kecamatan (no better than the rules on the 2022 split).</summary>
    public static readonly Mix LearnedMix = new(AgencyClassifier.WeightWithGuessedCategory, 2, 1);
}
