using Microsoft.ML;
using Rnn.MLNet;
using Rnn.Onnx;

namespace ReadmeSnippets;

/// <summary>The README's serving examples: a Triton model repository, streaming, and the GPU convention.</summary>
internal static class Serving
{
    public static void Run(RnnTransformer model, string modelPath, float[] sequence, string folder)
    {
        // snippet: triton
        model.ExportTritonModel(Path.Combine(folder, "models"), "rnn");   // models/rnn/config.pbtxt, 1/model.onnx, labels.txt
        model.ExportTritonModel(Path.Combine(folder, "models"), "rnn_stream", new TritonExportOptions { Streaming = true });
        // end snippet

        int inputSize = model.Network.InputSize;
        // snippet: streaming
        using var scorer = new RnnOnnxScorer(modelPath);
        RnnOnnxStream stream = scorer.OpenStream();              // one sequence, fed as its steps arrive
        for (int t = 0; t < sequence.Length / inputSize; t++)
        {
            RnnPrediction running = stream.Push(sequence.AsSpan(t * inputSize, inputSize));
            Console.WriteLine($"after step {stream.Steps}: {running.PredictedLabel}");
        }
        // end snippet

        // snippet: gpu
        var mlContext = new MLContext { GpuDeviceId = 0, FallbackToCpu = true };   // ML.NET's convention
        ITransformer loaded = RnnModelFile.Load(mlContext, Path.Combine(folder, "model.zip"), out _);
        using var gpuScorer = new RnnOnnxScorer(modelPath, new RnnOnnxScorerOptions { UseCuda = true, GpuDeviceId = 0, Log = Console.WriteLine });
        Console.WriteLine(gpuScorer.UsesCuda ? "scoring on CUDA" : "scoring on the CPU (the log line says why)");
        // end snippet
    }
}
