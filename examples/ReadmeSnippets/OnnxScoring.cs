using Rnn.Onnx;

namespace ReadmeSnippets;

/// <summary>The README's scoring-only example: an exported model scored with Rnn.Onnx alone.</summary>
internal static class OnnxScoring
{
    public static void Run(string modelPath, float[] sequence)
    {
        // snippet: onnx-scoring
        using var scorer = new RnnOnnxScorer(modelPath);         // package Rnn.Onnx only: no ML.NET, no TorchSharp
        RnnPrediction prediction = scorer.Score(sequence);       // steps × InputSize values
        Console.WriteLine($"{prediction.PredictedLabel}: {prediction.Probabilities.Max():P1}");
        // end snippet
    }
}
