namespace Rnn.MLNet;

/// <summary>
/// A single-layer, one-direction recurrence computed step by step in double precision from the module's own weights
/// (PyTorch's equations and gate order), with no native code: what libtorch's kernels are checked against.
/// </summary>
internal sealed class PlainRecurrence
{
    private readonly RnnCellType _cell;
    private readonly int _input;
    private readonly int _hidden;
    private readonly int _gates;
    private readonly float[] _inputWeights;
    private readonly float[] _recurrentWeights;
    private readonly float[] _inputBias;
    private readonly float[] _recurrentBias;

    /// <param name="cell">The cell.</param>
    /// <param name="inputSize">Features per step.</param>
    /// <param name="hiddenSize">Hidden units.</param>
    /// <param name="inputWeights">[gates × H, input] row-major (libtorch's <c>weight_ih_l0</c>).</param>
    /// <param name="recurrentWeights">[gates × H, H] (<c>weight_hh_l0</c>).</param>
    /// <param name="inputBias">[gates × H] (<c>bias_ih_l0</c>).</param>
    /// <param name="recurrentBias">[gates × H] (<c>bias_hh_l0</c>).</param>
    public PlainRecurrence(RnnCellType cell, int inputSize, int hiddenSize, float[] inputWeights, float[] recurrentWeights, float[] inputBias, float[] recurrentBias)
    {
        _cell = cell;
        _input = inputSize;
        _hidden = hiddenSize;
        _gates = GatesOf(cell);
        _inputWeights = inputWeights;
        _recurrentWeights = recurrentWeights;
        _inputBias = inputBias;
        _recurrentBias = recurrentBias;
    }

    /// <summary>Gate blocks per cell: LSTM i, f, g, o; GRU r, z, n; Elman one.</summary>
    public static int GatesOf(RnnCellType cell) => cell switch
    {
        RnnCellType.Lstm => 4,
        RnnCellType.Gru => 3,
        _ => 1,
    };

    /// <summary>Outputs [rows, steps, H] of zero-initialised states over [rows, steps, input] values; steps past a row's length stay 0.</summary>
    public double[] Run(ReadOnlySpan<float> values, ReadOnlySpan<int> lengths, int steps)
    {
        int rows = lengths.Length, h = _hidden;
        var outputs = new double[rows * steps * h];
        var state = new double[h];
        var cell = new double[h];
        var fromInput = new double[_gates * h];
        var fromState = new double[_gates * h];
        for (int row = 0; row < rows; row++)
        {
            Array.Clear(state);
            Array.Clear(cell);
            for (int t = 0; t < lengths[row]; t++)
            {
                Affine(_inputWeights, _inputBias, values.Slice((row * steps + t) * _input, _input), fromInput);
                Affine(_recurrentWeights, _recurrentBias, state, fromState);
                Step(fromInput, fromState, state, cell);
                state.CopyTo(outputs.AsSpan((row * steps + t) * h, h));
            }
        }

        return outputs;
    }

    private void Step(double[] x, double[] s, double[] state, double[] cell)
    {
        int h = _hidden;
        for (int j = 0; j < h; j++)
        {
            switch (_cell)
            {
                case RnnCellType.Lstm:
                    double input = Sigmoid(x[j] + s[j]), forget = Sigmoid(x[h + j] + s[h + j]);
                    double candidate = Math.Tanh(x[2 * h + j] + s[2 * h + j]), output = Sigmoid(x[3 * h + j] + s[3 * h + j]);
                    cell[j] = forget * cell[j] + input * candidate;
                    state[j] = output * Math.Tanh(cell[j]);
                    break;
                case RnnCellType.Gru:
                    double reset = Sigmoid(x[j] + s[j]), update = Sigmoid(x[h + j] + s[h + j]);
                    double fresh = Math.Tanh(x[2 * h + j] + reset * s[2 * h + j]);
                    state[j] = (1 - update) * fresh + update * state[j];
                    break;
                case RnnCellType.Relu:
                    state[j] = Math.Max(0, x[j] + s[j]);
                    break;
                default:
                    state[j] = Math.Tanh(x[j] + s[j]);
                    break;
            }
        }
    }

    /// <summary>result = weights · vector + bias, for [result.Length, vector.Length] row-major weights.</summary>
    private static void Affine(float[] weights, float[] bias, ReadOnlySpan<float> vector, double[] result)
    {
        for (int r = 0; r < result.Length; r++)
        {
            double sum = bias[r];
            var row = weights.AsSpan(r * vector.Length, vector.Length);
            for (int c = 0; c < vector.Length; c++)
                sum += (double)row[c] * vector[c];
            result[r] = sum;
        }
    }

    private static void Affine(float[] weights, float[] bias, double[] vector, double[] result)
    {
        for (int r = 0; r < result.Length; r++)
        {
            double sum = bias[r];
            var row = weights.AsSpan(r * vector.Length, vector.Length);
            for (int c = 0; c < vector.Length; c++)
                sum += row[c] * vector[c];
            result[r] = sum;
        }
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
