using System.Diagnostics;
using System.Text;
using Aduan.Agencies;
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

    public static Score operator +(Score a, Score b) => new(a.Top1 + b.Top1, a.Top3 + b.Top3, a.Count + b.Count);

    public override string ToString() => Count == 0 ? "-" : $"{100.0 * Top1 / Count:F1} / {100.0 * Top3 / Count:F1}";
}

/// <summary>
/// How the combined agency ranking mixes its parts. <paramref name="Direct"/>: weight w of the
/// direct agency classifier. <paramref name="RulePrior"/>: pseudo-counts α of the pack's routing
/// rule in the learned topic → agency table (∞ = the rules alone, as before).
/// <paramref name="AreaPrior"/>: pseudo-counts β of the topic row in the topic-and-kecamatan table
/// (∞ = no kecamatan table). <paramref name="Reranked"/>: the topic probabilities after
/// <see cref="CategoryRanking"/> instead of the model's own. <paramref name="TopTopics"/>: only the
/// first N topic guesses are routed (production passes three); 0 = all.
/// </summary>
internal sealed record Mix(double Direct, double RulePrior = double.PositiveInfinity, double AreaPrior = double.PositiveInfinity, bool Reranked = false, int TopTopics = 0, double Product = 0)
{
    public override string ToString() => Product > 0 ? $"product, δ {Product:0.##}{(Reranked ? ", re-ranked topics" : "")}" :
        $"w {Direct:0.##}, α {(double.IsPositiveInfinity(RulePrior) ? "∞" : RulePrior.ToString("0.##"))}, β {(double.IsPositiveInfinity(AreaPrior) ? "∞" : AreaPrior.ToString("0.##"))}{(Reranked ? ", re-ranked topics" : "")}{(TopTopics > 0 ? $", top {TopTopics} topics" : "")}";
}

/// <summary>
/// The linear model's probabilities blended with a nearest-neighbour vote: (1 - <paramref name="Weight"/>) ×
/// linear + weight × the votes of the <paramref name="K"/> most similar training texts
/// (similarity^<paramref name="Power"/>). Weight 0 is the linear model alone.
/// </summary>
internal sealed record Blend(double Weight, int K = 20, double Power = 1)
{
    public override string ToString() => Weight == 0 ? "linear alone" : Weight == 1 ? $"neighbours alone (k {K}, power {Power:0.##})" : $"{1 - Weight:0.##} × linear + {Weight:0.##} × neighbours (k {K}, power {Power:0.##})";
}

/// <summary>Production's three figures for one train/test pair: the topic, the agency model alone, and the agency suggestion for a guessed category.</summary>
internal sealed record ProductionScores(Score Topic, Score Direct, Score Suggested)
{
    public static ProductionScores Zero { get; } = new(new(0, 0, 0), new(0, 0, 0), new(0, 0, 0));

    public static ProductionScores operator +(ProductionScores a, ProductionScores b) => new(a.Topic + b.Topic, a.Direct + b.Direct, a.Suggested + b.Suggested);
}

/// <summary>Trains on one set of cases and measures every method on another.</summary>
internal sealed class Evaluation(SurabayaWorld world, List<Case> train, List<Case> test, string trainName, string testName)
{
    /// <summary>Production's models (<see cref="Settings"/>) trained on one set and measured on another, with one line printed under <paramref name="label"/>.</summary>
    public static ProductionScores Production(SurabayaWorld world, List<Case> train, List<Case> test, string trainName, string testName, string label)
    {
        var evaluation = new Evaluation(world, train, test, trainName, testName);
        evaluation.Run(Settings.Topic, Settings.Agency, [new Blend(0)], [Settings.Mix], baselines: false);
        var (_, topic, _, direct, mixes) = evaluation.Blends[0];
        Console.WriteLine($"# {label}: trained on {train.Count:N0}, tested on {test.Count:N0}: topic {topic}; agency model {direct}; agency suggestion {mixes[0]}");
        return new ProductionScores(topic, direct, mixes[0]);
    }

    public List<Result> Results { get; } = [];

    /// <summary>
    /// Per blend (in the order given): the topic score as production ranks it (re-ranked by the
    /// agency model, <see cref="CategoryRanking"/>, when agencies are relative labels), the topic
    /// model's own, the direct agency score, and the combined agency score of each mix.
    /// </summary>
    public List<(Blend Blend, Score Topic, Score ModelTopic, Score Direct, List<Score> Mixes)> Blends { get; } = [];

