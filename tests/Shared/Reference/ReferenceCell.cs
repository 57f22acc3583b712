using Rnn.Onnx;

namespace Rnn.Tests.Reference;

/// <summary>
/// One time step of one direction of a recurrent layer, in double precision, written from PyTorch's documented
/// equations and nothing else: no tensor library, so a native kernel that is wrong on some CPU cannot be wrong here too.
/// </summary>
/// <remarks>
/// Weights are in PyTorch's layout: rows of <c>[G*H, in]</c> and <c>[G*H, H]</c> stacked gate by gate, each gate a block
/// of H rows. Gate orders: LSTM i, f, g, o; GRU r, z, n, with the reset gate scaling the whole recurrent term
/// (W_hn h + b_hn), which is ONNX's <c>linear_before_reset = 1</c>.
/// </remarks>
internal sealed class ReferenceCell
{
    private readonly RnnCellType _cell;
    private readonly int _hidden;
    private readonly double[] _inputWeights;
    private readonly double[] _recurrentWeights;
    private readonly double[] _inputBias;
    private readonly double[] _recurrentBias;

    /// <param name="cell">Which equations to apply.</param>
    /// <param name="hidden">H, the hidden units of this direction.</param>
    /// <param name="weights">This direction's weights, widened to double once here.</param>
    public ReferenceCell(RnnCellType cell, int hidden, RecurrentDirectionWeights weights)
    {
        _cell = cell;
        _hidden = hidden;
        _inputWeights = Widen(weights.InputWeights);
        _recurrentWeights = Widen(weights.RecurrentWeights);
        _inputBias = Widen(weights.InputBias);
        _recurrentBias = Widen(weights.RecurrentBias);
    }

    /// <summary>Advances the state by one step of input <paramref name="x"/>.</summary>
    /// <param name="x">This step's input (the layer's input width).</param>
    /// <param name="h">The hidden state before the step; holds the state after it on return.</param>
    /// <param name="c">An LSTM's cell state, updated the same way; ignored by the other cells.</param>
    public void Step(double[] x, double[] h, double[] c)
    {
        // Each gate's input term W_i* x + b_i* and recurrent term W_h* h + b_h*, kept apart because the GRU needs them apart.
        var fromInput = Affine(_inputWeights, _inputBias, x);
        var fromState = Affine(_recurrentWeights, _recurrentBias, h);
        int H = _hidden;
        for (int j = 0; j < H; j++)
        {
            switch (_cell)
            {
                case RnnCellType.Tanh:
                    h[j] = Math.Tanh(fromInput[j] + fromState[j]);
                    break;
                case RnnCellType.Relu:
                    h[j] = Math.Max(0.0, fromInput[j] + fromState[j]);
                    break;
                case RnnCellType.Lstm:
                    double input = Sigmoid(fromInput[j] + fromState[j]);
                    double forget = Sigmoid(fromInput[H + j] + fromState[H + j]);
                    double candidate = Math.Tanh(fromInput[2 * H + j] + fromState[2 * H + j]);
                    double output = Sigmoid(fromInput[3 * H + j] + fromState[3 * H + j]);
                    c[j] = forget * c[j] + input * candidate;
                    h[j] = output * Math.Tanh(c[j]);
                    break;
                case RnnCellType.Gru:
                    // h[j] is overwritten below, but every gate already read the old state through fromState.
                    double reset = Sigmoid(fromInput[j] + fromState[j]);
                    double update = Sigmoid(fromInput[H + j] + fromState[H + j]);
                    double fresh = Math.Tanh(fromInput[2 * H + j] + reset * fromState[2 * H + j]);
                    h[j] = (1 - update) * fresh + update * h[j];
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(_cell), _cell, "Unknown cell type.");
            }
        }
    }

    /// <summary>The logistic function 1 / (1 + e^-v).</summary>
    public static double Sigmoid(double v) => 1.0 / (1.0 + Math.Exp(-v));

    /// <summary>W v + b for row-major W with as many columns as <paramref name="v"/> has values.</summary>
    public static double[] Affine(double[] weights, double[] bias, double[] v)
    {
        if (weights.Length != bias.Length * v.Length)
            throw new ArgumentException($"A [{bias.Length} x ?] matrix of {weights.Length} values cannot multiply a vector of {v.Length}.");
        var result = new double[bias.Length];
        for (int row = 0; row < result.Length; row++)
        {
            double sum = bias[row];
            for (int col = 0; col < v.Length; col++)
                sum += weights[row * v.Length + col] * v[col];
            result[row] = sum;
        }

        return result;
    }

    /// <summary>A float weight block as doubles (exact: every float is a double).</summary>
    public static double[] Widen(ReadOnlyMemory<float> values)
    {
        var span = values.Span;
        var result = new double[span.Length];
        for (int i = 0; i < span.Length; i++)
            result[i] = span[i];
        return result;
    }
}
