namespace Rnn.Onnx.Tests.Support;

/// <summary>
/// A plain-loop forward pass with the trainer's semantics, independent of ONNX: PyTorch gate order
/// (LSTM i,f,g,o; GRU r,z,n with the reset gate applied after the recurrent product), each sequence
/// run at its own length (packed), backward direction from the last valid step to step 0,
/// layer k&gt;0 reading [forward, backward] outputs, head on [forward final, backward final], softmax.
/// Accumulates in double so the only float error left is ORT's.
/// </summary>
internal static class ReferenceForward
{
    public static double[] Probabilities(RecurrentNetworkDescription net, float[] sequence)
    {
        var logits = HeadOutputs(net, sequence);
        double max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        double total = exp.Sum();
        return [.. exp.Select(e => e / total)];
    }

    /// <summary>A regressor's prediction: the head's output × each target's scale + its mean.</summary>
    public static double[] Predictions(RecurrentNetworkDescription net, float[] sequence)
    {
        var targets = net.Regression ?? throw new ArgumentException("Not a regressor.", nameof(net));
        var outputs = HeadOutputs(net, sequence);
        if (net.InputSkip is { } skip)
        {
            var w = skip.Weights.Weights.Span;
            for (int o = 0; o < outputs.Length; o++)
            {
                double sum = skip.Weights.Bias.Span[o];
                for (int k = 0; k < skip.InputPositions.Count; k++)
                    sum += w[o * skip.InputPositions.Count + k] * sequence[skip.InputPositions[k]];
                outputs[o] += sum;
            }
        }

        return [.. outputs.Select((z, i) => z * targets.Scales.Span[i] + targets.Means.Span[i])];
    }

    /// <summary>The dense head on the final state (no softmax).</summary>
    private static double[] HeadOutputs(RecurrentNetworkDescription net, float[] sequence)
    {
        int steps = sequence.Length / net.InputSize;
        var input = new double[steps][];
        for (int t = 0; t < steps; t++)
            input[t] = [.. sequence.AsSpan(t * net.InputSize, net.InputSize).ToArray().Select(v => (double)v)];

        double[] finalState = [];
        for (int layer = 0; layer < net.NumLayers; layer++)
        {
            var outputs = new double[net.Directions][][];
            var finals = new double[net.Directions][];
            for (int dir = 0; dir < net.Directions; dir++)
                (outputs[dir], finals[dir]) = RunDirection(net, net.Layers[layer][dir], input, reverse: dir == 1);

            input = [.. Enumerable.Range(0, steps).Select(t => outputs.SelectMany(o => o[t]).ToArray())];
            finalState = [.. finals.SelectMany(f => f)];
        }

        var head = net.Head;
        var headWeights = head.Weights.Span;
        var logits = new double[head.Outputs];
        for (int c = 0; c < head.Outputs; c++)
        {
            double sum = head.Bias.Span[c];
            for (int k = 0; k < head.Inputs; k++)
                sum += headWeights[c * head.Inputs + k] * finalState[k];
            logits[c] = sum;
        }

        return logits;
    }

    private static (double[][] Outputs, double[] Final) RunDirection(
        RecurrentNetworkDescription net, RecurrentDirectionWeights w, double[][] input, bool reverse)
    {
        int h = net.HiddenSize;
        int steps = input.Length;
        var state = new double[h];
        var cell = new double[h];
        var outputs = new double[steps][];
        for (int k = 0; k < steps; k++)
        {
            int t = reverse ? steps - 1 - k : k;
            var xw = Affine(w.InputWeights, w.InputBias, input[t]);
            var rh = Affine(w.RecurrentWeights, w.RecurrentBias, state);
            state = net.Cell switch
            {
                RnnCellType.Tanh => [.. Enumerable.Range(0, h).Select(j => Math.Tanh(xw[j] + rh[j]))],
                RnnCellType.Relu => [.. Enumerable.Range(0, h).Select(j => Math.Max(0, xw[j] + rh[j]))],
                RnnCellType.Lstm => Lstm(xw, rh, cell, h),
                RnnCellType.Gru => Gru(xw, rh, state, h),
                _ => throw new ArgumentOutOfRangeException(nameof(net)),
            };
            outputs[t] = state;
        }
        return (outputs, state);
    }

    // Blocks i, f, g, o; updates the cell state in place.
    private static double[] Lstm(double[] xw, double[] rh, double[] cell, int h)
    {
        var next = new double[h];
        for (int j = 0; j < h; j++)
        {
            double i = Sigmoid(xw[j] + rh[j]);
            double f = Sigmoid(xw[h + j] + rh[h + j]);
            double g = Math.Tanh(xw[2 * h + j] + rh[2 * h + j]);
            double o = Sigmoid(xw[3 * h + j] + rh[3 * h + j]);
            cell[j] = f * cell[j] + i * g;
            next[j] = o * Math.Tanh(cell[j]);
        }
        return next;
    }

    // Blocks r, z, n; rh already holds R h + b_hh, so the reset gate scales the whole recurrent term.
    private static double[] Gru(double[] xw, double[] rh, double[] state, int h)
    {
        var next = new double[h];
        for (int j = 0; j < h; j++)
        {
            double r = Sigmoid(xw[j] + rh[j]);
            double z = Sigmoid(xw[h + j] + rh[h + j]);
            double n = Math.Tanh(xw[2 * h + j] + r * rh[2 * h + j]);
            next[j] = (1 - z) * n + z * state[j];
        }
        return next;
    }

    private static double[] Affine(ReadOnlyMemory<float> weights, ReadOnlyMemory<float> biases, double[] x)
    {
        var matrix = weights.Span;
        var bias = biases.Span;
        var y = new double[bias.Length];
        for (int r = 0; r < y.Length; r++)
        {
            double sum = bias[r];
            for (int c = 0; c < x.Length; c++)
                sum += matrix[r * x.Length + c] * x[c];
            y[r] = sum;
        }
        return y;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
}