    public void Run(TextClassifierOptions topicOptions, TextClassifierOptions agencyOptions, IReadOnlyList<Blend> blends, IReadOnlyList<Mix> mixes, bool relativeAgencies = true, bool baselines = true, double recencyDays = 0)
    {
        var topics = test.Select(c => c.Category).ToList();
        var agencies = test.Select(c => c.Agency).ToList();

        if (baselines)
        {
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
        }

        var clock = Stopwatch.StartNew();
        var newest = train.Max(c => c.ReceivedAt);
        double Recency(Case c) => recencyDays <= 0 ? 1 : Math.Pow(0.5, (newest - c.ReceivedAt).TotalDays / recencyDays);
        List<LabelledText> topicExamples = [.. train.Where(c => c.Category is not null).Select(c => new LabelledText(c.Text, c.Category!, Recency(c)))];
        List<LabelledText> agencyExamples = [.. train.Where(c => c.Agency is not null)
            .Select(c => new LabelledText(c.Text, relativeAgencies ? SurabayaWorld.Relative(c.Agency!, c.Lineage) : c.Agency!, Recency(c)))];
        var topicModel = TextClassifierModel.Train(topicExamples, topicOptions, world.CategoryNames);
        var topicTrain = clock.Elapsed;
        var topicScores = topicModel.ScoreMany(test.Select(c => c.Text));
        clock.Restart();
        var agencyModel = TextClassifierModel.Train(agencyExamples, agencyOptions);
        var agencyTrain = clock.Elapsed;
        var agencyScores = agencyModel.ScoreMany(test.Select(c => c.Text));
        clock.Restart();
        var topicNeighbours = new NeighbourVote(topicExamples);
        var agencyNeighbours = new NeighbourVote(agencyExamples);
        var maxK = blends.Max(b => b.K);
        var topicNearest = test.Select(c => topicNeighbours.Nearest(c.Text, maxK)).ToList();
        var agencyNearest = test.Select(c => agencyNeighbours.Nearest(c.Text, maxK)).ToList();
        Console.WriteLine($"  trained topic model ({topicModel.Labels.Count} labels) in {topicTrain.TotalSeconds:F0} s, agency model ({agencyModel.Labels.Count} labels) in {agencyTrain.TotalSeconds:F0} s, neighbours in {clock.Elapsed.TotalSeconds:F0} s; model files {FileMegabytes(topicModel):F1} MB and {FileMegabytes(agencyModel):F1} MB");
        Agreement(topicNearest, agencyNearest, relativeAgencies);

        var table = new AgencyTable(train);
        foreach (var blend in blends)
        {
            var blendedTopics = test.Select((_, i) => Mixed(topicModel, topicScores[i], topicNearest[i], blend)).ToList();
            var blendedAgencies = test.Select((_, i) => Mixed(agencyModel, agencyScores[i], agencyNearest[i], blend)).ToList();
            var ranked = blendedTopics.Select(s => topicModel.Top(s, 3).Select(l => l.Label).ToList()).ToList();
            var topicScore = Score.Of(topics, ranked);
            Calibration(topicModel, blendedTopics, blend);
            Misses(topics, ranked, blend);
            // Production re-ranks the topics by the agency model; "absolute" agency labels cannot.
            var rerankedTopics = relativeAgencies ? Reranked(topicModel, blendedTopics, agencyModel, blendedAgencies, CategoryRanking.Gamma) : blendedTopics;
            var rerankedRanked = rerankedTopics.Select(s => topicModel.Top(s, 3).Select(l => l.Label).ToList()).ToList();
            var rerankedScore = Score.Of(topics, rerankedRanked);
            if (baselines)
                ByTrainingCount("topic", topics, topics, rerankedRanked, topicExamples.Select(e => e.Label));
            if (relativeAgencies)
            {
                Calibration(topicModel, rerankedTopics, blend, $"re-ranked by the agency model, γ {CategoryRanking.Gamma:0.##}");
                Hierarchy(topicModel, blendedTopics, agencyModel, blendedAgencies, topics, agencies, blend);
                ChosenTopic(agencyModel, blendedAgencies, blend);
            }
            var direct = Score.Of(agencies, [.. test.Select((c, i) => Ranked(agencyModel.Top(blendedAgencies[i], 10).Select(l => (l.Label, l.Score)), c))]);
            var what = blend.Weight == 0 ? "" : $", then {blend}";
            Results.Add(new Result($"Topic classifier ({Describe(topicOptions)}{what}) + routing", topicScore, Score.Of(agencies, [.. test.Select((c, i) => RouteAll(ranked[i], c))])));
            if (relativeAgencies)
                Results.Add(new Result($"The same topics re-ranked by the agency classifier (× (P(routed agency) + {CategoryRanking.Floor:0.##})^{CategoryRanking.Gamma:0.##}) + routing", rerankedScore, Score.Of(agencies, [.. test.Select((c, i) => RouteAll(rerankedRanked[i], c))])));
            Results.Add(new Result($"Agency classifier ({Describe(agencyOptions)}{what}; text → agency{(relativeAgencies ? ", own kelurahan/kecamatan as one label" : "")})", null, direct));
            var scores = new List<Score>();
            foreach (var mix in mixes)
            {
                var combined = test.Select((c, i) => Combine(topicModel, (mix.Reranked ? rerankedTopics : blendedTopics)[i], agencyModel, blendedAgencies[i], table, c, mix)).ToList();
                scores.Add(Score.Of(agencies, combined));
                if (baselines && relativeAgencies && mix == Settings.Mix)
                    ByTrainingCount("agency suggestion", test.Select(c => c.Agency is { } a ? SurabayaWorld.Relative(a, c.Lineage) : null).ToList(), agencies, combined, agencyExamples.Select(e => e.Label));
                var routes = double.IsPositiveInfinity(mix.RulePrior) ? "routed topic probabilities"
                    : double.IsPositiveInfinity(mix.AreaPrior) ? $"topic probabilities × agency shares per topic learned from {trainName} ({mix.RulePrior:0.##} pseudo-counts on the pack's rule)"
                    : $"topic probabilities × agency shares per topic and kecamatan learned from {trainName} ({mix.RulePrior:0.##} pseudo-counts on the pack's rule, {mix.AreaPrior:0.##} on the topic)";
                var which = (mix.Reranked ? "re-ranked " : "") + (mix.TopTopics > 0 ? $"first {mix.TopTopics} " : "");
                Results.Add(new Result($"Combined{(blend.Weight == 0 ? "" : $" ({blend})")}: {mix.Direct:0.##} × agency classifier + {1 - mix.Direct:0.##} × {which}{routes}", null, scores[^1]));
            }
            Blends.Add((blend, rerankedScore, topicScore, direct, scores));
        }
    }

