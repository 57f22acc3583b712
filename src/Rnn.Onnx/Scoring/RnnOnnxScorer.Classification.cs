using Rnn.Onnx.Heads;
using Rnn.Onnx.Scoring;

namespace Rnn.Onnx;

/// <summary>Classifiers: one class per sequence, as probabilities over <see cref="ClassNames"/>.</summary>
public sealed partial class RnnOnnxScorer
{
    /// <summary>Scores one sequence of steps × <see cref="InputSize"/> values (step-major).</summary>
    /// <exception cref="ArgumentException">Empty, not a multiple of <see cref="InputSize"/>, or not finite.</exception>
    /// <exception cref="InvalidOperationException">The model labels every step, predicts numbers, or reads tokens.</exception>
    public RnnPrediction Score(ReadOnlySpan<float> sequence)
    {
        RequireValues();
        Require(ScorerCall.SequenceClass, tokens: false);
        int steps = SequenceChecks.Steps(sequence, InputSize, index: null, nameof(sequence));
        var probabilities = new float[ClassCount];
        Run(sequence, 1, steps, [steps], probabilities);
        return RnnPrediction.Of(probabilities, ClassNames);
    }

    /// <summary>Scores many sequences of possibly different lengths in one ONNX Runtime run.</summary>
    /// <exception cref="ArgumentException">A sequence is null, empty, not a multiple of <see cref="InputSize"/>, or not finite.</exception>
    public IReadOnlyList<RnnPrediction> ScoreBatch(IReadOnlyList<float[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        RequireValues();
        Require(ScorerCall.SequenceClass, tokens: false);
        var probabilities = RunSequences(sequences);
        var predictions = new RnnPrediction[sequences.Count];
        for (int b = 0; b < predictions.Length; b++)
            predictions[b] = RnnPrediction.Of(probabilities.AsSpan(b * ClassCount, ClassCount).ToArray(), ClassNames);
        return predictions;
    }

    /// <summary>Classifies one sequence of raw tokens (unknown tokens map to index 0).</summary>
    /// <exception cref="ArgumentException">The sequence is empty.</exception>
    public RnnPrediction ScoreTokens(IReadOnlyList<string> tokens)
    {
        Require(ScorerCall.SequenceClass, tokens: true);
        var probabilities = new float[ClassCount];
        RunTokenSequence(tokens, probabilities);
        return RnnPrediction.Of(probabilities, ClassNames);
    }
}
