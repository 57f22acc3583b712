using Rnn.Onnx.Heads;
using Rnn.Onnx.Scoring;

namespace Rnn.Onnx;

/// <summary>Sequence labelers' streams: one prediction per pushed step.</summary>
public sealed partial class RnnOnnxStream
{
    /// <summary>Pushes steps of a per-step model and returns one prediction per pushed step.</summary>
    /// <exception cref="ArgumentException">Empty, not a multiple of InputSize, or not finite.</exception>
    /// <exception cref="InvalidOperationException">The model predicts one class per sequence (use <see cref="Push"/>) or reads tokens.</exception>
    public IReadOnlyList<RnnPrediction> PushAndTag(ReadOnlySpan<float> steps)
    {
        RequireValues();
        Require(ScorerCall.StepClasses, tokens: false);
        int count = SequenceChecks.Steps(steps, _scorer.InputSize, index: null, nameof(steps));
        var probabilities = new float[count * _scorer.ClassCount];
        RunValues(steps, probabilities);
        return _scorer.PredictSteps(probabilities, count);
    }

    /// <summary>Pushes raw tokens to a per-step model and returns one prediction per pushed token.</summary>
    /// <exception cref="ArgumentException">No tokens, or a null token.</exception>
    public IReadOnlyList<RnnPrediction> PushAndTagTokens(IReadOnlyList<string> tokens)
    {
        Require(ScorerCall.StepClasses, tokens: true);
        var probabilities = new float[(tokens?.Count ?? 0) * _scorer.ClassCount];
        RunTokens(tokens!, probabilities);
        return _scorer.PredictSteps(probabilities, tokens!.Count);
    }
}
