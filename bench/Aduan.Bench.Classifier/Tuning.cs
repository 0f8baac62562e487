using System.Diagnostics;
using Aduan.Triage.Classification;

namespace Aduan.Bench.Classifier;

/// <summary>`--tune`: tries feature and trainer settings on a split of 2022 and prints one line per setting.</summary>
internal static class Tuning
{
    private static readonly (string Name, TextClassifierOptions Options)[] Candidates =
    [
        ("default (words 1-2, chars 4, SDCA)", TextClassifierOptions.Default),
        ("absolute (agency labels without own kelurahan/kecamatan)", TextClassifierOptions.Default),
        ("max 50k n-grams", TextClassifierOptions.Default with { MaxNgrams = 50_000 }),
        ("max 10k n-grams", TextClassifierOptions.Default with { MaxNgrams = 10_000 }),
        ("iterations 20", TextClassifierOptions.Default with { MaxIterations = 20 }),
        ("chars 3", TextClassifierOptions.Default with { CharNgrams = 3 }),
        ("chars 5", TextClassifierOptions.Default with { CharNgrams = 5 }),
        ("no chars", TextClassifierOptions.Default with { CharNgrams = 0 }),
        ("words 1", TextClassifierOptions.Default with { WordNgrams = 1 }),
        ("L2 1e-5", TextClassifierOptions.Default with { L2 = 1e-5f }),
        ("L2 1e-3", TextClassifierOptions.Default with { L2 = 1e-3f }),
        ("class weights ^0.5", TextClassifierOptions.Default with { ClassWeightPower = 0.5 }),
        ("L-BFGS", TextClassifierOptions.Default with { UseLbfgs = true, L2 = 1f, MaxIterations = 100 }),
    ];

    /// <summary>The combinations of the direct agency classifier and the (learned) routing tried for every setting.</summary>
    private static readonly Mix[] Grid =
    [
        .. from w in new[] { 0, 0.25, 0.4, 0.55 }
           from alpha in new[] { double.PositiveInfinity, 0, 2, 10 }
           from beta in new[] { double.PositiveInfinity, 1, 5, 20 }
           select new Mix(w, alpha, beta),
    ];

    public static void Run(SurabayaWorld world, List<Case> train, List<Case> validation)
    {
        var only = Environment.GetEnvironmentVariable("BENCH_TUNE_ONLY");
        Console.WriteLine($"Tuning on 2022: {train.Count:N0} training rows, {validation.Count:N0} validation rows (the last tenth by date).");
        foreach (var (name, options) in Candidates.Where(c => only is null || only.Split(',').Any(o => c.Name.StartsWith(o, StringComparison.Ordinal))))
        {
            var clock = Stopwatch.StartNew();
            var evaluation = new Evaluation(world, train, validation, "early 2022", "late 2022");
            evaluation.Run(options, options, Grid, relativeAgencies: !name.StartsWith("absolute", StringComparison.Ordinal), baselines: false);
            Console.WriteLine($"## {name} ({clock.Elapsed.TotalSeconds:F0} s)");
            Console.WriteLine(evaluation.Table(combined: false));
            Console.WriteLine("Combined agency top-1 / top-3 % by mix (best 12 by top-1 + top-3, then the old default w 0.25 with the rules alone):");
            var ranked = Grid.Select((mix, i) => (mix, score: evaluation.Mixes[i])).ToList();
            foreach (var (mix, score) in ranked.OrderByDescending(r => r.score.Top1 + r.score.Top3).Take(12).Append(ranked.First(r => r.mix == new Mix(0.25))))
                Console.WriteLine($"  {mix}: {score}");
        }
    }
}
