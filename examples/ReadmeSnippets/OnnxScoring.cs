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

    /// <summary>The README's 8-bit example: the same network exported and scored with int8 weights.</summary>
    public static void RunInt8(RecurrentNetworkDescription network, string modelPath, string folder, float[] sequence)
    {
        // snippet: int8
        RnnOnnxExporter.Write(network, Path.Combine(folder, "model.int8.onnx"),
            new OnnxExportOptions { Quantization = OnnxQuantization.DynamicInt8 });   // LSTM layers and head as 8-bit ONNX Runtime operators
        using var int8 = new RnnOnnxScorer(modelPath, new RnnOnnxScorerOptions { Quantization = OnnxQuantization.DynamicInt8 });  // or score a float file 8-bit
        Console.WriteLine($"int8: {int8.Score(sequence).PredictedLabel}");
        // end snippet
    }
}
