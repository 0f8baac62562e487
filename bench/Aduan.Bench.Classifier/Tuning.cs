using System.Diagnostics;
using Aduan.Triage.Classification;

namespace Aduan.Bench.Classifier;

/// <summary>`--tune`: tries feature and trainer settings on a split of 2022 and prints one line per setting.</summary>
internal static class Tuning
{
    /// <summary>The model before TF-IDF and neighbours: raw counts, the linear model alone.</summary>
    private static readonly TextClassifierOptions Counts = TextClassifierOptions.Default with { TfIdf = false, NeighbourWeight = 0, SvmWeight = 0 };

    /// <summary>Production's features with SDCA alone (before the SVMs) and without its neighbour vote (the blends below add it back).</summary>
    private static readonly TextClassifierOptions Linear = TextClassifierOptions.Default with { NeighbourWeight = 0, SvmWeight = 0 };

    /// <summary>Production with its SVMs trained to convergence by dual coordinate descent, without its neighbour vote.</summary>
    private static readonly TextClassifierOptions Dual = TextClassifierOptions.Default with { NeighbourWeight = 0, SvmSolver = SvmSolver.DualCoordinateDescent };

    private static readonly (string Name, TextClassifierOptions Options)[] Candidates =
    [
        ("default (words 1-2, chars 4, SDCA)", Counts),
        ("absolute (agency labels without own kelurahan/kecamatan)", Counts),
        ("max 50k n-grams", Counts with { MaxNgrams = 50_000 }),
        ("max 10k n-grams", Counts with { MaxNgrams = 10_000 }),
        ("iterations 20", Counts with { MaxIterations = 20 }),
        ("chars 3", Counts with { CharNgrams = 3 }),
        ("chars 5", Counts with { CharNgrams = 5 }),
        ("no chars", Counts with { CharNgrams = 0 }),
        ("words 1", Counts with { WordNgrams = 1 }),
        ("L2 1e-5", Counts with { L2 = 1e-5f }),
        ("L2 1e-3", Counts with { L2 = 1e-3f }),
        ("class weights ^0.5", Counts with { ClassWeightPower = 0.5 }),
        ("tf-idf (words 1-2, chars 4)", Linear),
        ("tf-idf, 30 iterations", Linear with { MaxIterations = 30 }),
        ("tf-idf, 20 iterations", Linear with { MaxIterations = 20 }),
        ("tf-idf, L2 1e-5", Linear with { L2 = 1e-5f }),
        ("tf-idf, L2 1e-3", Linear with { L2 = 1e-3f }),
        ("tf-idf, L-BFGS L2 1", Linear with { UseLbfgs = true, L2 = 1f, MaxIterations = 100 }),
        ("tf-idf, L-BFGS L2 0.1", Linear with { UseLbfgs = true, L2 = 0.1f, MaxIterations = 100 }),
        ("tf-idf, recency 90 d", Linear),
        ("tf-idf, recency 180 d", Linear),
        ("tf-idf, recency 365 d", Linear),
        ("tf-idf, 50k, chars 1-5", Linear with { MaxNgrams = 50_000, CharNgrams = 5, CharAllLengths = true }),
        ("tf-idf, linear SVMs λ 1e-3", Linear with { SvmWeight = 1, SvmL2 = 1e-3f }),
        ("tf-idf, linear SVMs λ 1e-4", Linear with { SvmWeight = 1, SvmL2 = 1e-4f }),
        ("tf-idf, 0.7 × SDCA + 0.3 × SVMs", Linear with { SvmWeight = 0.3 }),
        ("tf-idf, 0.5 × SDCA + 0.5 × SVMs", Linear with { SvmWeight = 0.5 }),
        ("tf-idf, 0.3 × SDCA + 0.7 × SVMs", Linear with { SvmWeight = 0.7 }),
        ("tf-idf, 0.7 × SDCA + 0.3 × SVMs λ 1e-5", Linear with { SvmWeight = 0.3, SvmL2 = 1e-5f }),
        ("tf-idf, 0.7 × SDCA + 0.3 × SVMs λ 1e-3", Linear with { SvmWeight = 0.3, SvmL2 = 1e-3f }),
        ("names 1: production + each category's name, weight 1", TextClassifierOptions.Default with { NeighbourWeight = 0, NameWeight = 1 }),
        ("names 3: production + each category's name, weight 3", TextClassifierOptions.Default with { NeighbourWeight = 0, NameWeight = 3 }),
        ("names 6: production + each category's name, weight 6", TextClassifierOptions.Default with { NeighbourWeight = 0, NameWeight = 6 }),
        ("names 6, SVMs alone", TextClassifierOptions.Default with { NeighbourWeight = 0, NameWeight = 6, SvmWeight = 1 }),
        ("names 6, 0.5 × SDCA + 0.5 × SVMs", TextClassifierOptions.Default with { NeighbourWeight = 0, NameWeight = 6, SvmWeight = 0.5 }),
        ("names 6, 30 iterations", TextClassifierOptions.Default with { NeighbourWeight = 0, NameWeight = 6, MaxIterations = 30 }),
        ("names 0: production", TextClassifierOptions.Default with { NeighbourWeight = 0, NameWeight = 0 }),
        ("dcd C 0.3 alone", Dual with { SvmWeight = 1, SvmCost = 0.3 }),
        ("dcd C 1 alone", Dual with { SvmWeight = 1, SvmCost = 1 }),
        ("dcd C 0.1 alone", Dual with { SvmWeight = 1, SvmCost = 0.1 }),
        ("dcd C 0.3, 0.7 × SDCA + 0.3 × SVMs, softmax 5", Dual with { SvmCost = 0.3 }),
        ("dcd C 0.3, 0.5 × SDCA + 0.5 × SVMs, softmax 5", Dual with { SvmCost = 0.3, SvmWeight = 0.5 }),
        ("dcd C 0.3, 0.5 × SDCA + 0.5 × SVMs, softmax 10", Dual with { SvmCost = 0.3, SvmWeight = 0.5, SvmScale = 10 }),
        ("dcd C 0.3, 0.3 × SDCA + 0.7 × SVMs, softmax 5", Dual with { SvmCost = 0.3, SvmWeight = 0.7 }),
        ("dcd C 0.3, 0.3 × SDCA + 0.7 × SVMs, softmax 2", Dual with { SvmCost = 0.3, SvmWeight = 0.7, SvmScale = 2 }),
        ("dcd C 0.3 alone, softmax 10", Dual with { SvmWeight = 1, SvmCost = 0.3, SvmScale = 10 }),
        ("dcd C 0.3 alone, softmax 20", Dual with { SvmWeight = 1, SvmCost = 0.3, SvmScale = 20 }),
        ("dcd C 0.3 alone, softmax 40", Dual with { SvmWeight = 1, SvmCost = 0.3, SvmScale = 40 }),
        ("dcd C 0.3, 0.5 × SDCA + 0.5 × SVMs, softmax 20", Dual with { SvmCost = 0.3, SvmWeight = 0.5, SvmScale = 20 }),
        ("dcd C 0.3, 0.3 × SDCA + 0.7 × SVMs, softmax 20", Dual with { SvmCost = 0.3, SvmWeight = 0.7, SvmScale = 20 }),
        ("dcd C 0.3, 0.7 × SDCA + 0.3 × SVMs, softmax 20", Dual with { SvmCost = 0.3, SvmScale = 20 }),
        ("dcd C 0.2, 0.3 × SDCA + 0.7 × SVMs, softmax 20", Dual with { SvmCost = 0.2, SvmWeight = 0.7, SvmScale = 20 }),
        ("dcd C 0.5, 0.3 × SDCA + 0.7 × SVMs, softmax 20", Dual with { SvmCost = 0.5, SvmWeight = 0.7, SvmScale = 20 }),
        ("dcd C 0.3, 0.3 × SDCA + 0.7 × SVMs, softmax 30", Dual with { SvmCost = 0.3, SvmWeight = 0.7, SvmScale = 30 }),
        ("dcd C 0.3, 0.3 × SDCA + 0.7 × SVMs, softmax 15", Dual with { SvmCost = 0.3, SvmWeight = 0.7, SvmScale = 15 }),
        ("production", TextClassifierOptions.Default),
        ("production, 50k n-grams", TextClassifierOptions.Default with { MaxNgrams = 50_000 }),
        ("production, chars 3-5, 50k", TextClassifierOptions.Default with { CharNgrams = 5, CharAllLengths = true, MaxNgrams = 50_000 }),
        ("production, words 1-3", TextClassifierOptions.Default with { WordNgrams = 3 }),
        ("agency: SVMs alone, C 0.3", TextClassifierOptions.Agency with { SvmWeight = 1 }),
        ("agency: C 1", TextClassifierOptions.Agency with { SvmCost = 1 }),
        ("agency: C 0.1", TextClassifierOptions.Agency with { SvmCost = 0.1 }),
        ("agency: 0.5 × SDCA + 0.5 × SVMs", TextClassifierOptions.Agency with { SvmWeight = 0.5 }),
        ("L-BFGS", Counts with { UseLbfgs = true, L2 = 1f, MaxIterations = 100 }),
    ];

