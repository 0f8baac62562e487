namespace Aduan.Bench.Classifier;

/// <summary>
/// `--crossval`: production's models measured by random 5-fold cross-validation, first over every
/// row (2022 and 2023 mixed, so no fold predicts a later period than it learned from), then over
/// 2022 alone (as many training rows as the held-out protocol has, minus a fifth). Not the
/// issue's protocol either: it separates what the labels allow a text model (no drift) from what
/// the move from 2022 to 2023 costs, a rough ceiling for the held-out figures.
/// </summary>
internal static class CrossValidation
{
    private const int Folds = 5;

    public static void Run(SurabayaWorld world, List<Case> all)
    {
        Console.WriteLine($"| Random {Folds}-fold cross-validation (fixed seed) | Rows | Topic top-1 / top-3 % | Agency model % | Agency suggestion for a guessed category % |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, rows) in new[] { ("2022 and 2023 mixed", all), ("2022 alone", all.Where(c => c.Year == 2022).ToList()) })
        {
            var fold = Shuffled(rows.Count).Select(i => i % Folds).ToArray();
            var sum = ProductionScores.Zero;
            for (var f = 0; f < Folds; f++)
            {
                var train = rows.Where((_, i) => fold[i] != f).ToList();
                var test = rows.Where((_, i) => fold[i] == f).ToList();
                sum += Evaluation.Production(world, train, test, $"folds ≠ {f + 1}", $"fold {f + 1}", $"{name}, fold {f + 1} of {Folds}");
            }
            Console.WriteLine($"| {name} | {rows.Count:N0} | {sum.Topic} | {sum.Direct} | {sum.Suggested} |");
        }
    }

    /// <summary>Row i goes to fold Shuffled[i] mod 5: a fixed permutation, so reruns use the same folds.</summary>
    private static int[] Shuffled(int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(1).Shuffle(order);
        return order;
    }
}
