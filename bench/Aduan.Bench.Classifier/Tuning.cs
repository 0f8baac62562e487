using System.Diagnostics;
using Aduan.Triage.Classification;

namespace Aduan.Bench.Classifier;

/// <summary>`--tune`: tries feature and trainer settings on a split of 2022 and prints one line per setting.</summary>
internal static class Tuning
{
    private static readonly (string Name, TextClassifierOptions Options)[] Candidates =
    [
        ("default (words 1-2, chars 4, SDCA)", TextClassifierOptions.Default),
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

    public static void Run(SurabayaWorld world, List<Case> train, List<Case> validation)
    {
        var only = Environment.GetEnvironmentVariable("BENCH_TUNE_ONLY");
        Console.WriteLine($"Tuning on 2022: {train.Count:N0} training rows, {validation.Count:N0} validation rows (the last tenth by date).");
        foreach (var (name, options) in Candidates.Where(c => only is null || only.Split(',').Contains(c.Name.Split(' ')[0])))
        {
            var clock = Stopwatch.StartNew();
            var evaluation = new Evaluation(world, train, validation, "early 2022", "late 2022");
            evaluation.Run(options, options, 0, 0.25, 0.5, 0.75);
            Console.WriteLine($"## {name} ({clock.Elapsed.TotalSeconds:F0} s)");
            Console.WriteLine(evaluation.Table());
        }
    }
}
