using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rnn.Benchmarks.Baselines;

/// <summary>
/// The training loop one writes by hand in TorchSharp: the whole data set already in tensors, a shuffled index per
/// epoch, nn.LSTM + nn.Linear, cross-entropy (or, for a regressor, mean squared error on targets standardised once
/// beforehand), Adam. <c>packed</c> runs the LSTM over a PackedSequence exactly as Rnn.MLNet does (same kernels);
/// otherwise over the padded tensor, which is what one writes for fixed-length data.
/// </summary>
internal sealed class BareTorchTraining : IDisposable
{
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly LSTM _lstm;
    private readonly Linear _head;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _lengths;
    private readonly Generator _shuffle;
    private readonly int _batchSize;
    private readonly bool _packed;
    private readonly bool _regression;

    /// <param name="x">[rows, steps, inputSize] float.</param>
    /// <param name="y">[rows] int64 classes, or for a regressor [rows, targets] float32 standardised targets.</param>
    /// <param name="hiddenSize">LSTM hidden units.</param>
    /// <param name="classes">Head outputs of a classifier (a regressor's come from <paramref name="y"/>).</param>
    /// <param name="batchSize">Rows per step.</param>
    /// <param name="packed">Run the LSTM over a PackedSequence.</param>
    /// <param name="seed">Initialisation and shuffling seed.</param>
    public BareTorchTraining(Tensor x, Tensor y, int hiddenSize, int classes, int batchSize, bool packed, int seed)
    {
        _x = x;
        _y = y;
        _batchSize = batchSize;
        _packed = packed;
        _regression = y.dtype == ScalarType.Float32;
        random.manual_seed(seed);
        _lstm = nn.LSTM(x.shape[2], hiddenSize, batchFirst: true);
        _head = nn.Linear(hiddenSize, _regression ? y.shape[1] : classes);
        _optimizer = optim.Adam(_lstm.parameters().Concat(_head.parameters()), 1e-3);
        _lengths = full(batchSize, x.shape[1], ScalarType.Int64);
        _shuffle = new Generator((ulong)seed);
    }

    public long Rows => _x.shape[0];

    public void Epoch()
    {
        using var order = randperm(Rows, generator: _shuffle);
        for (long start = 0; start < Rows; start += _batchSize)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(_batchSize, Rows - start);
            var index = order.narrow(0, start, count);
            Step(_x.index_select(0, index), _y.index_select(0, index), count);
        }
    }

    private void Step(Tensor x, Tensor y, long count)
    {
        _optimizer.zero_grad();
        Tensor last;
        if (_packed)
        {
            var lengths = count == _batchSize ? _lengths : full(count, x.shape[1], ScalarType.Int64);
            using var packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first: true, enforce_sorted: false);
            var (output, hidden, cell) = _lstm.call(packed);
            output.Dispose();
            last = hidden[-1];
        }
        else
        {
            var (_, hidden, _) = _lstm.call(x);
            last = hidden[-1];
        }

        var outputs = _head.call(last);
        var loss = _regression ? nn.functional.mse_loss(outputs, y) : nn.functional.cross_entropy(outputs, y);
        loss.backward();
        _optimizer.step();
        loss.item<float>();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _lstm.Dispose();
        _head.Dispose();
        _lengths.Dispose();
        _shuffle.Dispose();
    }
}
