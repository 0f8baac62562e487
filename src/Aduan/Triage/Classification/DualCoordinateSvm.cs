namespace Aduan.Triage.Classification;

/// <summary>One sparse feature vector: the indices of its non-zero features (ascending) and their values.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public double Dot(double[] weights)
    {
        var sum = 0.0;
        for (var k = 0; k < Indices.Length; k++)
            sum += weights[Indices[k]] * Values[k];
        return sum;
    }

    public double SquaredNorm()
    {
        var sum = 0.0;
        foreach (var v in Values)
            sum += (double)v * v;
        return sum;
    }
}

/// <summary>
/// One-versus-rest linear SVMs with the squared hinge loss, each trained to convergence by dual
/// coordinate descent with shrinking (Hsieh, Chang, Lin, Keerthi and Sundararajan, "A dual
/// coordinate descent method for large-scale linear SVM", ICML 2008: the method LIBLINEAR uses by
/// default). ML.NET's own linear SVM (Pegasos) stops after a fixed number of passes, well short of
/// the optimum on sparse text features; this one stops when the optimality gap is below
/// <c>tolerance</c>. The bias is one more feature whose value is always 1 (regularised like the
/// others, as in LIBLINEAR).
/// </summary>
public sealed class DualCoordinateSvm
{
    /// <summary>Label-major weights: <c>_weights[label * _stride + feature]</c>, the bias last.</summary>
    private readonly float[] _weights;
    private readonly int _stride;

    private DualCoordinateSvm(int labels, int features, float[] weights)
    {
        Labels = labels;
        Features = features;
        _stride = features + 1;
        _weights = weights;
    }

    public int Labels { get; }

    public int Features { get; }

    /// <summary>
    /// Trains one SVM per label 0..<paramref name="labels"/>-1 (that label against all others).
    /// <paramref name="c"/> is the cost of a margin violation; an example of weight w costs c × w.
    /// Labels are trained in parallel; the result does not depend on the number of threads.
    /// </summary>
    public static DualCoordinateSvm Train(
        IReadOnlyList<SparseVector> x, int[] y, float[] weights, int labels, int features,
        double c, double tolerance = 0.1, int maxEpochs = 1000, int seed = 1, CancellationToken cancellationToken = default)
    {
        if (x.Count != y.Length || x.Count != weights.Length)
            throw new ArgumentException("Every example needs one label and one weight.", nameof(y));
        if (c <= 0)
            throw new ArgumentOutOfRangeException(nameof(c), c, "The cost must be above 0.");
        if (y.Any(l => l < 0 || l >= labels))
            throw new ArgumentOutOfRangeException(nameof(y), "A label is outside 0..labels-1.");
        // ‖x_i‖² + 1 (the bias feature): the same for every label.
        var norms = x.Select(v => v.SquaredNorm() + 1).ToArray();
        var all = new float[labels * (features + 1)];
        Parallel.For(0, labels, new ParallelOptions { CancellationToken = cancellationToken }, label =>
        {
            var w = TrainOne(x, y, weights, norms, label, features, c, tolerance, maxEpochs, seed + label);
            for (var j = 0; j <= features; j++)
                all[(label * (features + 1)) + j] = (float)w[j];
        });
        return new DualCoordinateSvm(labels, features, all);
    }

