namespace Rnn.MLNet;

/// <summary>
/// Chosen rows of a <see cref="SequenceChunk"/> laid out batch-first and zero-padded to the longest row, with each
/// row's length in steps: float values [Count, MaxSteps, inputSize] or int64 token indices [Count, MaxSteps], as the
/// tensors and ONNX inputs take them. Buffers are reused from batch to batch; not thread-safe.
/// </summary>
/// <remarks>
/// When float rows are consecutive in the chunk and all equally long (scoring a fixed-size column), the chunk already
/// holds them in this layout, so <see cref="Values"/> points into the chunk instead of copying; the batch is then
/// valid until the chunk is refilled.
/// </remarks>
internal sealed class PaddedBatch
{
    private readonly int _inputSize;
    private readonly bool _tokens;
    private float[] _values = [];
    private int[] _lengths = [];
    private long[] _tokenIndices = [];
    private ReadOnlyMemory<float> _borrowed;
    private bool _isBorrowed;

    /// <param name="inputSize">Values per step of float rows (1 for tokens).</param>
    /// <param name="tokens">True when the rows hold token indices rather than float values.</param>
    public PaddedBatch(int inputSize, bool tokens = false)
    {
        _inputSize = tokens ? 1 : inputSize;
        _tokens = tokens;
    }

    public int Count { get; private set; }

    public int MaxSteps { get; private set; }

    /// <summary>[Count, MaxSteps, inputSize] row-major float values (float rows only).</summary>
    public ReadOnlySpan<float> Values => _isBorrowed ? _borrowed.Span : _values.AsSpan(0, Count * MaxSteps * _inputSize);

    /// <summary>[Count, MaxSteps] row-major token indices, 0 past each length (token rows only).</summary>
    public ReadOnlySpan<long> TokenIndices() => _tokenIndices.AsSpan(0, Count * MaxSteps);

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

        if (_tokens)
        {
            FillTokens(chunk, rows);
            return;
        }

        _isBorrowed = consecutive && Count > 0 && Lengths.IndexOfAnyExcept(MaxSteps) < 0;
        if (_isBorrowed)
        {
            _borrowed = chunk.ValuesOfRun(rows[0], Count);
            return;
        }

        int rowWidth = MaxSteps * _inputSize;
        EnsureCapacity(ref _values, Count * rowWidth);
        for (int i = 0; i < Count; i++)
        {
            var source = chunk.Values(rows[i], _inputSize);
            var target = _values.AsSpan(i * rowWidth, rowWidth);
            source.CopyTo(target);
            target[source.Length..].Clear();
        }
    }

    private void FillTokens(SequenceChunk chunk, ReadOnlySpan<int> rows)
    {
        EnsureCapacity(ref _tokenIndices, Count * MaxSteps);
        for (int i = 0; i < Count; i++)
        {
            var source = chunk.Tokens(rows[i]);
            var target = _tokenIndices.AsSpan(i * MaxSteps, MaxSteps);
            for (int t = 0; t < source.Length; t++)
                target[t] = source[t];
            target[source.Length..].Clear();
        }
    }

    private static void EnsureCapacity<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[Math.Max(length, buffer.Length * 2)];
    }
}
