namespace Aduan.Bench.Classifier;

/// <summary>
/// `--monthly`: production's models retrained at the start of each month of 2023 from 2022 and the
/// 2023 months before it (the city's labels standing for the operators' decisions, as the retrain
/// job learns from them), each measured on its month. Not the held-out protocol (train on
/// 2022 only): it shows what a city running Aduan would see once new topics have been labelled.
/// </summary>
internal static class Monthly
{
    public static void Run(SurabayaWorld world, List<Case> all)
    {
        var months = all.Where(c => c.Year == 2023).Select(c => new DateTime(c.ReceivedAt.Year, c.ReceivedAt.Month, 1)).Distinct().Order().ToList();
        var sum = ProductionScores.Zero;
        foreach (var month in months)
        {
            var train = all.Where(c => c.ReceivedAt < month).ToList();
            var test = all.Where(c => c.ReceivedAt >= month && c.ReceivedAt < month.AddMonths(1)).ToList();
            sum += Evaluation.Production(world, train, test, $"before {month:yyyy-MM}", $"{month:yyyy-MM}", $"{month:yyyy-MM}");
        }
        Console.WriteLine();
        Console.WriteLine("| Retrained monthly on 2022 and the 2023 months before (tested on each month of 2023) | Top-1 / top-3 % |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| Topic (n = {sum.Topic.Count:N0}) | {sum.Topic} |");
        Console.WriteLine($"| Agency model (n = {sum.Direct.Count:N0}) | {sum.Direct} |");
        Console.WriteLine($"| Agency suggestion for a guessed category ({Settings.Mix}) | {sum.Suggested} |");
    }
}
