using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// The length of every row of a zero-padded batch [N, S, ...], and the index arithmetic that keeps padding away from
/// valid steps: reversing each row within its own length, reading each row's last valid step, masking padded steps.
/// Index tensors are built on first use and belong to the caller's dispose scope, like the batch itself.
/// </summary>
internal sealed class RowLengths
{
    private readonly Device _device;
    private Tensor? _onDevice;
    private Tensor? _reversal;
    private Tensor? _lastSteps;
    private Tensor? _padding;
    private long[]? _lengths;

    /// <param name="lengths">[N] int64 on the CPU, each in 1..<paramref name="steps"/>.</param>
    /// <param name="steps">S, the padded length (the longest row).</param>
    /// <param name="device">Where the batch's values live.</param>
    public RowLengths(Tensor lengths, long steps, Device device)
    {
        Cpu = lengths;
        Steps = steps;
        _device = device;
        Rows = lengths.shape[0];
        long real = lengths.sum().item<long>();
        AllFull = real == Rows * steps;
        Fill = Rows * steps == 0 ? 1 : (double)real / (Rows * steps);
    }

    /// <summary>[N] int64 on the CPU, as pack_padded_sequence takes them.</summary>
    public Tensor Cpu { get; }

    public long Rows { get; }

    public long Steps { get; }

    /// <summary>True when every row uses all <see cref="Steps"/> steps (no padding at all).</summary>
    public bool AllFull { get; }

    /// <summary>Real steps ÷ padded steps, in (0, 1].</summary>
    public double Fill { get; }

    /// <summary>
    /// [N, S, F] with each row's first length steps in reverse order and its padding left where it is. An involution:
    /// applied twice it gives the input back, so it also maps outputs computed on reversed rows back to step order.
    /// </summary>
    public Tensor ReverseWithin(Tensor values)
    {
        if (AllFull)
            return values.flip(1);
        // Step t of a row of length L reads step L-1-t while t < L and stays at t in the padding; as rows of the
        // batch flattened to [N*S, F], row n's step t is row n*S + t.
        _reversal ??= Indices((n, length, index) =>
        {
            for (int t = 0; t < Steps; t++)
                index[t] = n * Steps + (t < length ? length - 1 - t : t);
        }, Steps);

        // Whole steps (F contiguous values) are moved, forwards and in the gradient (index_add over rows), rather than single
        // elements as a gather and its scatter-add backward would.
        return values.reshape(Rows * Steps, values.shape[2]).index_select(0, _reversal).view(Rows, Steps, values.shape[2]);
    }

    /// <summary>[N, F]: each row's values at its own last valid step.</summary>
    public Tensor AtLastStep(Tensor values)
    {
        if (AllFull)
            return values.select(1, Steps - 1);
        // Whole rows of the batch flattened to [N*S, F] (row n's last step is row n*S + length - 1): its gradient adds N rows
        // into the zeros, where a gather's scatter-add backward visits every element.
        _lastSteps ??= Indices((n, length, index) => index[0] = n * Steps + length - 1, 1);
        return values.reshape(Rows * Steps, values.shape[2]).index_select(0, _lastSteps);
    }

    /// <summary>[N, S, 1] true at padded steps (past each row's length), or null when there are none.</summary>
    public Tensor? Padding()
    {
        if (AllFull)
            return null;
        if (_padding is null)
        {
            var lengths = Lengths();
            var padded = new bool[Rows * Steps];
            for (int n = 0; n < Rows; n++)
                padded.AsSpan((int)(n * Steps + lengths[n]), (int)(Steps - lengths[n])).Fill(true);
            _padding = tensor(padded, device: _device).view(Rows, Steps, 1);
        }

        return _padding;
    }

    // Index tensors are computed here and copied over, rather than by tensor arithmetic: TorchSharp passes the numbers of
    // such arithmetic as finalizable scalars (see HeldScalars), and the values are few.
    private Tensor Indices(RowIndices fill, long perRow)
    {
        var lengths = Lengths();
        var indices = new long[Rows * perRow];
        for (int n = 0; n < Rows; n++)
            fill(n, lengths[n], indices.AsSpan((int)(n * perRow), (int)perRow));
        return tensor(indices, device: _device);
    }

    private delegate void RowIndices(long row, long length, Span<long> indices);

    private long[] Lengths() => _lengths ??= Cpu.data<long>().ToArray();

    /// <summary>[N] int64 lengths on the batch's device.</summary>
    public Tensor OnDevice() => _onDevice ??= _device.type == DeviceType.CPU ? Cpu : Cpu.to(_device);
}
