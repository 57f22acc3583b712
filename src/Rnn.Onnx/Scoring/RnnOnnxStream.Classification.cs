using Rnn.Onnx.Heads;

namespace Rnn.Onnx;

/// <summary>Classifiers' streams: the running prediction of the sequence so far.</summary>
public sealed partial class RnnOnnxStream
{
    /// <summary>Pushes steps × <see cref="RnnOnnxScorer.InputSize"/> values (step-major) and returns the prediction for the sequence so far.</summary>
    /// <exception cref="ArgumentException">Empty, not a multiple of InputSize, or not finite.</exception>
    /// <exception cref="InvalidOperationException">The model labels every step (use <see cref="PushAndTag"/>) or reads tokens.</exception>
    public RnnPrediction Push(ReadOnlySpan<float> steps)
    {
        RequireValues();
        Require(ScorerCall.SequenceClass, tokens: false);
        return RunValues(steps, new float[_scorer.ClassCount])!;
    }

    /// <summary>Pushes raw tokens (unknown ones map to index 0) and returns the prediction for the sequence so far.</summary>
    /// <exception cref="ArgumentException">No tokens, or a null token.</exception>
    public RnnPrediction PushTokens(IReadOnlyList<string> tokens)
    {
        Require(ScorerCall.SequenceClass, tokens: true);
        return RunTokens(tokens, new float[_scorer.ClassCount])!;
    }
}