    /// <summary>The combinations of the direct agency classifier and the (learned) routing tried for every setting.</summary>
    private static readonly Mix[] Grid =
    [
        .. new[] { 0, 0.25, 0.4, 0.55, 0.7, 0.85, 1 }.Select(w => new Mix(w)),
        new Mix(0.4, 2, 1),
        new Mix(0.55, 2, 1),
        .. from w in new[] { 0.4, 0.55, 0.7, 0.85 }
           from variant in new[] { (Reranked: false, Top: 3), (Reranked: true, Top: 3), (Reranked: true, Top: 0) }
           select new Mix(w, Reranked: variant.Reranked, TopTopics: variant.Top),
        .. from delta in new[] { 0.1, 0.25, 0.5, 1 }
           select new Mix(0, Product: delta),
    ];

    /// <summary>The nearest-neighbour blends tried on top of every linear setting.</summary>
    private static readonly Blend[] Blends =
    [
        new Blend(0),
        .. from weight in new[] { 0.25, 0.4, 0.55 }
           from k in new[] { 20, 40 }
           select new Blend(weight, k),
    ];

    /// <summary>BENCH_BLENDS=few: only the models as trained, without a neighbour vote on top (production has none since the converged SVMs), for a quicker run.</summary>
    private static readonly Blend[] FewBlends = [new Blend(0)];

