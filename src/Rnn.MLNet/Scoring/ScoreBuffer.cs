using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Probabilities of a block of scored rows, and the getters that read one row of them.</summary>
internal sealed class ScoreBuffer
{
    private readonly int _classes;
    private float[] _probabilities = [];

    public ScoreBuffer(int classes) => _classes = classes;

    public Span<float> Reserve(int rows)
    {
        if (_probabilities.Length < rows * _classes)
            _probabilities = new float[rows * _classes];
        return _probabilities.AsSpan(0, rows * _classes);
    }

    public void CopyScores(int row, ref VBuffer<float> destination)
    {
        var editor = VBufferEditor.Create(ref destination, _classes);
        _probabilities.AsSpan(row * _classes, _classes).CopyTo(editor.Values);
        destination = editor.Commit();
    }

    /// <summary>1-based key of the most probable class (ties go to the lower index, as ML.NET does).</summary>
    public uint PredictedKey(int row)
    {
        var scores = _probabilities.AsSpan(row * _classes, _classes);
        int best = 0;
        for (int i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
                best = i;
        }

        return (uint)best + 1;
    }
}
