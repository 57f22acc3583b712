namespace Rnn.MLNet;

/// <summary>
/// A window of labelled sequences held in flat, reusable arrays, so reading a data set allocates
/// per chunk growth rather than per row.
/// </summary>
internal sealed class SequenceChunk
{
    private float[] _values = new float[4096];
    private long[] _offsets = new long[256];
    private int[] _steps = new int[256];
    private int[] _labels = new int[256];

    public int Count { get; private set; }

    public long ValueCount { get; private set; }

    public void Clear()
    {
        Count = 0;
        ValueCount = 0;
    }

    /// <summary>Reserves room for one row of <paramref name="length"/> values and returns it for the caller to fill.</summary>
    public Span<float> Append(int length, int steps, int label)
    {
        if (Count == _offsets.Length)
        {
            int grown = Count * 2;
            Array.Resize(ref _offsets, grown);
            Array.Resize(ref _steps, grown);
            Array.Resize(ref _labels, grown);
        }

        if (ValueCount + length > _values.Length)
            Array.Resize(ref _values, (int)Math.Min(Array.MaxLength, Math.Max(_values.Length * 2L, ValueCount + length)));

        _offsets[Count] = ValueCount;
        _steps[Count] = steps;
        _labels[Count] = label;
        var span = _values.AsSpan((int)ValueCount, length);
        ValueCount += length;
        Count++;
        return span;
    }

    public ReadOnlySpan<float> Values(int row, int inputSize) =>
        _values.AsSpan((int)_offsets[row], _steps[row] * inputSize);

    public int Steps(int row) => _steps[row];

    public int Label(int row) => _labels[row];
}