    /// <summary>"recency 90 d": training rows weigh half as much for every 90 days before the newest.</summary>
    private static double RecencyDays(string name) =>
        name.IndexOf("recency ", StringComparison.Ordinal) is var at and >= 0 ? double.Parse(name[(at + 8)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : 0;

    public static void Run(SurabayaWorld world, List<Case> train, List<Case> validation)
    {
        var only = Environment.GetEnvironmentVariable("BENCH_TUNE_ONLY");
        Console.WriteLine($"Tuning on 2022: {train.Count:N0} training rows, {validation.Count:N0} validation rows (the last tenth by date).");
        foreach (var (name, options) in Candidates.Where(c => only is null || only.Split(';', StringSplitOptions.RemoveEmptyEntries).Any(o => c.Name.StartsWith(o, StringComparison.Ordinal))))
        {
            var clock = Stopwatch.StartNew();
            var evaluation = new Evaluation(world, train, validation, "early 2022", "late 2022");
            // "agency: …" tries agency model settings beside production's category model.
            evaluation.Run(name.StartsWith("agency:", StringComparison.Ordinal) ? TextClassifierOptions.Default : options, options, Environment.GetEnvironmentVariable("BENCH_BLENDS") == "few" ? FewBlends : Blends, Grid, relativeAgencies: !name.StartsWith("absolute", StringComparison.Ordinal), baselines: false, recencyDays: RecencyDays(name));
            Console.WriteLine($"## {name} ({clock.Elapsed.TotalSeconds:F0} s)");
            Console.WriteLine("Per blend: topic top-1 / top-3, direct agency, best combined agency (by top-1 + top-3) and its mix:");
            foreach (var (blend, topic, modelTopic, direct, mixes) in evaluation.Blends)
            {
                var best = mixes.Select((score, i) => (score, mix: Grid[i])).MaxBy(m => m.score.Top1 + m.score.Top3);
                Console.WriteLine($"  {blend}: topic {modelTopic}, re-ranked {topic}; direct {direct}; combined {best.score} ({best.mix}); w 0.4 {mixes[2]}");
                Console.WriteLine($"    every mix: {string.Join("; ", mixes.Select((score, i) => $"{Grid[i]}: {score}"))}");
            }
            var top = evaluation.Blends.MaxBy(b => b.Topic.Top1 + b.Topic.Top3);
            Console.WriteLine($"  best topic: {top.Blend}: {top.Topic}");
        }
    }
}