    /// <summary>The dual problem of one label: min ½ αᵀ(Q + D)α - Σα, α ≥ 0, with D_ii = 1 / (2 C_i).</summary>
    private static double[] TrainOne(
        IReadOnlyList<SparseVector> x, int[] y, float[] weights, double[] norms, int label, int features,
        double c, double tolerance, int maxEpochs, int seed)
    {
        var n = x.Count;
        var w = new double[features + 1];
        var alpha = new double[n];
        var diagonal = new double[n];
        var q = new double[n];
        var sign = new sbyte[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            sign[i] = (sbyte)(y[i] == label ? 1 : -1);
            // An example of weight 0 cannot violate anything: it keeps α = 0 by an infinite D_ii.
            diagonal[i] = weights[i] > 0 ? 1 / (2 * c * weights[i]) : double.PositiveInfinity;
            q[i] = norms[i] + diagonal[i];
            order[i] = i;
        }
        var random = new Random(seed);
        var active = n;
        var oldMax = double.PositiveInfinity;
        var oldMin = double.NegativeInfinity;
        for (var epoch = 0; epoch < maxEpochs; epoch++)
        {
            random.Shuffle(order.AsSpan(0, active));
            var newMax = double.NegativeInfinity;
            var newMin = double.PositiveInfinity;
            for (var s = 0; s < active; s++)
            {
                var i = order[s];
                if (double.IsPositiveInfinity(diagonal[i]))
                {
                    // Never moves: drop it from the active set for good.
                    (order[s], order[active - 1]) = (order[active - 1], order[s]);
                    active--;
                    s--;
                    continue;
                }
                var xi = x[i];
                var g = (sign[i] * (xi.Dot(w) + w[features])) - 1 + (diagonal[i] * alpha[i]);
                var projected = g;
                if (alpha[i] == 0)
                {
                    if (g > oldMax)
                    {
                        // At its bound and likely to stay there: shrink it out of the active set.
                        (order[s], order[active - 1]) = (order[active - 1], order[s]);
                        active--;
                        s--;
                        continue;
                    }
                    projected = Math.Min(g, 0);
                }
                newMax = Math.Max(newMax, projected);
                newMin = Math.Min(newMin, projected);
                if (Math.Abs(projected) <= 1e-12)
                    continue;
                var old = alpha[i];
                alpha[i] = Math.Max(old - (g / q[i]), 0);
                var step = (alpha[i] - old) * sign[i];
                for (var k = 0; k < xi.Indices.Length; k++)
                    w[xi.Indices[k]] += step * xi.Values[k];
                w[features] += step;
            }
            if (newMax - newMin <= tolerance || active == 0)
            {
                if (active == n || AllFixed(diagonal))
                    break;
                // Converged on the active set: check once more over every example.
                active = n;
                oldMax = double.PositiveInfinity;
                oldMin = double.NegativeInfinity;
                continue;
            }
            oldMax = newMax <= 0 ? double.PositiveInfinity : newMax;
            oldMin = newMin >= 0 ? double.NegativeInfinity : newMin;
        }
        return w;
    }

    private static bool AllFixed(double[] diagonal) => diagonal.All(double.IsPositiveInfinity);

    /// <summary>One label's weights, one per feature and the bias last.</summary>
    public ReadOnlySpan<float> WeightsOf(int label) => _weights.AsSpan(label * _stride, _stride);

    /// <summary>Each label's decision value wᵀx + b (above 0: the SVM says it is that label).</summary>
    public float[] Decide(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        var scores = new float[Labels];
        for (var label = 0; label < Labels; label++)
        {
            var row = _weights.AsSpan(label * _stride, _stride);
            var sum = row[Features];
            for (var k = 0; k < indices.Length; k++)
            {
                if ((uint)indices[k] < (uint)Features)
                    sum += row[indices[k]] * values[k];
            }
            scores[label] = sum;
        }
        return scores;
    }

    /// <summary>Writes the weights, sparse: a label's non-zero weights only.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(FormatVersion);
        writer.Write(Labels);
        writer.Write(Features);
        for (var label = 0; label < Labels; label++)
        {
            var row = _weights.AsSpan(label * _stride, _stride);
            var nonZero = 0;
            foreach (var v in row)
                nonZero += v != 0 ? 1 : 0;
            writer.Write(nonZero);
            for (var j = 0; j < row.Length; j++)
            {
                if (row[j] == 0)
                    continue;
                writer.Write(j);
                writer.Write(row[j]);
            }
        }
    }

    public static DualCoordinateSvm Read(BinaryReader reader)
    {
        if (reader.ReadInt32() is var version && version != FormatVersion)
            throw new InvalidDataException($"Unknown SVM weights format {version}.");
        var labels = reader.ReadInt32();
        var features = reader.ReadInt32();
        if (labels <= 0 || features < 0 || (long)labels * (features + 1) > Array.MaxLength)
            throw new InvalidDataException($"SVM weights of {labels} labels × {features} features are not readable.");
        var weights = new float[labels * (features + 1)];
        for (var label = 0; label < labels; label++)
        {
            var nonZero = reader.ReadInt32();
            if (nonZero < 0 || nonZero > features + 1)
                throw new InvalidDataException($"SVM weights: label {label} has {nonZero} weights.");
            for (var k = 0; k < nonZero; k++)
            {
                var j = reader.ReadInt32();
                if ((uint)j > (uint)features)
                    throw new InvalidDataException($"SVM weights: feature {j} is out of range.");
                weights[(label * (features + 1)) + j] = reader.ReadSingle();
            }
        }
        return new DualCoordinateSvm(labels, features, weights);
    }

    private const int FormatVersion = 1;
}
