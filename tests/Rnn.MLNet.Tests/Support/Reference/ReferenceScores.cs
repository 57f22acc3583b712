namespace Rnn.MLNet.Tests;

/// <summary>
/// The reference's outputs for a batch, laid out as <see cref="TorchSequenceScorer.Score"/> and
/// <see cref="OnnxRuntimeSequenceScorer.Score"/> write theirs ([rows, outputs], or [rows, maxSteps, outputs] per step), so
/// one comparison loop serves every side. Per-step entries past a row's length mean nothing on any side: they hold NaN
/// here and <see cref="ValidIndices"/> leaves them out.
/// </summary>
internal sealed class ReferenceScores
{
    private readonly int[] _lengths;

    public ReferenceScores(double[] values, int outputs, bool perStep, int maxSteps, ReadOnlySpan<int> lengths)
    {
        Values = values;
        Outputs = outputs;
        PerStep = perStep;
        MaxSteps = maxSteps;
        _lengths = lengths.ToArray();
    }

    /// <summary>Probabilities or a regressor's values in target units, in the scorers' layout.</summary>
    public double[] Values { get; }

    /// <summary>Values per row, or per step.</summary>
    public int Outputs { get; }

    public bool PerStep { get; }

    public int MaxSteps { get; }

    /// <summary>Indices of <see cref="Values"/> that carry a prediction: every row's, and per step only its valid steps'.</summary>
    public IEnumerable<int> ValidIndices()
    {
        int stride = (PerStep ? MaxSteps : 1) * Outputs;
        for (int row = 0; row < _lengths.Length; row++)
        {
            int valid = (PerStep ? _lengths[row] : 1) * Outputs;
            for (int i = 0; i < valid; i++)
                yield return row * stride + i;
        }
    }

    /// <summary>Which output (class or target) index <paramref name="index"/> of <see cref="Values"/> belongs to.</summary>
    public int OutputOf(int index) => index % Outputs;
}
