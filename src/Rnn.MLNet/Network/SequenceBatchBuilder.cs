using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Turns chosen rows of a <see cref="SequenceChunk"/> into TorchSharp tensors: zero-padded inputs (float steps
/// [batch, steps, inputSize] or token indices [batch, steps]), lengths, and targets (a class per row, or a class
/// per step with <see cref="IgnoredStep"/> past each length). Staging buffers are reused; tensors are filled with
/// span copies (<see cref="TensorMemory"/>).
/// </summary>
internal sealed class SequenceBatchBuilder
{
    /// <summary>Target value of padded steps; cross-entropy skips it, so padding never counts in the loss.</summary>
    public const long IgnoredStep = -100;

    private readonly PaddedBatch _padded;
    private readonly bool _tokens;
    private long[] _lengths = [];
    private long[] _targets = [];

    public SequenceBatchBuilder(int valuesPerStep, bool tokens)
    {
        ValuesPerStep = valuesPerStep;
        _tokens = tokens;
        _padded = new PaddedBatch(valuesPerStep, tokens);
    }

    public int ValuesPerStep { get; }

    /// <summary>Builds the input tensors for the rows <paramref name="rows"/> of <paramref name="chunk"/>.</summary>
    public (Tensor Inputs, Tensor Lengths) Inputs(SequenceChunk chunk, ReadOnlySpan<int> rows, Device device)
    {
        _padded.Fill(chunk, rows);
        return Inputs(_padded, device);
    }

    /// <summary>Builds the input tensors for an already padded batch.</summary>
    public (Tensor Inputs, Tensor Lengths) Inputs(PaddedBatch batch, Device device)
    {
        Tensor inputs;
        if (_tokens)
        {
            inputs = empty([batch.Count, batch.MaxSteps], ScalarType.Int64);
            TensorMemory.CopyInto(inputs, batch.TokenIndices());
        }
        else
        {
            inputs = empty([batch.Count, batch.MaxSteps, ValuesPerStep], ScalarType.Float32);
            TensorMemory.CopyInto(inputs, batch.Values);
        }

        // pack_padded_sequence wants the lengths on the CPU as int64, whatever the device of the data.
        var lengths = empty([batch.Count], ScalarType.Int64);
        EnsureCapacity(ref _lengths, batch.Count);
        for (int i = 0; i < batch.Count; i++)
            _lengths[i] = batch.Lengths[i];
        TensorMemory.CopyInto<long>(lengths, _lengths.AsSpan(0, batch.Count));
        return (OnDevice(inputs, device), lengths);
    }

    /// <summary>0-based class targets: [rows] per row, or [rows, maxSteps] per step with padding ignored.</summary>
    public Tensor Targets(SequenceChunk chunk, ReadOnlySpan<int> rows, bool perStep, Device device)
    {
        if (!perStep)
        {
            EnsureCapacity(ref _targets, rows.Length);
            for (int i = 0; i < rows.Length; i++)
                _targets[i] = chunk.Label(rows[i]);
            var labels = empty([rows.Length], ScalarType.Int64);
            TensorMemory.CopyInto<long>(labels, _targets.AsSpan(0, rows.Length));
            return OnDevice(labels, device);
        }

        int maxSteps = 0;
        foreach (var row in rows)
            maxSteps = Math.Max(maxSteps, chunk.Steps(row));
        int total = rows.Length * maxSteps;
        EnsureCapacity(ref _targets, total);
        var targets = _targets.AsSpan(0, total);
        targets.Fill(IgnoredStep);
        for (int i = 0; i < rows.Length; i++)
        {
            var labels = chunk.StepLabels(rows[i]);
            for (int t = 0; t < labels.Length; t++)
                targets[i * maxSteps + t] = labels[t];
        }

        var result = empty([rows.Length, maxSteps], ScalarType.Int64);
        TensorMemory.CopyInto<long>(result, targets);
        return OnDevice(result, device);
    }

    private static Tensor OnDevice(Tensor tensor, Device device) =>
        device.type == DeviceType.CPU ? tensor : tensor.to(device);

    private static void EnsureCapacity<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[Math.Max(length, buffer.Length * 2)];
    }
}
