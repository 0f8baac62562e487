using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Aduan.Triage.Classification;

/// <summary>
/// A text with the label a person gave it (a category code, or an agency code); <paramref name="Weight"/>
/// scales how much the example counts in training (1 = as much as any other).
/// </summary>
public sealed record LabelledText(string Text, string Label, double Weight = 1);

/// <summary>A label and its softmax score (0-1; the scores of all labels sum to 1).</summary>
public sealed record LabelScore(string Label, double Score);

/// <summary>How the text is turned into features and which trainer learns from them.</summary>
public sealed record TextClassifierOptions
{
    /// <summary>Word n-grams up to this length (all shorter lengths included).</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Character n-grams of exactly this length (0 = none); catch misspellings and affixes ("diperbaiki", "perbaikan").</summary>
    public int CharNgrams { get; init; } = 4;

    /// <summary>Keep only the most frequent word and character n-grams: the model holds one weight per n-gram and label.</summary>
    public int MaxNgrams { get; init; } = 20_000;

    /// <summary>All character n-grams up to <see cref="CharNgrams"/> instead of only that length.</summary>
    public bool CharAllLengths { get; init; }

    /// <summary>Weigh n-grams by TF-IDF instead of raw counts (rare n-grams count more than common ones).</summary>
    public bool TfIdf { get; init; } = true;

    public bool UseLbfgs { get; init; }

    /// <summary>
    /// Weight of one-versus-all linear SVMs (Platt-calibrated, then scaled to sum to 1) averaged
    /// with the maximum-entropy model: (1 - w) × maximum entropy + w × SVM. 0 = none, 1 = the SVMs
    /// alone. The SVMs' first guess is right more often; the maximum-entropy model ranks the
    /// runners-up better; the average keeps both (chosen on Surabaya's 2022 complaints).
    /// </summary>
    public double SvmWeight { get; init; }

    /// <summary>The SVMs' regularisation (λ).</summary>
    public float SvmL2 { get; init; } = 1e-4f;

    /// <summary>L2 regularisation of the maximum-entropy trainer; null lets the trainer choose.</summary>
    public float? L2 { get; init; } = 1e-4f;

    /// <summary>Passes over the training data of the maximum-entropy trainer and of the SVMs (null: the trainer's own default).</summary>
    public int? MaxIterations { get; init; } = 10;

    /// <summary>Give rare labels more weight (1 = none, 0.5 = inverse square root of the label's count).</summary>
    public double ClassWeightPower { get; init; }

    /// <summary>
    /// How much each label's name (a category's "Kelas Catin", passed to <see cref="TextClassifierModel.Train"/>)
    /// weighs as one more training text of that label for the linear models (0 = names unused).
    /// A label with few examples gets its own words, and one with none (a category the city has
    /// just added) can still be suggested when a complaint uses them. Names never vote as neighbours.
    /// </summary>
    public double NameWeight { get; init; }

    /// <summary>Weight of the nearest-neighbour vote blended with the linear model's scores (0 = none).</summary>
    public double NeighbourWeight { get; init; } = 0.25;

    /// <summary>
    /// How many of the most similar training texts vote, at most: never more than the mean number
    /// of examples per label, since a label with 8 examples can win at most 8 of 40 votes and a
    /// vote that wide flattens every score (a pack's few invented examples against a city's
    /// thousands of real ones).
    /// </summary>
    public int Neighbours { get; init; } = 40;

    /// <summary>Each neighbour's vote is its cosine similarity raised to this power (higher: the closest count more).</summary>
    public double NeighbourPower { get; init; } = 1;

    /// <summary>
    /// TF-IDF word 1-2-grams and character 4-grams; 0.7 × SDCA maximum entropy + 0.3 × linear
    /// SVMs, each category's name weighing as six texts; blended with 0.25 × the vote of up to 40
    /// nearest training texts: chosen on Surabaya's 2022 complaints (docs/benchmarks.md).
    /// </summary>
    public static TextClassifierOptions Default { get; } = new() { SvmWeight = 0.3, NameWeight = 6 };

    /// <summary>The agency model's: the same features, 0.5 × maximum entropy + 0.5 × SVMs, blended with 0.4 × the vote of up to 20 neighbours (chosen on Surabaya's 2022 complaints).</summary>
    public static TextClassifierOptions Agency { get; } = new() { SvmWeight = 0.5, NeighbourWeight = 0.4, Neighbours = 20 };
}

