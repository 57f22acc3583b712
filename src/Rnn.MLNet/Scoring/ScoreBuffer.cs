using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Probabilities of a block of scored rows and the getters that read one row of them: C values per row for
/// classification, or length × C values (one block per real step, padding dropped) for labeling, or a regressor's
/// predicted values (C = its targets) for regression. A block may be scored in several batches in any row order
/// (<see cref="Stage"/>, then <see cref="Keep"/>); rows are read back by their place in the block.
/// </summary>
internal sealed class ScoreBuffer
{
    private readonly int _classes;
    private readonly bool _perStep;
    private float[] _probabilities = [];
    private float[] _staging = [];
    private int[] _offsets = [];
    private int[] _lengths = [];

    public ScoreBuffer(int classes, bool perStep)
    {
        _classes = classes;
        _perStep = perStep;
    }

    /// <summary>Starts a block of the first <paramref name="rows"/> rows of <paramref name="chunk"/>.</summary>
    public void Begin(SequenceChunk chunk, int rows)
    {
        if (_offsets.Length < rows)
        {
            _offsets = new int[rows];
            _lengths = new int[rows];
        }

        int size = 0;
        for (int row = 0; row < rows; row++)
        {
            _offsets[row] = size;
            _lengths[row] = chunk.Steps(row);
            size += (_perStep ? _lengths[row] : 1) * _classes;
        }

        if (_probabilities.Length < size)
            _probabilities = new float[size];
    }

    /// <summary>Room for the scores of <paramref name="batch"/>, in the layout the scorers write.</summary>
    public Span<float> Stage(PaddedBatch batch)
    {
        int size = batch.Count * (_perStep ? batch.MaxSteps : 1) * _classes;
        if (_staging.Length < size)
            _staging = new float[size];
        return _staging.AsSpan(0, size);
    }

    /// <summary>Keeps the staged scores of <paramref name="batch"/>, whose i-th row is row <paramref name="rows"/>[i] of the block.</summary>
    public void Keep(PaddedBatch batch, ReadOnlySpan<int> rows)
    {
        int stride = (_perStep ? batch.MaxSteps : 1) * _classes;
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            _staging.AsSpan(i * stride, Count(row)).CopyTo(_probabilities.AsSpan(_offsets[row]));
        }
    }

    /// <summary>The one value of a one-target regressor's row.</summary>
    public float Value(int row) => _probabilities[row * _classes];

    public void CopyScores(int row, ref VBuffer<float> destination)
    {
        int count = Count(row);
        var editor = VBufferEditor.Create(ref destination, count);
        _probabilities.AsSpan(_offsets[row], count).CopyTo(editor.Values);
        destination = editor.Commit();
    }

    /// <summary>1-based key of the most probable class (ties go to the lower index, as ML.NET does).</summary>
    public uint PredictedKey(int row) => ArgMaxKey(_offsets[row]);

    /// <summary>One 1-based key per real step of <paramref name="row"/>.</summary>
    public void PredictedKeys(int row, ref VBuffer<uint> destination)
    {
        int steps = _lengths[row];
        var editor = VBufferEditor.Create(ref destination, steps);
        for (int t = 0; t < steps; t++)
            editor.Values[t] = ArgMaxKey(_offsets[row] + t * _classes);
        destination = editor.Commit();
    }

    private int Count(int row) => (_perStep ? _lengths[row] : 1) * _classes;

    private uint ArgMaxKey(int offset)
    {
        var scores = _probabilities.AsSpan(offset, _classes);
        int best = 0;
        for (int i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
                best = i;
        }

        return (uint)best + 1;
    }
}
