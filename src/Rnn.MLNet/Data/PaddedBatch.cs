namespace Rnn.MLNet;

/// <summary>
/// Chosen rows of a <see cref="SequenceChunk"/> laid out batch-first and zero-padded to the longest row,
/// with each row's length in steps. Buffers are reused from batch to batch; not thread-safe.
/// </summary>
/// <remarks>
/// When the rows are consecutive in the chunk and all equally long (scoring a fixed-size column), the chunk already
/// holds them in this layout, so <see cref="Values"/> points into the chunk instead of copying; the batch is then
/// valid until the chunk is refilled.
/// </remarks>
internal sealed class PaddedBatch
{
    private readonly int _inputSize;
    private float[] _values = [];
    private int[] _lengths = [];
    private long[] _tokenIndices = [];
    private ReadOnlyMemory<float> _borrowed;
    private bool _isBorrowed;

    public PaddedBatch(int inputSize) => _inputSize = inputSize;

    public int Count { get; private set; }

    public int MaxSteps { get; private set; }

    /// <summary>[Count, MaxSteps, inputSize] row-major.</summary>
    public ReadOnlySpan<float> Values => _isBorrowed ? _borrowed.Span : _values.AsSpan(0, Count * MaxSteps * _inputSize);

    /// <summary>Steps of each row.</summary>
    public ReadOnlySpan<int> Lengths => _lengths.AsSpan(0, Count);

    public void Fill(SequenceChunk chunk, ReadOnlySpan<int> rows)
    {
        Count = rows.Length;
        MaxSteps = 0;
        if (_lengths.Length < Count)
            _lengths = new int[Math.Max(Count, _lengths.Length * 2)];
        bool consecutive = true;
        for (int i = 0; i < Count; i++)
        {
            _lengths[i] = chunk.Steps(rows[i]);
            MaxSteps = Math.Max(MaxSteps, _lengths[i]);
            consecutive &= rows[i] == rows[0] + i;
        }

        _isBorrowed = consecutive && Count > 0 && Lengths.IndexOfAnyExcept(MaxSteps) < 0;
        if (_isBorrowed)
        {
            _borrowed = chunk.ValuesOfRun(rows[0], Count);
            return;
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

    /// <summary>The values as int64 token indices (token rows store one index per step as a float), in a reused buffer.</summary>
    public ReadOnlySpan<long> TokenIndices()
    {
        var values = Values;
        if (_tokenIndices.Length < values.Length)
            _tokenIndices = new long[Math.Max(values.Length, _tokenIndices.Length * 2)];
        var indices = _tokenIndices.AsSpan(0, values.Length);
        for (int i = 0; i < values.Length; i++)
            indices[i] = (long)values[i];
        return indices;
    }
}