    /// <summary>The size of a model's file as production saves it.</summary>
    private static double FileMegabytes(TextClassifierModel model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aduan-bench-model-{Guid.NewGuid():N}.zip");
        try
        {
            model.Save(path);
            return new FileInfo(path).Length / 1e6;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Topics re-ranked by <see cref="CategoryRanking"/> at several γ: P(t) × (P(route(t)) + 0.01)^γ.</summary>
    private void Hierarchy(TextClassifierModel topicModel, List<float[]> topicScores, TextClassifierModel agencyModel, List<float[]> agencyScores, List<string?> topics, List<string?> agencies, Blend blend)
    {
        foreach (var gamma in new[] { 0.1, 0.25, 0.5, 1, 2 })
        {
            var ranked = Reranked(topicModel, topicScores, agencyModel, agencyScores, gamma).Select(s => topicModel.Top(s, 3).Select(l => l.Label).ToList()).ToList();
            Console.WriteLine($"  hierarchy ({blend}, γ {gamma:0.##}): topic {Score.Of(topics, ranked)}, routed agency {Score.Of(agencies, [.. test.Select((c, i) => RouteAll(ranked[i], c))])}");
        }
    }

    /// <summary>Every test row's topic scores after <see cref="CategoryRanking.Rerank"/> (production's code), in the order of the topic model's labels.</summary>
    private List<float[]> Reranked(TextClassifierModel topicModel, List<float[]> topicScores, TextClassifierModel agencyModel, List<float[]> agencyScores, double gamma)
    {
        var index = topicModel.Labels.Select((label, j) => (label, j)).ToDictionary(x => x.label, x => x.j, StringComparer.Ordinal);
        return [.. test.Select((c, i) =>
        {
            var scores = new float[topicScores[i].Length];
            foreach (var (label, score) in CategoryRanking.Rerank(topicModel.Top(topicScores[i], scores.Length), t => RoutedLabel(t, c), ByLabel(agencyModel, agencyScores[i]), gamma))
                scores[index[label]] = (float)score;
            return scores;
        })];
    }

    /// <summary>
    /// When a person chose the topic (here: the city's own topic), the rules' agency for it in the
    /// row's area, mixed with w × the direct agency classifier: (1 - w) × [route(topic)] + w × P_direct.
    /// Rows with a mapped topic only. Production's dispatch form works this way after verification.
    /// </summary>
    private void ChosenTopic(TextClassifierModel agencyModel, List<float[]> agencyScores, Blend blend)
    {
        var actual = test.Select(c => c.Category is null ? null : c.Agency).ToList();
        foreach (var w in new[] { 0, 0.15, 0.3, 0.5 })
        {
            var ranked = test.Select((c, i) =>
            {
                var scores = agencyModel.Labels.Select((label, k) => (label, w * agencyScores[i][k])).ToList();
                if (c.Category is { } topic && RoutedLabel(topic, c) is { } routed)
                    scores.Add((routed, 1 - w));
                return Ranked(scores, c);
            }).ToList();
            var score = Score.Of(actual, ranked);
            Console.WriteLine($"  city's own topic routed ({blend}, w {w:0.##} × agency classifier): {score}");
            Results.Add(new Result($"The city's own topic, routed{(w == 0 ? "" : $", + {w:0.##} × agency classifier")} (rows with a topic; {blend})", null, score));
        }
    }

    private static string Describe(TextClassifierOptions o) =>
        $"{(o.TfIdf ? "TF-IDF" : "counts")}, {Linear(o)}{(o.NameWeight > 0 ? $", category names as texts × {o.NameWeight:0.##}" : "")}{(o.NeighbourWeight > 0 ? $" + {o.NeighbourWeight:0.##} × vote of up to {o.Neighbours} neighbours" : "")}";

    private static string Linear(TextClassifierOptions o) => o.SvmWeight switch
    {
        0 => o.UseLbfgs ? "L-BFGS" : "SDCA",
        1 => Svms(o),
        var w => $"{1 - w:0.##} × {(o.UseLbfgs ? "L-BFGS" : "SDCA")} + {w:0.##} × {Svms(o)}",
    };

    private static string Svms(TextClassifierOptions o) => o.SvmSolver == SvmSolver.DualCoordinateDescent
        ? $"linear SVMs (dual coordinate descent, C {o.SvmCost:0.###}, softmax × {o.SvmScale:0.##})"
        : "linear SVMs";

    /// <summary>The blend of a model's scores and a neighbour vote, in the order of the model's labels.</summary>
    private static float[] Mixed(TextClassifierModel model, float[] linear, List<(string Label, float Similarity)> nearest, Blend blend)
    {
        if (blend.Weight == 0)
            return linear;
        var vote = NeighbourVote.Vote(nearest.Take(blend.K), blend.Power);
        var weight = vote.Count == 0 ? 0 : blend.Weight;
        return [.. linear.Select((p, j) => (float)(((1 - weight) * p) + (weight * vote.GetValueOrDefault(model.Labels[j]))))];
    }

    /// <summary>
    /// A ceiling estimate: among test texts nearly identical to a training text (cosine ≥ the
    /// threshold), how often the city gave the same topic and the same agency as to that text.
    /// </summary>
    private void Agreement(List<List<(string Label, float Similarity)>> topicNearest, List<List<(string Label, float Similarity)>> agencyNearest, bool relative)
    {
        foreach (var threshold in new[] { 0.95f, 0.9f, 0.8f, 0.7f, 0.6f })
        {
            int topicPairs = 0, topicSame = 0, agencyPairs = 0, agencySame = 0;
            for (var i = 0; i < test.Count; i++)
            {
                if (test[i].Category is { } topic && topicNearest[i] is [var t, ..] && t.Similarity >= threshold)
                {
                    topicPairs++;
                    topicSame += t.Label == topic ? 1 : 0;
                }
                if (test[i].Agency is { } agency && agencyNearest[i] is [var a, ..] && a.Similarity >= threshold)
                {
                    agencyPairs++;
                    agencySame += (relative ? Routing.Resolve(a.Label, test[i].Lineage) : a.Label) == agency ? 1 : 0;
                }
            }
            Console.WriteLine($"  near-duplicates (cosine ≥ {threshold:0.##}) of a {trainName} text: {topicPairs:N0} {testName} rows with a topic, same topic {Percent(topicSame, topicPairs)}; {agencyPairs:N0} with an agency, same agency {Percent(agencySame, agencyPairs)}");
        }
    }

    /// <summary>
    /// What a pack's <c>autoCategoryThreshold</c> would do: for each threshold, the share of test
    /// rows whose first guess scores at least that much (taken without an operator) and how often
    /// that guess is the city's topic.
    /// </summary>
    private static readonly double[] Thresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95];

    private void Calibration(TextClassifierModel model, List<float[]> scores, Blend blend, string? what = null)
    {
        var rows = test.Select((c, i) => (c.Category, Best: model.Top(scores[i], 1)[0])).Where(r => r.Category is not null).ToList();
        var line = string.Join("; ", Thresholds.Select(t =>
        {
            var taken = rows.Where(r => r.Best.Score >= t).ToList();
            return $"≥ {t:0.0#}: {Percent(taken.Count, rows.Count)} taken, {Percent(taken.Count(r => r.Best.Label == r.Category), taken.Count)} right";
        }));
        Console.WriteLine($"  topic threshold ({what ?? (blend.Weight == 0 ? "the model as trained" : blend.ToString())}): {line}");
    }

    /// <summary>
    /// Where the topic's top-3 misses are (aggregates only): the city's topics most often missed, the
    /// most frequent (city's topic, first guess) pairs, and how many misses route to the same agency.
    /// </summary>
    private void Misses(List<string?> topics, List<List<string>> ranked, Blend blend)
    {
        var misses = test.Select((c, i) => (c, Truth: topics[i], Guess: ranked[i])).Where(m => m.Truth is not null && !m.Guess.Contains(m.Truth)).ToList();
        var withTopic = topics.Count(t => t is not null);
        var sameAgency = misses.Count(m => m.Guess.Count > 0 && world.Route(m.Truth!, m.c.Lineage) is { } a && a == world.Route(m.Guess[0], m.c.Lineage));
        Console.WriteLine($"  top-3 misses ({blend}): {Percent(misses.Count, withTopic)} of rows with a topic; first guess routes to the city's topic's agency in {Percent(sameAgency, misses.Count)} of them");
        Console.WriteLine("    most missed topics: " + string.Join(", ", misses.GroupBy(m => m.Truth).OrderByDescending(g => g.Count()).Take(10)
            .Select(g => $"{g.Key} {g.Count()} of {topics.Count(t => t == g.Key)}")));
        Console.WriteLine("    most frequent (topic → first guess): " + string.Join(", ", misses.Where(m => m.Guess.Count > 0).GroupBy(m => (m.Truth, m.Guess[0])).OrderByDescending(g => g.Count()).Take(10)
            .Select(g => $"{g.Key.Truth} → {g.Key.Item2} {g.Count()}")));
    }

    /// <summary>
    /// How the move from the training period to the test period shows (aggregates only): the test
    /// rows grouped by how many training examples their label has, the share of each group and the
    /// score on it, and the total-variation distance between the two periods' label shares.
    /// <paramref name="labels"/> group the rows (for agencies: the relative label the model learns);
    /// <paramref name="actual"/> and <paramref name="ranked"/> are what is scored.
    /// </summary>
    private void ByTrainingCount(string what, List<string?> labels, List<string?> actual, List<List<string>> ranked, IEnumerable<string> trainLabels)
    {
        var counts = trainLabels.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rows = Enumerable.Range(0, test.Count).Where(i => labels[i] is not null && actual[i] is not null).ToList();
        var groups = new (string Name, int Low, int High)[] { ("none", 0, 0), ("1-10", 1, 10), ("11-30", 11, 30), ("over 30", 31, int.MaxValue) };
        var parts = groups.Select(g =>
        {
            var inGroup = rows.Where(i => counts.GetValueOrDefault(labels[i]!) is var n && n >= g.Low && n <= g.High).ToList();
            var score = Score.Of([.. inGroup.Select(i => actual[i])], [.. inGroup.Select(i => ranked[i])]);
            return $"{g.Name}: {Percent(inGroup.Count, rows.Count)} of rows, {score}";
        });
        var trainTotal = (double)counts.Values.Sum();
        var testShares = rows.GroupBy(i => labels[i]!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count() / rows.Count, StringComparer.Ordinal);
        var distance = 0.5 * counts.Keys.Union(testShares.Keys).Sum(l => Math.Abs((counts.GetValueOrDefault(l) / trainTotal) - testShares.GetValueOrDefault(l)));
        var unseen = testShares.Keys.Count(l => !counts.ContainsKey(l));
        var rare = rows.GroupBy(i => labels[i]!, StringComparer.Ordinal).Where(g => counts.GetValueOrDefault(g.Key) <= 30)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5)
            .Select(g => $"{g.Key} {g.Count()} ({counts.GetValueOrDefault(g.Key)} in {trainName})");
        Console.WriteLine($"  {what} by the label's examples in {trainName} ({testName} rows; top-1 / top-3 %): {string.Join("; ", parts)}; " +
            $"{unseen} of {testShares.Count} {testName} labels unseen; label shares' total-variation distance {distance:F3}");
        Console.WriteLine($"    most frequent {testName} labels with at most 30 examples in {trainName}: {string.Join(", ", rare)}");
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:F1} %";

    /// <summary>The agencies the routing rules name for each guessed category, in order, without repeats.</summary>
    private List<string> RouteAll(List<string> categories, Case c) =>
        [.. categories.Select(category => world.Route(category, c.Lineage)).OfType<string>().Distinct()];

    /// <summary>Scores of relative agency labels resolved in the case's area, summed per agency, top 3.</summary>
    private static List<string> Ranked(IEnumerable<(string Label, double Score)> scores, Case c)
    {
        var resolved = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (label, score) in scores)
        {
            if (Routing.Resolve(label, c.Lineage) is { } agency)
                resolved[agency] = resolved.GetValueOrDefault(agency) + score;
        }
        return [.. resolved.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(3).Select(s => s.Key)];
    }

    /// <summary>
    /// P(agency) = w·P_direct(agency) + (1-w)·Σ_t P(t)·R(agency | t, area), where R is the pack's
    /// routing rule (α = ∞) or the agencies the city chose for topic t in the training rows,
    /// smoothed towards the rule with α pseudo-counts, and (β finite) for topic t in the case's
    /// kecamatan, smoothed towards the topic's row with β pseudo-counts. Agencies are relative
    /// labels (own kelurahan / kecamatan) until the end, then resolved in the case's area.
    /// </summary>
    private List<string> Combine(TextClassifierModel topicModel, float[] topicScores, TextClassifierModel agencyModel, float[] agencyScores, AgencyTable table, Case c, Mix mix)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var kecamatan = SurabayaWorld.Kecamatan(c.Lineage);
        var routedTopics = mix.TopTopics > 0
            ? topicModel.Top(topicScores, mix.TopTopics).Select(t => (Topic: t.Label, t.Score))
            : topicModel.Labels.Select((label, j) => (Topic: label, Score: (double)topicScores[j]));
        if (mix.Product > 0)
        {
            // Product of experts: P_direct(a) × (Σ routed P(t) + 0.01)^δ, per relative label.
            var routedMass = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (topic, score) in routedTopics)
            {
                if (RoutedLabel(topic, c) is { } label)
                    routedMass[label] = routedMass.GetValueOrDefault(label) + score;
            }
            var labels = agencyModel.Labels.Concat(routedMass.Keys).Distinct(StringComparer.Ordinal);
            var direct = ByLabel(agencyModel, agencyScores);
            return Ranked(labels.Select(label => (label, (direct.GetValueOrDefault(label) + 0.001) * Math.Pow(routedMass.GetValueOrDefault(label) + 0.01, mix.Product))), c);
        }
        foreach (var (topic, score) in routedTopics)
        {
            var p = (1 - mix.Direct) * score;
            if (p < 1e-5)
                continue;
            foreach (var (agency, share) in table.Shares(topic, kecamatan, RoutedLabel(topic, c), mix))
                scores[agency] = scores.GetValueOrDefault(agency) + (p * share);
        }
        for (var k = 0; k < agencyScores.Length; k++)
            scores[agencyModel.Labels[k]] = scores.GetValueOrDefault(agencyModel.Labels[k]) + (mix.Direct * agencyScores[k]);
        return Ranked(scores.Select(s => (s.Key, s.Value)), c);
    }

    /// <summary>The agency the pack's rules route a topic to in the row's area, as the agency model labels it (own offices relative); null without a rule.</summary>
    private string? RoutedLabel(string topic, Case c) => world.Route(topic, c.Lineage) is { } routed ? SurabayaWorld.Relative(routed, c.Lineage) : null;

    /// <summary>A model's scores for one row, by label.</summary>
    private static Dictionary<string, double> ByLabel(TextClassifierModel model, float[] scores) =>
        model.Labels.Select((label, k) => (label, k)).ToDictionary(x => x.label, x => (double)scores[x.k], StringComparer.Ordinal);

    public string Table(bool combined = true)
    {
        var table = new StringBuilder();
        var topicCount = Results.Select(r => r.Topic?.Count ?? 0).Max();
        var agencyCount = Results.Select(r => r.Agency?.Count ?? 0).Max();
        table.AppendLine($"| Method (trained on {train.Count:N0} rows of {trainName}, tested on {test.Count:N0} of {testName}) | Topic top-1 / top-3 % (n = {topicCount:N0}) | Agency top-1 / top-3 % (n = {agencyCount:N0}) |");
        table.AppendLine("|---|---:|---:|");
        foreach (var result in Results.Where(r => combined || !r.Method.StartsWith("Combined", StringComparison.Ordinal)))
            table.AppendLine($"| {result.Method} | {result.Topic?.ToString() ?? "-"} | {result.Agency?.ToString() ?? "-"} |");
        return table.ToString();
    }
}

/// <summary>Which agencies (relative labels) the city chose for each topic, and for each topic in each kecamatan, in the training rows.</summary>
internal sealed class AgencyTable
{
    private readonly Dictionary<string, Dictionary<string, int>> _byTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), Dictionary<string, int>> _byTopicArea = [];

