namespace Rnn.MLNet;

/// <summary>
/// A window of sequences held in flat, reusable arrays (values, steps, a label per row or per step), so reading
/// a data set allocates per chunk growth rather than per row. Token sequences store one index per step as a float.
/// </summary>
internal sealed class SequenceChunk
{
    private float[] _values = new float[4096];
    private long[] _valueOffsets = new long[256];
    private long[] _stepOffsets = new long[256];
    private int[] _steps = new int[256];
    private int[] _labels = new int[256];
    private int[] _stepLabels = new int[1024];

    public int Count { get; private set; }

    public long ValueCount { get; private set; }

    public long StepCount { get; private set; }

    public void Clear()
    {
        Count = 0;
        ValueCount = 0;
        StepCount = 0;
    }

    /// <summary>
    /// Grows the buffers to hold at least <paramref name="rows"/> rows, <paramref name="values"/> values and (when
    /// <paramref name="stepLabels"/>) as many per-step labels as <paramref name="steps"/>, in one step each: a chunk
    /// that is filled by doubling would briefly hold its old and new value arrays (up to 3× the data) at the last growth.
    /// </summary>
    public void Reserve(int rows, long values, long steps, bool stepLabels)
    {
        if (rows > _valueOffsets.Length)
        {
            Array.Resize(ref _valueOffsets, rows);
            Array.Resize(ref _stepOffsets, rows);
            Array.Resize(ref _steps, rows);
            Array.Resize(ref _labels, rows);
        }

        ReserveExactly(ref _values, values);
        if (stepLabels)
            ReserveExactly(ref _stepLabels, steps);
    }

    /// <summary>Reserves room for one row of <paramref name="length"/> values over <paramref name="steps"/> steps and returns it for the caller to fill.</summary>
    public Span<float> Append(int length, int steps, int label)
    {
        if (Count == _valueOffsets.Length)
        {
            int grown = Count * 2;
            Array.Resize(ref _valueOffsets, grown);
            Array.Resize(ref _stepOffsets, grown);
            Array.Resize(ref _steps, grown);
            Array.Resize(ref _labels, grown);
        }

        Grow(ref _values, ValueCount + length);
        _valueOffsets[Count] = ValueCount;
        _stepOffsets[Count] = StepCount;
        _steps[Count] = steps;
        _labels[Count] = label;
        var span = _values.AsSpan((int)ValueCount, length);
        ValueCount += length;
        StepCount += steps;
        Count++;
        return span;
    }

    /// <summary>Room for the per-step labels of the row just appended.</summary>
    public Span<int> StepLabelsOfLast()
    {
        int row = Count - 1;
        Grow(ref _stepLabels, StepCount);
        return _stepLabels.AsSpan((int)_stepOffsets[row], _steps[row]);
    }

    public ReadOnlySpan<float> Values(int row, int valuesPerStep) =>
        _values.AsSpan((int)_valueOffsets[row], _steps[row] * valuesPerStep);

    /// <summary>The values of <paramref name="count"/> consecutive rows from <paramref name="firstRow"/>, back to back as stored.</summary>
    public ReadOnlyMemory<float> ValuesOfRun(int firstRow, int count)
    {
        long start = _valueOffsets[firstRow];
        long end = firstRow + count < Count ? _valueOffsets[firstRow + count] : ValueCount;
        return _values.AsMemory((int)start, (int)(end - start));
    }

    public int Steps(int row) => _steps[row];

    public int Label(int row) => _labels[row];

    public ReadOnlySpan<int> StepLabels(int row) => _stepLabels.AsSpan((int)_stepOffsets[row], _steps[row]);

    private static void ReserveExactly<T>(ref T[] array, long needed)
    {
        if (needed > array.Length)
            Array.Resize(ref array, (int)Math.Min(Array.MaxLength, needed));
    }

    private static void Grow<T>(ref T[] array, long needed)
    {
        if (needed > array.Length)
            Array.Resize(ref array, (int)Math.Min(Array.MaxLength, Math.Max(array.Length * 2L, needed)));
    }
}
