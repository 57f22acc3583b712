namespace Rnn.MLNet;

/// <summary>
/// Chosen rows of a <see cref="SequenceChunk"/> laid out batch-first and zero-padded to the longest row,
/// with each row's length in steps. Buffers are reused from batch to batch; not thread-safe.
/// </summary>
internal sealed class PaddedBatch
{
    private readonly int _inputSize;
    private float[] _values = [];
    private int[] _lengths = [];

    public PaddedBatch(int inputSize) => _inputSize = inputSize;

    public int Count { get; private set; }

    public int MaxSteps { get; private set; }

    /// <summary>[Count, MaxSteps, inputSize] row-major.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, Count * MaxSteps * _inputSize);

    /// <summary>Steps of each row.</summary>
    public ReadOnlySpan<int> Lengths => _lengths.AsSpan(0, Count);

    public void Fill(SequenceChunk chunk, ReadOnlySpan<int> rows)
    {
        Count = rows.Length;
        MaxSteps = 0;
        if (_lengths.Length < Count)
            _lengths = new int[Math.Max(Count, _lengths.Length * 2)];
        for (int i = 0; i < Count; i++)
        {
            _lengths[i] = chunk.Steps(rows[i]);
            MaxSteps = Math.Max(MaxSteps, _lengths[i]);
        }

        int rowWidth = MaxSteps * _inputSize;
        if (_values.Length < Count * rowWidth)
            _values = new float[Math.Max(Count * rowWidth, _values.Length * 2)];
        for (int i = 0; i < Count; i++)
        {
            var source = chunk.Values(rows[i], _inputSize);
            var target = _values.AsSpan(i * rowWidth, rowWidth);
            source.CopyTo(target);
            target[source.Length..].Clear();
        }
    }
}