    public AgencyTable(IEnumerable<Case> cases)
    {
        foreach (var c in cases)
        {
            if (c.Category is not { } topic || c.Agency is not { } agency)
                continue;
            var relative = SurabayaWorld.Relative(agency, c.Lineage);
            Add(_byTopic, topic, relative);
            Add(_byTopicArea, (topic, SurabayaWorld.Kecamatan(c.Lineage)), relative);
        }
    }

    private static void Add<TKey>(Dictionary<TKey, Dictionary<string, int>> counts, TKey key, string agency)
        where TKey : notnull
    {
        if (!counts.TryGetValue(key, out var row))
            counts[key] = row = new Dictionary<string, int>(StringComparer.Ordinal);
        row[agency] = row.GetValueOrDefault(agency) + 1;
    }

    /// <summary>R(agency | topic, kecamatan) as described in <see cref="Evaluation"/>; sums to 1 (or 0 with no rule and no rows).</summary>
    public IEnumerable<(string Agency, double Share)> Shares(string topic, string kecamatan, string? rule, Mix mix)
    {
        var topicRow = new Dictionary<string, double>(StringComparer.Ordinal);
        var counts = _byTopic.GetValueOrDefault(topic);
        var total = counts?.Values.Sum() ?? 0;
        if (double.IsPositiveInfinity(mix.RulePrior) || total == 0)
        {
            if (rule is not null)
                topicRow[rule] = 1;
        }
        else
        {
            var prior = rule is null ? 0 : mix.RulePrior;
            foreach (var (agency, n) in counts!)
                topicRow[agency] = n / (total + prior);
            if (rule is not null)
                topicRow[rule] = topicRow.GetValueOrDefault(rule) + (prior / (total + prior));
        }
        if (double.IsPositiveInfinity(mix.AreaPrior) || !_byTopicArea.TryGetValue((topic, kecamatan), out var local))
            return topicRow.Select(x => (x.Key, x.Value));
        var localTotal = local.Values.Sum();
        var mixed = topicRow.ToDictionary(x => x.Key, x => mix.AreaPrior * x.Value / (localTotal + mix.AreaPrior), StringComparer.Ordinal);
        foreach (var (agency, n) in local)
            mixed[agency] = mixed.GetValueOrDefault(agency) + (n / (localTotal + mix.AreaPrior));
        return mixed.Select(x => (x.Key, x.Value));
    }
}
