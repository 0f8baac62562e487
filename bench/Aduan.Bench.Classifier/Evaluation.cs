using System.Diagnostics;
using System.Text;
using Aduan.Triage.Classification;

namespace Aduan.Bench.Classifier;

/// <summary>Top-1 and top-3 hits of one method, for the topic (category) and for the agency.</summary>
internal sealed record Result(string Method, Score? Topic, Score? Agency);

internal sealed record Score(int Top1, int Top3, int Count)
{
    public static Score Of(IReadOnlyList<string?> actual, IReadOnlyList<List<string>> ranked)
    {
        int top1 = 0, top3 = 0, count = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] is not { } truth)
                continue;
            count++;
            if (ranked[i].Count > 0 && ranked[i][0] == truth)
                top1++;
            if (ranked[i].Take(3).Contains(truth))
                top3++;
        }
        return new Score(top1, top3, count);
    }

    public override string ToString() => Count == 0 ? "-" : $"{100.0 * Top1 / Count:F1} / {100.0 * Top3 / Count:F1}";
}

/// <summary>Trains on one set of cases and measures every method on another.</summary>
internal sealed class Evaluation(SurabayaWorld world, List<Case> train, List<Case> test, string trainName, string testName)
{
    public List<Result> Results { get; } = [];

    public void Run(TextClassifierOptions topicOptions, TextClassifierOptions agencyOptions, params double[] directWeights)
    {
        var topics = test.Select(c => c.Category).ToList();
        var agencies = test.Select(c => c.Agency).ToList();

        var majorityTopic = new MajorityBaseline(train.Where(c => c.Category is not null).Select(c => c.Category!));
        var majorityAgency = new MajorityBaseline(train.Where(c => c.Agency is not null).Select(c => c.Agency!));
        Results.Add(new Result("Most frequent class",
            Score.Of(topics, [.. test.Select(_ => majorityTopic.Rank(3))]),
            Score.Of(agencies, [.. test.Select(_ => majorityAgency.Rank(3))])));

        var rules = new KeywordRules([.. train.Where(c => c.Category is not null).Select(c => (c.Text, c.Category!))]);
        var ruleTopics = test.Select(c => rules.Rank(c.Text, 3)).ToList();
        Results.Add(new Result($"Keyword rules ({rules.Count} derived from 2022) + routing",
            Score.Of(topics, ruleTopics),
            Score.Of(agencies, [.. test.Select((c, i) => RouteAll(ruleTopics[i], c))])));

        var clock = Stopwatch.StartNew();
        var topicModel = TextClassifierModel.Train([.. train.Where(c => c.Category is not null).Select(c => new LabelledText(c.Text, c.Category!))], topicOptions);
        var topicTrain = clock.Elapsed;
        var topicScores = topicModel.ScoreMany(test.Select(c => c.Text));
        clock.Restart();
        var agencyModel = TextClassifierModel.Train([.. train.Where(c => c.Agency is not null).Select(c => new LabelledText(c.Text, c.Agency!))], agencyOptions);
        var agencyTrain = clock.Elapsed;
        var agencyScores = agencyModel.ScoreMany(test.Select(c => c.Text));
        Console.WriteLine($"  trained topic model ({topicModel.Labels.Count} labels) in {topicTrain.TotalSeconds:F0} s, agency model ({agencyModel.Labels.Count} labels) in {agencyTrain.TotalSeconds:F0} s");

        var mlTopics = topicScores.Select(s => topicModel.Top(s, 3).Select(l => l.Label).ToList()).ToList();
        Results.Add(new Result("ML.NET topic classifier + routing",
            Score.Of(topics, mlTopics),
            Score.Of(agencies, [.. test.Select((c, i) => RouteAll(mlTopics[i], c))])));
        Results.Add(new Result("ML.NET agency classifier (text → agency)", null,
            Score.Of(agencies, [.. agencyScores.Select(s => agencyModel.Top(s, 3).Select(l => l.Label).ToList())])));
        foreach (var weight in directWeights)
        {
            var combined = test.Select((c, i) => Combine(topicModel, topicScores[i], agencyModel, agencyScores[i], c, weight)).ToList();
            Results.Add(new Result($"Combined: {weight:0.##} × agency classifier + {1 - weight:0.##} × routed topic probabilities", null, Score.Of(agencies, combined)));
        }
    }

    /// <summary>The agencies the routing rules name for each guessed category, in order, without repeats.</summary>
    private List<string> RouteAll(List<string> categories, Case c) =>
        [.. categories.Select(category => world.Route(category, c.Lineage)).OfType<string>().Distinct()];

    /// <summary>
    /// P(agency) = w·P_direct(agency) + (1-w)·Σ P(category) over the categories routed to that
    /// agency in the case's area: the topic model's knowledge of the routing rules and the direct
    /// model's knowledge of the city's exceptions, in one ranking.
    /// </summary>
    private List<string> Combine(TextClassifierModel topicModel, float[] topicScores, TextClassifierModel agencyModel, float[] agencyScores, Case c, double weight)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < topicScores.Length; j++)
        {
            if (world.Route(topicModel.Labels[j], c.Lineage) is { } agency)
                scores[agency] = scores.GetValueOrDefault(agency) + ((1 - weight) * topicScores[j]);
        }
        for (var k = 0; k < agencyScores.Length; k++)
            scores[agencyModel.Labels[k]] = scores.GetValueOrDefault(agencyModel.Labels[k]) + (weight * agencyScores[k]);
        return [.. scores.OrderByDescending(s => s.Value).Take(3).Select(s => s.Key)];
    }

    public string Table()
    {
        var table = new StringBuilder();
        var topicCount = Results.Select(r => r.Topic?.Count ?? 0).Max();
        var agencyCount = Results.Select(r => r.Agency?.Count ?? 0).Max();
        table.AppendLine($"| Method (trained on {train.Count:N0} rows of {trainName}, tested on {test.Count:N0} of {testName}) | Topic top-1 / top-3 % (n = {topicCount:N0}) | Agency top-1 / top-3 % (n = {agencyCount:N0}) |");
        table.AppendLine("|---|---:|---:|");
        foreach (var result in Results)
            table.AppendLine($"| {result.Method} | {result.Topic?.ToString() ?? "-"} | {result.Agency?.ToString() ?? "-"} |");
        return table.ToString();
    }
}
