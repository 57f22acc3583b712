using System.Runtime.InteropServices;

namespace Rnn.MLNet;

/// <summary>
/// A window of sequences held in flat, reusable arrays (a label per row or per step, or a regressor's numeric targets,
/// and either float values or integer token indices), so reading a data set allocates per chunk growth rather than per
/// row. Token indices stay integers all the way to the tensors: a float carries integers exactly only below 2^24.
/// </summary>
internal sealed class SequenceChunk
{
    private float[] _values = [];
    private int[] _tokens = [];
    private long[] _valueOffsets = new long[256];
    private long[] _stepOffsets = new long[256];
    private int[] _steps = new int[256];
    private int[] _labels = new int[256];
    private int[] _stepLabels = new int[1024];
    private float[] _targets = [];

    public int Count { get; private set; }

    /// <summary>Values (float input) or tokens (token input) held.</summary>
    public long ValueCount { get; private set; }

    public long StepCount { get; private set; }

    public void Clear()
    {
        Count = 0;
        ValueCount = 0;
        StepCount = 0;
    }

    /// <summary>
    /// Grows the buffers to hold at least <paramref name="rows"/> rows, <paramref name="values"/> values or tokens and (when
    /// <paramref name="stepLabels"/>) as many per-step labels as <paramref name="steps"/>, in one step each: a chunk
    /// that is filled by doubling would briefly hold its old and new value arrays (up to 3× the data) at the last growth.
    /// </summary>
    public void Reserve(int rows, long values, long steps, bool stepLabels, bool tokens)
    {
        if (rows > _valueOffsets.Length)
            ResizeRows(rows);
        if (tokens)
            ReserveExactly(ref _tokens, values);
        else
            ReserveExactly(ref _values, values);
        if (stepLabels)
            ReserveExactly(ref _stepLabels, steps);
    }

    /// <summary>Reserves room for one row of <paramref name="length"/> float values over <paramref name="steps"/> steps and returns it for the caller to fill.</summary>
    public Span<float> Append(int length, int steps, int label)
    {
        AppendRow(length, steps, label);
        Grow(ref _values, ValueCount);
        return _values.AsSpan((int)_valueOffsets[Count - 1], length);
    }

    /// <summary>Reserves room for one row of <paramref name="steps"/> token indices (one per step) and returns it for the caller to fill.</summary>
    public Span<int> AppendTokens(int steps, int label)
    {
        AppendRow(steps, steps, label);
        Grow(ref _tokens, ValueCount);
        return _tokens.AsSpan((int)_valueOffsets[Count - 1], steps);
    }

    /// <summary>Room for the per-step labels of the row just appended.</summary>
    public Span<int> StepLabelsOfLast()
    {
        int row = Count - 1;
        Grow(ref _stepLabels, StepCount);
        return _stepLabels.AsSpan((int)_stepOffsets[row], _steps[row]);
    }

    /// <summary>Room for the <paramref name="width"/> regression targets of the row just appended (every row has the same width).</summary>
    public Span<float> TargetsOfLast(int width)
    {
        long end = (long)Count * width;
        Grow(ref _targets, end);
        return _targets.AsSpan((int)(end - width), width);
    }

    /// <summary>The <paramref name="width"/> regression targets of <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Targets(int row, int width) => _targets.AsSpan(row * width, width);

    public ReadOnlySpan<float> Values(int row, int valuesPerStep) =>
        _values.AsSpan((int)_valueOffsets[row], _steps[row] * valuesPerStep);

    public ReadOnlySpan<int> Tokens(int row) => _tokens.AsSpan((int)_valueOffsets[row], _steps[row]);

    /// <summary>The stored content of a row (values or tokens) as bytes, for comparing rows without caring which.</summary>
    public ReadOnlySpan<byte> RowBytes(int row, int valuesPerStep, bool tokens) =>
        tokens ? MemoryMarshal.AsBytes(Tokens(row)) : MemoryMarshal.AsBytes(Values(row, valuesPerStep));

    /// <summary>The float values of <paramref name="count"/> consecutive rows from <paramref name="firstRow"/>, back to back as stored.</summary>
    public ReadOnlyMemory<float> ValuesOfRun(int firstRow, int count)
    {
        long start = _valueOffsets[firstRow];
        long end = firstRow + count < Count ? _valueOffsets[firstRow + count] : ValueCount;
        return _values.AsMemory((int)start, (int)(end - start));
    }

    public int Steps(int row) => _steps[row];

    public int Label(int row) => _labels[row];

    public ReadOnlySpan<int> StepLabels(int row) => _stepLabels.AsSpan((int)_stepOffsets[row], _steps[row]);

    private void AppendRow(int length, int steps, int label)
    {
        if (Count == _valueOffsets.Length)
            ResizeRows(Count * 2);
        _valueOffsets[Count] = ValueCount;
        _stepOffsets[Count] = StepCount;
        _steps[Count] = steps;
        _labels[Count] = label;
        ValueCount += length;
        StepCount += steps;
        Count++;
    }

    private void ResizeRows(int rows)
    {
        Array.Resize(ref _valueOffsets, rows);
        Array.Resize(ref _stepOffsets, rows);
        Array.Resize(ref _steps, rows);
        Array.Resize(ref _labels, rows);
    }

    private static void ReserveExactly<T>(ref T[] array, long needed)
    {
        if (needed > array.Length)
            Array.Resize(ref array, (int)Math.Min(Array.MaxLength, needed));
    }

    private static void Grow<T>(ref T[] array, long needed)
    {
        if (needed > array.Length)
            Array.Resize(ref array, (int)Math.Min(Array.MaxLength, Math.Max(Math.Max(array.Length * 2L, 4096), needed)));
    }
}
