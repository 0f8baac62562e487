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

/// <summary>How <see cref="TextClassifierModel"/> trains its one-versus-all linear SVMs.</summary>
public enum SvmSolver
{
    /// <summary>ML.NET's linear SVM: Pegasos for a fixed number of passes, Platt-calibrated.</summary>
    Pegasos,

    /// <summary><see cref="DualCoordinateSvm"/>: the squared hinge loss solved to convergence, scores by softmax.</summary>
    DualCoordinateDescent,
}

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

    /// <summary>The SVMs' regularisation (λ) when <see cref="SvmSolver"/> is Pegasos.</summary>
    public float SvmL2 { get; init; } = 1e-4f;

    /// <summary>How the one-versus-all SVMs are trained.</summary>
    public SvmSolver SvmSolver { get; init; } = SvmSolver.Pegasos;

    /// <summary>The cost C of a margin violation for <see cref="SvmSolver.DualCoordinateDescent"/> (higher: fits the training texts more closely).</summary>
    public double SvmCost { get; init; } = 0.5;

    /// <summary>
    /// <see cref="SvmSolver.DualCoordinateDescent"/> turns its decision values f into scores by
    /// softmax(scale × f): higher makes the first guess weigh more against the runners-up.
    /// </summary>
    public double SvmScale { get; init; } = 5;

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
    /// TF-IDF word 1-2-grams and character 4-grams; 0.3 × SDCA maximum entropy + 0.7 × linear SVMs
    /// solved to convergence (C 0.3, softmax × 20), each category's name weighing as six texts; no
    /// neighbour vote (with converged SVMs it only lowered the top three): chosen on Surabaya's
    /// 2022 complaints (docs/benchmarks.md).
    /// </summary>
    public static TextClassifierOptions Default { get; } = new()
    {
        SvmSolver = SvmSolver.DualCoordinateDescent,
        SvmWeight = 0.7,
        SvmCost = 0.3,
        SvmScale = 20,
        NameWeight = 6,
        NeighbourWeight = 0,
    };

    /// <summary>The agency model's: the same as <see cref="Default"/> (chosen on Surabaya's 2022 complaints); agencies have no names to learn from.</summary>
    public static TextClassifierOptions Agency { get; } = Default with { NameWeight = 0 };
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
    private const string DualSvmFeaturesEntry = "dual-svm-features.zip";
    private const string DualSvmEntry = "dual-svm.bin";
    private const string PartsEntry = "parts.json";
    private const string NeighboursEntry = "neighbours.json";

    private readonly MLContext _ml;
    private readonly IReadOnlyList<Part> _parts;
    private readonly string[] _labels;
    private readonly Neighbours? _neighbours;

    private TextClassifierModel(MLContext ml, IReadOnlyList<Part> parts, Neighbours? neighbours)
    {
        _ml = ml;
        _parts = parts;
        _neighbours = neighbours;
        _labels = parts[0].Labels;
        if (parts.Skip(1).Any(p => !p.Labels.SequenceEqual(_labels)))
            throw new InvalidDataException("The parts of a classifier do not score the same labels in the same order.");
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
        if (options.SvmSolver == SvmSolver.DualCoordinateDescent && options.SvmWeight > 0 && !(options.SvmCost > 0 && options.SvmScale > 0))
            throw new ArgumentOutOfRangeException(nameof(options), (options.SvmCost, options.SvmScale), "SvmCost and SvmScale must be above 0.");
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
        var input = ml.Data.LoadFromEnumerable(Array.Empty<TextInput>()).Schema;
        List<Part> parts = [];
        if (options.SvmWeight < 1)
            parts.Add(new MlNetPart(LinearEntry, featurizer.Append(Trainer(ml, options).Fit(features)), 1 - options.SvmWeight, input));
        if (options.SvmWeight > 0 && options.SvmSolver == SvmSolver.DualCoordinateDescent)
            parts.Add(DualSvmPart.Train(featurizer, features, options));
        else if (options.SvmWeight > 0)
            parts.Add(new MlNetPart(SvmEntry, featurizer.Append(Svm(ml, options).Fit(features)), options.SvmWeight, input));
        var k = Math.Min(options.Neighbours, Math.Max(1, (int)Math.Round(examples.Count / (double)counts.Count)));
        var neighbours = options.NeighbourWeight > 0
            ? new Neighbours(options.NeighbourWeight, k, options.NeighbourPower, [.. examples])
            : null;
        return new TextClassifierModel(ml, parts, neighbours);
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
            foreach (var output in part.ScoreMany(_ml, data))
                part.AddTo(scores[i++], output);
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
            part.Save(_ml, zip, schema);
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
        if (zip.GetEntry(LinearEntry) is null && zip.GetEntry(SvmEntry) is null && zip.GetEntry(DualSvmEntry) is null)
            return new TextClassifierModel(ml, [new MlNetPart(LinearEntry, ml.Model.Load(path, out var bare), 1, bare)], null);
        var weights = ReadJson<Dictionary<string, double>>(zip, PartsEntry, path) ?? new() { [LinearEntry] = 1 };
        List<Part> parts = [];
        foreach (var name in new[] { LinearEntry, SvmEntry })
        {
            var weight = weights.GetValueOrDefault(name);
            if (zip.GetEntry(name) is not { } entry || weight <= 0)
                continue;
            var model = LoadMlNet(ml, entry, out var schema);
            parts.Add(new MlNetPart(name, model, weight, schema));
        }
        if (weights.GetValueOrDefault(DualSvmEntry) is > 0 and var dualWeight)
            parts.Add(DualSvmPart.Load(ml, zip, dualWeight, path));
        if (parts.Count == 0)
            throw new InvalidDataException($"{path}: no model with a weight in {PartsEntry}");
        var saved = ReadJson<SavedNeighbours>(zip, NeighboursEntry, path);
        return new TextClassifierModel(ml, parts, saved is null ? null : new Neighbours(saved.Weight, saved.K, saved.Power, saved.Examples));
    }

    /// <summary>An ML.NET model from a zip entry (copied to memory first: ML.NET needs a seekable stream).</summary>
    private static ITransformer LoadMlNet(MLContext ml, ZipArchiveEntry entry, out DataViewSchema schema)
    {
        using var copy = new MemoryStream();
        using (var stream = entry.Open())
            stream.CopyTo(copy);
        copy.Position = 0;
        return ml.Model.Load(copy, out schema);
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
    /// One trained scorer and its weight in the average. Its scores are scaled to sum to 1 first:
    /// the SVMs' calibrated per-label probabilities do not.
    /// </summary>
    private abstract class Part(string entry, double weight)
    {
        public string Entry => entry;
        public double Weight => weight;

        /// <summary>The labels, in the order of the scores.</summary>
        public abstract string[] Labels { get; }

        public abstract float[] Predict(MLContext ml, TextInput input);

        /// <summary>The scores of every row of <paramref name="data"/> (a view of <see cref="TextInput"/>), in order.</summary>
        public abstract IEnumerable<float[]> ScoreMany(MLContext ml, IDataView data);

        public abstract void Save(MLContext ml, ZipArchive zip, DataViewSchema input);

        public void AddTo(float[] total, float[] scores)
        {
            var sum = scores.Sum();
            if (sum <= 0)
                return;
            for (var i = 0; i < total.Length; i++)
                total[i] += (float)(weight * scores[i] / sum);
        }
    }

    /// <summary>Pools ML.NET prediction engines: one engine is not thread-safe.</summary>
    private sealed class EnginePool<TOutput>(ITransformer model)
        where TOutput : class, new()
    {
        private readonly ConcurrentBag<PredictionEngine<TextInput, TOutput>> _engines = [];

        /// <summary>Predicts and reads the output while the engine is still leased (it may reuse the output's buffers).</summary>
        public TResult Predict<TResult>(MLContext ml, TextInput input, Func<TOutput, TResult> read)
        {
            if (!_engines.TryTake(out var engine))
                engine = ml.Model.CreatePredictionEngine<TextInput, TOutput>(model);
            try
            {
                return read(engine.Predict(input));
            }
            finally
            {
                _engines.Add(engine);
            }
        }
    }

    /// <summary>An ML.NET pipeline: the features and a multiclass trainer (maximum entropy, or Pegasos SVMs).</summary>
    private sealed class MlNetPart(string entry, ITransformer model, double weight, DataViewSchema input) : Part(entry, weight)
    {
        private readonly EnginePool<ScoreOutput> _engines = new(model);

        public override string[] Labels { get; } = LabelsOf(model, input);

        private static string[] LabelsOf(ITransformer model, DataViewSchema input)
        {
            var names = default(VBuffer<ReadOnlyMemory<char>>);
            model.GetOutputSchema(input)["Score"].GetSlotNames(ref names);
            return [.. names.DenseValues().Select(n => n.ToString())];
        }

        public override float[] Predict(MLContext ml, TextInput input) => _engines.Predict(ml, input, o => o.Score);

        public override IEnumerable<float[]> ScoreMany(MLContext ml, IDataView data) =>
            ml.Data.CreateEnumerable<ScoreOutput>(model.Transform(data), reuseRowObject: true).Select(o => o.Score);

        public override void Save(MLContext ml, ZipArchive zip, DataViewSchema input)
        {
            using var stream = zip.CreateEntry(Entry, CompressionLevel.NoCompression).Open();
            ml.Model.Save(model, input, stream);
        }
    }

    /// <summary>
    /// <see cref="DualCoordinateSvm"/> over the ML.NET features: the featurizer is saved as an ML.NET
    /// model, the labels, the softmax scale and the weights in a binary entry of their own.
    /// </summary>
    private sealed class DualSvmPart(ITransformer featurizer, DualCoordinateSvm svm, string[] labels, double scale, double weight) : Part(DualSvmEntry, weight)
    {
        private readonly EnginePool<FeaturesOutput> _engines = new(featurizer);

        public override string[] Labels => labels;

        public static DualSvmPart Train(ITransformer featurizer, IDataView features, TextClassifierOptions options)
        {
            var size = ((VectorDataViewType)features.Schema["Features"].Type).Size;
            var keys = default(VBuffer<ReadOnlyMemory<char>>);
            features.Schema["Label"].GetKeyValues(ref keys);
            string[] labels = [.. keys.DenseValues().Select(k => k.ToString())];
            var x = features.GetColumn<VBuffer<float>>("Features").Select(Sparse).ToList();
            // Keys are 1-based; 0 would be a missing label, which MapValueToKey never gives here.
            int[] y = [.. features.GetColumn<uint>("Label").Select(k => (int)k - 1)];
            float[] weights = [.. features.GetColumn<float>(nameof(TrainingRow.Weight))];
            var svm = DualCoordinateSvm.Train(x, y, weights, labels.Length, size, options.SvmCost);
            return new DualSvmPart(featurizer, svm, labels, options.SvmScale, options.SvmWeight);
        }

        private static SparseVector Sparse(VBuffer<float> v)
        {
            if (!v.IsDense)
                return new SparseVector(v.GetIndices().ToArray(), v.GetValues().ToArray());
            var values = v.GetValues();
            List<int> indices = [];
            List<float> nonZero = [];
            for (var j = 0; j < values.Length; j++)
            {
                if (values[j] != 0)
                {
                    indices.Add(j);
                    nonZero.Add(values[j]);
                }
            }
            return new SparseVector([.. indices], [.. nonZero]);
        }

        public override float[] Predict(MLContext ml, TextInput input) =>
            _engines.Predict(ml, input, o => Softmax(o.Features));

        public override IEnumerable<float[]> ScoreMany(MLContext ml, IDataView data) =>
            featurizer.Transform(data).GetColumn<VBuffer<float>>("Features").Select(Softmax);

        private float[] Softmax(VBuffer<float> features)
        {
            // Text features are sparse: read them in place; a dense vector is made sparse first.
            float[] scores;
            if (features.IsDense)
            {
                var x = Sparse(features);
                scores = svm.Decide(x.Indices, x.Values);
            }
            else
            {
                scores = svm.Decide(features.GetIndices(), features.GetValues());
            }
            var max = scores.Max();
            for (var i = 0; i < scores.Length; i++)
                scores[i] = (float)Math.Exp(scale * (scores[i] - max));
            return scores;
        }

        public override void Save(MLContext ml, ZipArchive zip, DataViewSchema input)
        {
            using (var stream = zip.CreateEntry(DualSvmFeaturesEntry, CompressionLevel.NoCompression).Open())
                ml.Model.Save(featurizer, input, stream);
            using var writer = new BinaryWriter(zip.CreateEntry(DualSvmEntry, CompressionLevel.Fastest).Open());
            writer.Write(labels.Length);
            foreach (var label in labels)
                writer.Write(label);
            writer.Write(scale);
            svm.Write(writer);
        }

        public static DualSvmPart Load(MLContext ml, ZipArchive zip, double weight, string path)
        {
            if (zip.GetEntry(DualSvmFeaturesEntry) is not { } featuresEntry || zip.GetEntry(DualSvmEntry) is not { } entry)
                throw new InvalidDataException($"{path}: {DualSvmEntry} has a weight but is missing");
            var featurizer = LoadMlNet(ml, featuresEntry, out _);
            using var reader = new BinaryReader(entry.Open());
            try
            {
                var count = reader.ReadInt32();
                if (count <= 0 || count > 1_000_000)
                    throw new InvalidDataException($"{path}: {DualSvmEntry} has {count} labels");
                var labels = new string[count];
                for (var i = 0; i < count; i++)
                    labels[i] = reader.ReadString();
                var scale = reader.ReadDouble();
                var svm = DualCoordinateSvm.Read(reader);
                if (svm.Labels != count)
                    throw new InvalidDataException($"{path}: {DualSvmEntry} names {count} labels but weighs {svm.Labels}");
                return new DualSvmPart(featurizer, svm, labels, scale, weight);
            }
            catch (EndOfStreamException ex)
            {
                throw new InvalidDataException($"{path}: {DualSvmEntry} is cut short", ex);
            }
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

    public sealed class FeaturesOutput
    {
        public VBuffer<float> Features { get; set; }
    }
}
