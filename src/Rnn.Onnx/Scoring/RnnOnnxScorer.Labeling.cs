using Rnn.Onnx.Heads;
using Rnn.Onnx.Scoring;

namespace Rnn.Onnx;

/// <summary>Sequence labelers: one class per step.</summary>
public sealed partial class RnnOnnxScorer
{
    /// <summary>True for sequence labeling models: one prediction per step (see <see cref="Tag"/> and <see cref="TagTokens"/>).</summary>
    public bool PerStep => _head.ReadsEveryStep;

    /// <summary>Labels every token of one sequence (for sequence labeling models).</summary>
    /// <exception cref="ArgumentException">The sequence is empty.</exception>
    public IReadOnlyList<RnnPrediction> TagTokens(IReadOnlyList<string> tokens)
    {
        Require(ScorerCall.StepClasses, tokens: true);
        var probabilities = new float[tokens.Count * ClassCount];
        RunTokenSequence(tokens, probabilities);
        return PredictSteps(probabilities, tokens.Count);
    }

    /// <summary>Labels every step of one sequence of float steps (for sequence labeling models).</summary>
    /// <exception cref="ArgumentException">Empty, not a multiple of <see cref="InputSize"/>, or not finite.</exception>
    public IReadOnlyList<RnnPrediction> Tag(ReadOnlySpan<float> sequence)
    {
        RequireValues();
        Require(ScorerCall.StepClasses, tokens: false);
        int steps = SequenceChecks.Steps(sequence, InputSize, index: null, nameof(sequence));
        var probabilities = new float[steps * ClassCount];
        Run(sequence, 1, steps, [steps], probabilities);
        return PredictSteps(probabilities, steps);
    }

    /// <summary>One prediction per step of [steps, ClassCount] probabilities.</summary>
    internal IReadOnlyList<RnnPrediction> PredictSteps(float[] probabilities, int steps)
    {
        var predictions = new RnnPrediction[steps];
        for (int t = 0; t < steps; t++)
            predictions[t] = RnnPrediction.Of(probabilities.AsSpan(t * ClassCount, ClassCount).ToArray(), ClassNames);
        return predictions;
    }
}
