using Aduan.Triage.Classification;

namespace Aduan.Tests.Triage;

public sealed class DualCoordinateSvmTests
{
    private const int Features = 30;

    /// <summary>Three labels, each with features of its own (0-9, 10-19, 20-29) plus noise over all of them.</summary>
    private static (List<SparseVector> X, int[] Y, float[] Weights) Data(int count, int seed, double noise = 0.3)
    {
        var random = new Random(seed);
        List<SparseVector> x = [];
        List<int> y = [];
        for (var i = 0; i < count; i++)
        {
            var label = i % 3;
            var values = new SortedDictionary<int, float>();
            for (var k = 0; k < 4; k++)
                values[(label * 10) + random.Next(10)] = 1f + (float)random.NextDouble();
            for (var k = 0; k < 3; k++)
                values[random.Next(Features)] = (float)(noise * random.NextDouble() * 3);
            x.Add(new SparseVector([.. values.Keys], [.. values.Values]));
            y.Add(label);
        }
        return (x, [.. y], [.. Enumerable.Repeat(1f, count)]);
    }

    private static int Argmax(float[] scores) => Array.IndexOf(scores, scores.Max());

    [Fact]
    public void Separable_labels_are_all_learned()
    {
        var (x, y, weights) = Data(90, seed: 1, noise: 0);

        var svm = DualCoordinateSvm.Train(x, y, weights, labels: 3, Features, c: 1);

        Assert.All(Enumerable.Range(0, x.Count), i => Assert.Equal(y[i], Argmax(svm.Decide(x[i].Indices, x[i].Values))));
    }

    /// <summary>
    /// At the optimum of ½‖w‖² + Σ C_i max(0, 1 - y_i(w·x_i + b))² (b as a feature of value 1) the
    /// gradient w - 2 Σ C_i max(0, 1 - y_i f_i) y_i x_i vanishes: a check of the solver that does not
    /// trust the solver, with noisy labels so that many margins are violated.
    /// </summary>
    [Fact]
    public void Trained_to_a_tight_tolerance_the_primal_gradient_vanishes()
    {
        var (x, y, weights) = Data(150, seed: 2, noise: 1);
        y[0] = 1;
        y[1] = 2;
        for (var i = 0; i < weights.Length; i++)
            weights[i] = 0.5f + (i % 4 * 0.5f);
        const double c = 2;

        var svm = DualCoordinateSvm.Train(x, y, weights, labels: 3, Features, c, tolerance: 1e-6, maxEpochs: 100_000);

        for (var label = 0; label < 3; label++)
        {
            var w = svm.WeightsOf(label).ToArray().Select(v => (double)v).ToArray();
            var gradient = (double[])w.Clone();
            for (var i = 0; i < x.Count; i++)
            {
                var sign = y[i] == label ? 1 : -1;
                var loss = Math.Max(0, 1 - (sign * (x[i].Dot(w) + w[Features])));
                var step = 2 * c * weights[i] * loss * sign;
                for (var k = 0; k < x[i].Indices.Length; k++)
                    gradient[x[i].Indices[k]] -= step * x[i].Values[k];
                gradient[Features] -= step;
            }
            var norm = Math.Sqrt(w.Sum(v => v * v));
            Assert.True(norm > 0.5, $"label {label}: the weights are all but zero ({norm})");
            Assert.True(Math.Sqrt(gradient.Sum(g => g * g)) < 1e-3 * norm, $"label {label}: gradient {Math.Sqrt(gradient.Sum(g => g * g))} against ‖w‖ {norm}");
        }
    }

    [Fact]
    public void An_example_of_weight_zero_changes_nothing_and_a_heavier_one_pulls_harder()
    {
        var (x, y, weights) = Data(60, seed: 3);
        var outlier = new SparseVector([0, 1, 2], [2f, 2f, 2f]);
        List<SparseVector> withOutlier = [.. x, outlier];
        int[] outlierLabel = [.. y, 2];

        var without = DualCoordinateSvm.Train(x, y, weights, 3, Features, c: 1, tolerance: 1e-6);
        var ignored = DualCoordinateSvm.Train(withOutlier, outlierLabel, [.. weights, 0f], 3, Features, c: 1, tolerance: 1e-6);
        var light = DualCoordinateSvm.Train(withOutlier, outlierLabel, [.. weights, 1f], 3, Features, c: 1, tolerance: 1e-6);
        var heavy = DualCoordinateSvm.Train(withOutlier, outlierLabel, [.. weights, 20f], 3, Features, c: 1, tolerance: 1e-6);

        for (var label = 0; label < 3; label++)
            Assert.Equal(without.WeightsOf(label).ToArray(), ignored.WeightsOf(label).ToArray(), (a, b) => Math.Abs(a - b) < 1e-3);
        Assert.True(heavy.Decide(outlier.Indices, outlier.Values)[2] > light.Decide(outlier.Indices, outlier.Values)[2]);
    }

    [Fact]
    public void The_same_data_gives_the_same_weights_every_time()
    {
        var (x, y, weights) = Data(120, seed: 4);

        var first = DualCoordinateSvm.Train(x, y, weights, 3, Features, c: 0.5);
        var second = DualCoordinateSvm.Train(x, y, weights, 3, Features, c: 0.5);

        for (var label = 0; label < 3; label++)
            Assert.Equal(first.WeightsOf(label).ToArray(), second.WeightsOf(label).ToArray());
    }

    [Fact]
    public void Saved_weights_read_back_decide_the_same_and_a_feature_the_model_never_saw_is_ignored()
    {
        var (x, y, weights) = Data(60, seed: 5);
        var svm = DualCoordinateSvm.Train(x, y, weights, 3, Features, c: 1);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            svm.Write(writer);
        stream.Position = 0;

        var read = DualCoordinateSvm.Read(new BinaryReader(stream));

        Assert.Equal(svm.Decide(x[0].Indices, x[0].Values), read.Decide(x[0].Indices, x[0].Values));
        Assert.Equal(svm.Decide(x[0].Indices, x[0].Values), read.Decide([.. x[0].Indices, Features + 5], [.. x[0].Values, 9f]));
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_error()
    {
        var (x, y, weights) = Data(9, seed: 6);

        Assert.Throws<ArgumentOutOfRangeException>(() => DualCoordinateSvm.Train(x, y, weights, 3, Features, c: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DualCoordinateSvm.Train(x, [.. y[..^1], 3], weights, 3, Features, c: 1));
        Assert.Throws<ArgumentException>(() => DualCoordinateSvm.Train(x, y[..^1], weights, 3, Features, c: 1));
        Assert.Throws<InvalidDataException>(() => DualCoordinateSvm.Read(new BinaryReader(new MemoryStream([9, 0, 0, 0, 1, 0, 0, 0]))));
    }
}