/// <summary>
/// An ML.NET multiclass text classifier: <see cref="TextNormalizer"/>, then word 1-2-grams and
/// character 4-grams (counts or TF-IDF, L2-normalised), then a maximum-entropy trainer whose
/// scores are softmax probabilities, optionally averaged with one-versus-all linear SVMs over the
/// same features; optionally blended with a <see cref="NeighbourVote"/> over the training texts.
/// Prediction is thread-safe: engines are pooled, one per concurrent caller and part, since an
/// ML.NET PredictionEngine is not.
/// </summary>
public sealed class TextClassifierModel
{
    private const string LinearEntry = "linear.zip";
    private const string SvmEntry = "svm.zip";
    private const string PartsEntry = "parts.json";
    private const string NeighboursEntry = "neighbours.json";

    private readonly MLContext _ml;
    private readonly IReadOnlyList<Part> _parts;
    private readonly string[] _labels;
    private readonly Neighbours? _neighbours;

    private TextClassifierModel(MLContext ml, IReadOnlyList<Part> parts, DataViewSchema inputSchema, Neighbours? neighbours)
    {
        _ml = ml;
        _parts = parts;
        _neighbours = neighbours;
        _labels = LabelsOf(parts[0].Model, inputSchema);
        if (parts.Skip(1).Any(p => !LabelsOf(p.Model, inputSchema).SequenceEqual(_labels)))
            throw new InvalidDataException("The parts of a classifier do not score the same labels in the same order.");
    }

