using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Turns chosen rows of a <see cref="SequenceChunk"/> into TorchSharp tensors: zero-padded
/// [batch, steps, inputSize] inputs, their lengths and labels. Staging buffers are reused.
/// </summary>
internal sealed class SequenceBatchBuilder
{
    private readonly PaddedBatch _padded;
    private long[] _labels = [];

    public SequenceBatchBuilder(int inputSize)
    {
        InputSize = inputSize;
        _padded = new PaddedBatch(inputSize);
    }

    public int InputSize { get; }

    /// <summary>Builds the input tensors for the rows <paramref name="rows"/> of <paramref name="chunk"/>.</summary>
    public (Tensor Inputs, Tensor Lengths) Inputs(SequenceChunk chunk, ReadOnlySpan<int> rows, Device device)
    {
        _padded.Fill(chunk, rows);
        var inputs = empty([_padded.Count, _padded.MaxSteps, InputSize], ScalarType.Float32);
        inputs.data<float>().CopyFrom(_padded.Values, 0, 0);
        // pack_padded_sequence wants the lengths on the CPU as int64, whatever the device of the data.
        var lengths = empty([_padded.Count], ScalarType.Int64);
        var lengthValues = new long[_padded.Count];
        for (int i = 0; i < lengthValues.Length; i++)
            lengthValues[i] = _padded.Lengths[i];
        lengths.data<long>().CopyFrom(lengthValues, 0, 0);
        return (OnDevice(inputs, device), lengths);
    }

    /// <summary>Builds the 0-based class targets for the rows <paramref name="rows"/> of <paramref name="chunk"/>.</summary>
    public Tensor Labels(SequenceChunk chunk, ReadOnlySpan<int> rows, Device device)
    {
        if (_labels.Length < rows.Length)
            _labels = new long[Math.Max(rows.Length, _labels.Length * 2)];
        for (int i = 0; i < rows.Length; i++)
            _labels[i] = chunk.Label(rows[i]);
        var labels = empty([rows.Length], ScalarType.Int64);
        labels.data<long>().CopyFrom(_labels, 0, 0);
        return OnDevice(labels, device);
    }

    private static Tensor OnDevice(Tensor tensor, Device device) =>
        device.type == DeviceType.CPU ? tensor : tensor.to(device);
}
