using Rnn.Onnx;

namespace Rnn.Tests.Reference;

/// <summary>
/// A test-only forward pass of a <see cref="RecurrentNetworkDescription"/>, in double precision, step by step, from the
/// weights, with plain loops: what the library's network means, computed without libtorch or ONNX Runtime. Shared by both
/// test projects (tests/Shared); Rnn.MLNet.Tests adds the scoring of its padded batches.
/// </summary>
/// <remarks>
/// Parity tests used to compare TorchSharp with ONNX Runtime only. libtorch's oneDNN LSTM inference kernel is wrong on
/// some CPUs (docs/DESIGN.md §3), and when two native libraries disagree nobody can tell which is wrong; each side is now
/// compared with this as well. Semantics, row by row: token index i reads row i of the lookup (0 = unknown), or is one-hot
/// at i; each layer and direction sees only the row's valid steps (<see cref="ReferenceLayers"/>); a per-sequence head reads
/// the forward state at the last valid step and the backward state at step 0, or the max or mean over valid steps; a
/// per-step head reads every valid step; classifiers apply softmax; a regressor adds its linear input skip to the head's
/// output and then maps it to target units (raw × scale + mean).
/// </remarks>
internal sealed partial class ReferenceNetwork
{
    private readonly RecurrentNetworkDescription _description;
    private readonly ReferenceLayers _layers;
    private readonly double[] _headWeights;
    private readonly double[] _headBias;

    public ReferenceNetwork(RecurrentNetworkDescription description)
    {
        _description = description;
        _layers = new ReferenceLayers(description);
        _headWeights = ReferenceCell.Widen(description.Head.Weights);
        _headBias = ReferenceCell.Widen(description.Head.Bias);
    }

    /// <summary>One sequence of float steps (steps × InputSize values, all valid): class probabilities, or a regressor's values in target units.</summary>
    public double[] Score(float[] sequence) => Score(Steps(sequence));

    /// <summary>A per-sequence model's prediction for one row's first-layer input, [steps][InputSize].</summary>
    public double[] Score(double[][] steps) => Predict(Features(_layers.Run(steps)), steps);

    /// <summary>A per-step model's predictions for one row's first-layer input: one per step.</summary>
    public double[][] ScoreSteps(double[][] steps) => [.. _layers.Run(steps).Select(step => Predict(step, steps))];

    /// <summary>Float values as steps of InputSize values.</summary>
    public double[][] Steps(ReadOnlySpan<float> values)
    {
        int width = _description.InputSize;
        var steps = new double[values.Length / width][];
        for (int t = 0; t < steps.Length; t++)
        {
            steps[t] = new double[width];
            for (int k = 0; k < width; k++)
                steps[t][k] = values[t * width + k];
        }

        return steps;
    }

    /// <summary>Token indices looked up as the first layer reads them: rows of the embedding table, or one-hot vectors.</summary>
    public double[][] TokenSteps(ReadOnlySpan<long> tokens)
    {
        var lookup = _description.Tokens ?? throw new InvalidOperationException("The network reads float steps, not tokens.");
        int width = _description.InputSize;
        var steps = new double[tokens.Length][];
        for (int t = 0; t < steps.Length; t++)
        {
            long index = tokens[t];
            if (index < 0 || index >= lookup.Rows)
                throw new ArgumentOutOfRangeException(nameof(tokens), index, $"Token index out of the lookup's {lookup.Rows} rows.");
            steps[t] = new double[width];
            if (lookup.Weights is { } table)
            {
                for (int k = 0; k < width; k++)
                    steps[t][k] = table.Span[(int)index * width + k];
            }
            else
            {
                steps[t][index] = 1.0;
            }
        }

        return steps;
    }

    /// <summary>What a per-sequence head reads from the last layer's outputs [steps][D × H].</summary>
    private double[] Features(double[][] top)
    {
        int width = top[0].Length;
        var features = new double[width];
        switch (_description.Pooling)
        {
            case RnnPooling.Last:
                int hidden = _description.HiddenSize;
                // The forward direction ends at the last valid step; the backward one ends at step 0.
                Array.Copy(top[^1], 0, features, 0, hidden);
                if (_description.Bidirectional)
                    Array.Copy(top[0], hidden, features, hidden, hidden);
                break;
            case RnnPooling.Max:
                for (int k = 0; k < width; k++)
                    features[k] = top.Max(step => step[k]);
                break;
            case RnnPooling.Mean:
                for (int k = 0; k < width; k++)
                    features[k] = top.Average(step => step[k]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(_description), _description.Pooling, "Unknown pooling.");
        }

        return features;
    }

    /// <summary>The head on <paramref name="features"/>: class probabilities, or a regressor's values in target units.</summary>
    /// <param name="features">What the head reads.</param>
    /// <param name="steps">The row's input steps, which a regressor's linear skip reads.</param>
    private double[] Predict(double[] features, double[][] steps)
    {
        var raw = ReferenceCell.Affine(_headWeights, _headBias, features);
        if (_description.Regression is not { } targets)
            return Softmax(raw);
        if (_description.InputSkip is { } skip)
        {
            var read = skip.InputPositions.Select(p => FlattenedInput(steps, p)).ToArray();
            var added = ReferenceCell.Affine(ReferenceCell.Widen(skip.Weights.Weights), ReferenceCell.Widen(skip.Weights.Bias), read);
            for (int o = 0; o < raw.Length; o++)
                raw[o] += added[o];
        }

        return [.. raw.Select((z, o) => z * targets.Scales.Span[o] + targets.Means.Span[o])];
    }

    /// <summary>Position <paramref name="position"/> of a row's input flattened step-major ([steps × InputSize]).</summary>
    private double FlattenedInput(double[][] steps, int position)
    {
        int width = _description.InputSize;
        if (position >= steps.Length * width)
            throw new ArgumentException($"The skip reads input position {position}; the row has only {steps.Length * width} values (skips need rows of one fixed length).");
        return steps[position / width][position % width];
    }

    private static double[] Softmax(double[] logits)
    {
        double max = logits.Max();
        var exp = logits.Select(z => Math.Exp(z - max)).ToArray();
        double total = exp.Sum();
        return [.. exp.Select(e => e / total)];
    }
}