    private static string[] LabelsOf(ITransformer model, DataViewSchema inputSchema)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(inputSchema)["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    public IReadOnlyList<string> Labels => _labels;

    /// <summary>
    /// Trains on the examples and, when <see cref="TextClassifierOptions.NameWeight"/> is above 0,
    /// on each label's name in <paramref name="labelNames"/> (label → name; names that normalise to
    /// nothing are skipped). A label that has a name but no example can be predicted too.
    /// </summary>
    public static TextClassifierModel Train(IReadOnlyList<LabelledText> examples, TextClassifierOptions? options = null, IReadOnlyDictionary<string, string>? labelNames = null)
    {
        options ??= TextClassifierOptions.Default;
        if (options.SvmWeight is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.SvmWeight, "SvmWeight must be between 0 and 1.");
        if (options.NameWeight < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.NameWeight, "NameWeight must not be negative.");
        if (examples.Select(e => e.Label).Distinct().Take(2).Count() < 2)
            throw new ArgumentException("At least two different labels are needed to train a classifier.", nameof(examples));
        var ml = new MLContext(seed: 1);
        var counts = examples.GroupBy(e => e.Label).ToDictionary(g => g.Key, g => g.Count());
        var mean = counts.Values.Average();
        var names = options.NameWeight > 0 && labelNames is not null
            ? labelNames.OrderBy(n => n.Key, StringComparer.Ordinal)
                .Select(n => new TrainingRow { Text = TextNormalizer.Normalize(n.Value), Label = n.Key, Weight = (float)options.NameWeight })
                .Where(n => n.Text.Length > 0)
            : [];
        var rows = examples.Select(e => new TrainingRow
        {
            Text = TextNormalizer.Normalize(e.Text),
            Label = e.Label,
            Weight = (float)(e.Weight * (options.ClassWeightPower == 0 ? 1 : Math.Pow(mean / counts[e.Label], options.ClassWeightPower))),
        }).Concat(names);
        // The label is mapped to a key outside the saved model, so that predicting needs only the text.
        var data = ml.Data.LoadFromEnumerable(rows);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", "Label").Fit(data).Transform(data);
        var featurizer = Features(ml, options).Fit(keyed);
        var features = ml.Data.Cache(featurizer.Transform(keyed));
        List<Part> parts = [];
        if (options.SvmWeight < 1)
            parts.Add(new Part(LinearEntry, featurizer.Append(Trainer(ml, options).Fit(features)), 1 - options.SvmWeight));
        if (options.SvmWeight > 0)
            parts.Add(new Part(SvmEntry, featurizer.Append(Svm(ml, options).Fit(features)), options.SvmWeight));
        var input = ml.Data.LoadFromEnumerable(Array.Empty<TextInput>()).Schema;
        var k = Math.Min(options.Neighbours, Math.Max(1, (int)Math.Round(examples.Count / (double)counts.Count)));
        var neighbours = options.NeighbourWeight > 0
            ? new Neighbours(options.NeighbourWeight, k, options.NeighbourPower, [.. examples])
            : null;
        return new TextClassifierModel(ml, parts, input, neighbours);
    }

    private static TextFeaturizingEstimator Features(MLContext ml, TextClassifierOptions options) =>
        ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            KeepDiacritics = true,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = options.WordNgrams, UseAllLengths = true, MaximumNgramsCount = [options.MaxNgrams], Weighting = Weighting(options) },
            CharFeatureExtractor = options.CharNgrams > 0 ? new WordBagEstimator.Options { NgramLength = options.CharNgrams, UseAllLengths = options.CharAllLengths, MaximumNgramsCount = [options.MaxNgrams], Weighting = Weighting(options) } : null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        }, nameof(TrainingRow.Text));

    private static NgramExtractingEstimator.WeightingCriteria Weighting(TextClassifierOptions options) =>
        options.TfIdf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf;

    private static IEstimator<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> Trainer(MLContext ml, TextClassifierOptions options) => options.UseLbfgs
        ? ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            ExampleWeightColumnName = nameof(TrainingRow.Weight),
            L2Regularization = options.L2 ?? 1f,
            L1Regularization = 0,
            MaximumNumberOfIterations = options.MaxIterations ?? 100,
        })
        : ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            ExampleWeightColumnName = nameof(TrainingRow.Weight),
            L2Regularization = options.L2,
            MaximumNumberOfIterations = options.MaxIterations,
        });

    /// <summary>One-versus-all linear SVMs (Pegasos), each calibrated by Platt scaling.</summary>
    private static OneVersusAllTrainer Svm(MLContext ml, TextClassifierOptions options) =>
        ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
        {
            ExampleWeightColumnName = nameof(TrainingRow.Weight),
            Lambda = options.SvmL2,
            NumberOfIterations = options.MaxIterations ?? 10,
        }));

    /// <summary>The most likely labels for a text, best first, with their scores (0-1, summing to 1 over all labels).</summary>
    public IReadOnlyList<LabelScore> Predict(string text, int top)
    {
        var input = new TextInput { Text = TextNormalizer.Normalize(text) };
        var scores = new float[_labels.Length];
        foreach (var part in _parts)
            part.AddTo(scores, part.Predict(_ml, input));
        return Top(Blended(text, scores), top);
    }

    /// <summary>Scores many texts at once (faster than one by one); each array is in the order of <see cref="Labels"/>.</summary>
    public IReadOnlyList<float[]> ScoreMany(IEnumerable<string> texts)
    {
        List<string> all = [.. texts];
        // Normalised once: every part reads the same rows.
        List<TextInput> inputs = [.. all.Select(t => new TextInput { Text = TextNormalizer.Normalize(t) })];
        var data = _ml.Data.LoadFromEnumerable(inputs);
        var scores = all.Select(_ => new float[_labels.Length]).ToList();
        foreach (var part in _parts)
        {
            var i = 0;
            foreach (var output in _ml.Data.CreateEnumerable<ScoreOutput>(part.Model.Transform(data), reuseRowObject: true))
                part.AddTo(scores[i++], output.Score);
        }
        return [.. all.Zip(scores, Blended)];
    }

    /// <summary>(1 - w) × the linear model's scores + w × the neighbours' vote (the linear scores alone when no neighbour is similar).</summary>
    private float[] Blended(string text, float[] linear)
    {
        if (_neighbours is not { } neighbours)
            return linear;
        var vote = neighbours.Index.Vote(text, neighbours.K, neighbours.Power);
        if (vote.Count == 0)
            return linear;
        var w = neighbours.Weight;
        return [.. linear.Select((p, i) => (float)(((1 - w) * p) + (w * vote.GetValueOrDefault(_labels[i]))))];
    }

    public IReadOnlyList<LabelScore> Top(float[] scores, int top) =>
        [.. scores.Select((s, i) => new LabelScore(_labels[i], s)).OrderByDescending(s => s.Score).ThenBy(s => s.Label, StringComparer.Ordinal).Take(Math.Max(0, top))];

    /// <summary>One zip: each ML.NET model with the weights of the parts, and the training texts the neighbours vote from (when used).</summary>
    public void Save(string path)
    {
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<TextInput>()).Schema;
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var part in _parts)
        {
            using var entry = zip.CreateEntry(part.Entry, CompressionLevel.NoCompression).Open();
            _ml.Model.Save(part.Model, schema, entry);
        }
        using (var weights = zip.CreateEntry(PartsEntry).Open())
            JsonSerializer.Serialize(weights, _parts.ToDictionary(p => p.Entry, p => p.Weight));
        if (_neighbours is { } neighbours)
        {
            using var entry = zip.CreateEntry(NeighboursEntry).Open();
            JsonSerializer.Serialize(entry, neighbours.Saved);
        }
    }

    /// <summary>
    /// Reads a file written by <see cref="Save"/>: also one written before the SVMs (the
    /// maximum-entropy model alone) or before neighbours existed (a bare ML.NET model).
    /// </summary>
    public static TextClassifierModel Load(string path)
    {
        var ml = new MLContext(seed: 1);
        using var zip = ZipFile.OpenRead(path);
        if (zip.GetEntry(LinearEntry) is null && zip.GetEntry(SvmEntry) is null)
            return new TextClassifierModel(ml, [new Part(LinearEntry, ml.Model.Load(path, out var bare), 1)], bare, null);
        var weights = ReadJson<Dictionary<string, double>>(zip, PartsEntry, path) ?? new() { [LinearEntry] = 1 };
        List<Part> parts = [];
        DataViewSchema? schema = null;
        foreach (var name in new[] { LinearEntry, SvmEntry })
        {
            var weight = weights.GetValueOrDefault(name);
            if (zip.GetEntry(name) is not { } entry || weight <= 0)
                continue;
            using var copy = new MemoryStream();
            using (var stream = entry.Open())
                stream.CopyTo(copy);
            copy.Position = 0;
            parts.Add(new Part(name, ml.Model.Load(copy, out schema), weight));
        }
        if (parts.Count == 0 || schema is null)
            throw new InvalidDataException($"{path}: no model with a weight in {PartsEntry}");
        var saved = ReadJson<SavedNeighbours>(zip, NeighboursEntry, path);
        return new TextClassifierModel(ml, parts, schema, saved is null ? null : new Neighbours(saved.Weight, saved.K, saved.Power, saved.Examples));
    }

    private static T? ReadJson<T>(ZipArchive zip, string name, string path)
        where T : class
    {
        if (zip.GetEntry(name) is not { } entry)
            return null;
        using var stream = entry.Open();
        try
        {
            return JsonSerializer.Deserialize<T>(stream) ?? throw new InvalidDataException($"{path}: empty {name}");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {name} is not readable", ex);
        }
    }

    /// <summary>
    /// One trained ML.NET pipeline (features and trainer) and its weight in the average. Its scores
    /// are scaled to sum to 1 first: the SVMs' calibrated per-label probabilities do not.
    /// </summary>
    private sealed class Part(string entry, ITransformer model, double weight)
    {
        private readonly ConcurrentBag<PredictionEngine<TextInput, ScoreOutput>> _engines = [];

        public string Entry => entry;
        public ITransformer Model => model;
        public double Weight => weight;

        public float[] Predict(MLContext ml, TextInput input)
        {
            if (!_engines.TryTake(out var engine))
                engine = ml.Model.CreatePredictionEngine<TextInput, ScoreOutput>(model);
            try
            {
                return engine.Predict(input).Score;
            }
            finally
            {
                _engines.Add(engine);
            }
        }

        public void AddTo(float[] total, float[] scores)
        {
            var sum = scores.Sum();
            if (sum <= 0)
                return;
            for (var i = 0; i < total.Length; i++)
                total[i] += (float)(weight * scores[i] / sum);
        }
    }

    private sealed class Neighbours(double weight, int k, double power, List<LabelledText> examples)
    {
        public double Weight => weight;
        public int K => k;
        public double Power => power;
        public NeighbourVote Index { get; } = new(examples);
        public SavedNeighbours Saved => new(weight, k, power, examples);
    }

    public sealed record SavedNeighbours(double Weight, int K, double Power, List<LabelledText> Examples);

    public sealed class TextInput
    {
        public string Text { get; set; } = "";
    }

    public sealed class TrainingRow
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
        public float Weight { get; set; } = 1;
    }

    public sealed class ScoreOutput
    {
        public float[] Score { get; set; } = [];
    }
}
