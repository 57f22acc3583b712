namespace Rnn.Onnx;

/// <summary>The scores of one sequence.</summary>
/// <param name="Probabilities">Class probabilities in <see cref="RnnOnnxScorer.ClassNames"/> order; they sum to 1.</param>
/// <param name="PredictedIndex">Index of the most probable class (the first one on a tie).</param>
/// <param name="PredictedLabel">Name of the most probable class.</param>
public sealed record RnnPrediction(float[] Probabilities, int PredictedIndex, string PredictedLabel)
{
    /// <summary>The prediction of one probability vector: the most probable class (the first one on a tie) and its name.</summary>
    internal static RnnPrediction Of(float[] probabilities, IReadOnlyList<string> classNames)
    {
        int best = 0;
        for (int c = 1; c < probabilities.Length; c++)
            if (probabilities[c] > probabilities[best])
                best = c;
        return new RnnPrediction(probabilities, best, classNames[best]);
    }
}
