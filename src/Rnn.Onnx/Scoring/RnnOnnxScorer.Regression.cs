using Rnn.Onnx.Heads;

namespace Rnn.Onnx;

/// <summary>Regressors: models whose head predicts numeric targets (exported with <see cref="RegressionTargets"/>).</summary>
public sealed partial class RnnOnnxScorer
{
    /// <summary>True when the model predicts numeric targets (use <see cref="Predict"/>); false for a classifier or labeler.</summary>
    public bool IsRegression => !_head.HasClasses;

    /// <summary>A regressor's target names in output order; empty for a classifier.</summary>
    public IReadOnlyList<string> TargetNames => _info.TargetNames ?? [];

    /// <summary>Number of values a regressor predicts per sequence; 0 for a classifier.</summary>
    public int TargetCount => TargetNames.Count;

    /// <summary>Predicts the targets of one sequence of steps × <see cref="InputSize"/> values, in the targets' own units.</summary>
    /// <exception cref="InvalidOperationException">The model is a classifier, or reads tokens.</exception>
    /// <exception cref="ArgumentException">Empty, not a multiple of <see cref="InputSize"/>, or not finite.</exception>
    public float[] Predict(ReadOnlySpan<float> sequence)
    {
        RequireValues();
        Require(ScorerCall.Values, tokens: false);
        int steps = Scoring.SequenceChecks.Steps(sequence, InputSize, index: null, nameof(sequence));
        var values = new float[TargetCount];
        Run(sequence, 1, steps, [steps], values);
        return values;
    }

    /// <summary>Predicts many sequences of possibly different lengths in one ONNX Runtime run; one array of <see cref="TargetCount"/> values each.</summary>
    /// <exception cref="InvalidOperationException">The model is a classifier, or reads tokens.</exception>
    /// <exception cref="ArgumentException">A sequence is null, empty, not a multiple of <see cref="InputSize"/>, or not finite.</exception>
    public IReadOnlyList<float[]> PredictBatch(IReadOnlyList<float[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        RequireValues();
        Require(ScorerCall.Values, tokens: false);
        var values = RunSequences(sequences);
        return [.. Enumerable.Range(0, sequences.Count).Select(b => values.AsSpan(b * TargetCount, TargetCount).ToArray())];
    }

    /// <summary>Predicts the targets of one sequence of raw tokens (unknown tokens map to index 0).</summary>
    /// <exception cref="InvalidOperationException">The model is a classifier, or reads float steps.</exception>
    /// <exception cref="ArgumentException">The sequence is empty.</exception>
    public float[] PredictTokens(IReadOnlyList<string> tokens)
    {
        Require(ScorerCall.Values, tokens: true);
        var values = new float[TargetCount];
        RunTokenSequence(tokens, values);
        return values;
    }
}
