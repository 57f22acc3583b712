using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Packs chosen rows of a <see cref="SequenceChunk"/> into one zero-padded [batch, steps, inputSize] tensor
/// plus their lengths and labels, reusing its staging buffers from batch to batch.
/// </summary>
internal sealed class SequenceBatchBuilder
{
    private readonly int _inputSize;
    private float[] _padded = [];
    private long[] _lengths = [];
    private long[] _labels = [];

    public SequenceBatchBuilder(int inputSize) => _inputSize = inputSize;

    /// <summary>Builds the input tensors for the rows <paramref name="rows"/> of <paramref name="chunk"/>.</summary>
    public (Tensor Inputs, Tensor Lengths) Inputs(SequenceChunk chunk, ReadOnlySpan<int> rows, Device device)
    {
        int count = rows.Length;
        int maxSteps = 0;
        EnsureCapacity(ref _lengths, count);
        for (int i = 0; i < count; i++)
        {
            int steps = chunk.Steps(rows[i]);
            _lengths[i] = steps;
            maxSteps = Math.Max(maxSteps, steps);
        }

        int rowWidth = maxSteps * _inputSize;
        int total = count * rowWidth;
        EnsureCapacity(ref _padded, total);
        var padded = _padded.AsSpan(0, total);
        for (int i = 0; i < count; i++)
        {
            var values = chunk.Values(rows[i], _inputSize);
            var target = padded.Slice(i * rowWidth, rowWidth);
            values.CopyTo(target);
            target[values.Length..].Clear();
        }

        var inputs = empty([count, maxSteps, _inputSize], ScalarType.Float32);
        inputs.data<float>().CopyFrom((ReadOnlySpan<float>)padded, 0, 0);
        // pack_padded_sequence wants the lengths on the CPU as int64, whatever the device of the data.
        var lengths = tensor(_lengths.AsSpan(0, count).ToArray(), ScalarType.Int64);
        return (OnDevice(inputs, device), lengths);
    }

    /// <summary>Builds the 0-based class targets for the rows <paramref name="rows"/> of <paramref name="chunk"/>.</summary>
    public Tensor Labels(SequenceChunk chunk, ReadOnlySpan<int> rows, Device device)
    {
        EnsureCapacity(ref _labels, rows.Length);
        for (int i = 0; i < rows.Length; i++)
            _labels[i] = chunk.Label(rows[i]);
        return OnDevice(tensor(_labels.AsSpan(0, rows.Length).ToArray(), ScalarType.Int64), device);
    }

    private static Tensor OnDevice(Tensor tensor, Device device) =>
        device.type == DeviceType.CPU ? tensor : tensor.to(device);

    private static void EnsureCapacity<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[Math.Max(length, buffer.Length * 2)];
    }
}
