using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Probabilities of a block of scored rows and the getters that read one row of them: C values per row for
/// classification, or length × C values (one block per real step, padding dropped) for labeling; a regressor's
/// predicted values (C = its targets) for regression.
/// </summary>
internal sealed class ScoreBuffer
{
    private readonly int _classes;
    private readonly bool _perStep;
    private float[] _probabilities = [];
    private int[] _lengths = [];
    private int _maxSteps;

    public ScoreBuffer(int classes, bool perStep)
    {
        _classes = classes;
        _perStep = perStep;
    }

    /// <summary>Room for the scores of <paramref name="batch"/>, in the layout the scorers write.</summary>
    public Span<float> Reserve(PaddedBatch batch)
    {
        _maxSteps = _perStep ? batch.MaxSteps : 1;
        int size = batch.Count * _maxSteps * _classes;
        if (_probabilities.Length < size)
            _probabilities = new float[size];
        if (_lengths.Length < batch.Count)
            _lengths = new int[batch.Count];
        batch.Lengths.CopyTo(_lengths);
        return _probabilities.AsSpan(0, size);
    }

    /// <summary>The one value of a one-target regressor's row.</summary>
    public float Value(int row) => _probabilities[row * _classes];

    public void CopyScores(int row, ref VBuffer<float> destination)
    {
        int count = (_perStep ? _lengths[row] : 1) * _classes;
        var editor = VBufferEditor.Create(ref destination, count);
        _probabilities.AsSpan(row * _maxSteps * _classes, count).CopyTo(editor.Values);
        destination = editor.Commit();
    }

    /// <summary>1-based key of the most probable class (ties go to the lower index, as ML.NET does).</summary>
    public uint PredictedKey(int row) => ArgMaxKey(row * _classes);

    /// <summary>One 1-based key per real step of <paramref name="row"/>.</summary>
    public void PredictedKeys(int row, ref VBuffer<uint> destination)
    {
        int steps = _lengths[row];
        var editor = VBufferEditor.Create(ref destination, steps);
        for (int t = 0; t < steps; t++)
            editor.Values[t] = ArgMaxKey((row * _maxSteps + t) * _classes);
        destination = editor.Commit();
    }

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
