namespace Rnn.MLNet.Tests;

/// <summary>
/// A test-only forward pass of a <see cref="RecurrentNetworkDescription"/>, in double precision, step by step, from the
/// weights, with plain loops: what the library's network (<see cref="RnnSequenceNetwork"/>) means, computed without
/// libtorch or ONNX Runtime.
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
internal sealed class ReferenceNetwork
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

    /// <summary>Scores <paramref name="description"/> on <paramref name="batch"/>.</summary>
    public static ReferenceScores Score(RecurrentNetworkDescription description, PaddedBatch batch) =>
        new ReferenceNetwork(description).Score(batch);

    /// <summary>Every row of <paramref name="batch"/>, each on its own valid steps.</summary>
    public ReferenceScores Score(PaddedBatch batch)
    {
        int outputs = _description.Head.Outputs;
        int stride = (_description.PerStep ? batch.MaxSteps : 1) * outputs;
        var values = new double[batch.Count * stride];
        Array.Fill(values, double.NaN);
        for (int row = 0; row < batch.Count; row++)
        {
            var steps = StepsOf(batch, row);
            var top = _layers.Run(steps);
            if (_description.PerStep)
            {
                for (int t = 0; t < top.Length; t++)
                    Predict(top[t], steps).CopyTo(values, row * stride + t * outputs);
            }
            else
            {
                Predict(Features(top), steps).CopyTo(values, row * stride);
            }
        }

        return new ReferenceScores(values, outputs, _description.PerStep, batch.MaxSteps, batch.Lengths);
    }

    /// <summary>The first layer's input at each valid step of a row: its float values, or its tokens looked up.</summary>
    private double[][] StepsOf(PaddedBatch batch, int row)
    {
        int length = batch.Lengths[row];
        int width = _description.InputSize;
        var steps = new double[length][];
        for (int t = 0; t < length; t++)
        {
            steps[t] = new double[width];
            if (_description.Tokens is { } tokens)
            {
                long index = batch.TokenIndices()[row * batch.MaxSteps + t];
                if (index < 0 || index >= tokens.Rows)
                    throw new ArgumentOutOfRangeException(nameof(batch), index, $"Token index out of the lookup's {tokens.Rows} rows.");
                if (tokens.Weights is { } table)
                {
                    for (int k = 0; k < width; k++)
                        steps[t][k] = table.Span[(int)index * width + k];
                }
                else
                {
                    steps[t][index] = 1.0;
                }
            }
            else
            {
                var values = batch.Values.Slice((row * batch.MaxSteps + t) * width, width);
                for (int k = 0; k < width; k++)
                    steps[t][k] = values[k];
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
