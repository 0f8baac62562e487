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
        ("tf-idf", TextClassifierOptions.Default with { TfIdf = true }),
        ("tf-idf, 50k, chars 1-5", TextClassifierOptions.Default with { TfIdf = true, MaxNgrams = 50_000, CharNgrams = 5, CharAllLengths = true }),
        ("L-BFGS", TextClassifierOptions.Default with { UseLbfgs = true, L2 = 1f, MaxIterations = 100 }),
    ];

    /// <summary>The combinations of the direct agency classifier and the (learned) routing tried for every setting.</summary>
    private static readonly Mix[] Grid =
    [
        .. new[] { 0, 0.25, 0.4, 0.55, 0.7, 0.85, 1 }.Select(w => new Mix(w)),
        new Mix(0.4, 2, 1),
        new Mix(0.55, 2, 1),
    ];

    /// <summary>The nearest-neighbour blends tried on top of every linear setting.</summary>
    private static readonly Blend[] Blends =
    [
        new Blend(0),
        .. from weight in new[] { 0.25, 0.4, 0.55, 0.7, 1 }
           from k in new[] { 5, 10, 20, 40 }
           from power in new[] { 1.0, 4 }
           select new Blend(weight, k, power),
    ];

    public static void Run(SurabayaWorld world, List<Case> train, List<Case> validation)
    {
        var only = Environment.GetEnvironmentVariable("BENCH_TUNE_ONLY");
        Console.WriteLine($"Tuning on 2022: {train.Count:N0} training rows, {validation.Count:N0} validation rows (the last tenth by date).");
        foreach (var (name, options) in Candidates.Where(c => only is null || only.Split(',').Any(o => c.Name.StartsWith(o, StringComparison.Ordinal))))
        {
            var clock = Stopwatch.StartNew();
            var evaluation = new Evaluation(world, train, validation, "early 2022", "late 2022");
            evaluation.Run(options, options, Blends, Grid, relativeAgencies: !name.StartsWith("absolute", StringComparison.Ordinal), baselines: false);
            Console.WriteLine($"## {name} ({clock.Elapsed.TotalSeconds:F0} s)");
            Console.WriteLine("Per blend: topic top-1 / top-3, direct agency, best combined agency (by top-1 + top-3) and its mix:");
            foreach (var (blend, topic, direct, mixes) in evaluation.Blends)
            {
                var best = mixes.Select((score, i) => (score, mix: Grid[i])).MaxBy(m => m.score.Top1 + m.score.Top3);
                Console.WriteLine($"  {blend}: topic {topic}; direct {direct}; combined {best.score} ({best.mix}); w 0.4 {mixes[2]}");
            }
            var top = evaluation.Blends.MaxBy(b => b.Topic.Top1 + b.Topic.Top3);
            Console.WriteLine($"  best topic: {top.Blend}: {top.Topic}");
        }
    }
}
