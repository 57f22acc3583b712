using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;

namespace Rnn.MLNet;

/// <summary>A featurizer's small ONNX graph as ML.NET's own ApplyOnnxModel step, which saves and loads with plain ML.NET.</summary>
internal static class OnnxStep
{
    /// <summary>
    /// Tensor names are the ML.NET column names. The graphs are a few cheap ops, so they always run on the CPU:
    /// a context configured for a GPU (for the trainer) must not send them there at Fit time.
    /// </summary>
    public static OnnxScoringEstimator Create(MLContext mlContext, string outputColumn, string inputColumn, byte[] model)
    {
        return CpuOnly(mlContext).Transforms.ApplyOnnxModel([outputColumn], [inputColumn], new MemoryStream(model));
    }

    /// <summary>
    /// <paramref name="mlContext"/> itself when it asks for no GPU, else a plain context: ML.NET's ApplyOnnxModel opens its
    /// session on <c>MLContext.GpuDeviceId</c>, and with the CPU-only ONNX Runtime that throws even when FallbackToCpu is set.
    /// </summary>
    public static MLContext CpuOnly(MLContext mlContext)
    {
        OnnxRuntimeNatives.EnsureLoaded(); // before ML.NET's OnnxTransformer meets a missing native runtime
        return mlContext.GpuDeviceId is null ? mlContext : new MLContext();
    }

    /// <summary>Built-in steps as one chain; its GetOutputSchema describes a featurizer's output before Fit.</summary>
    public static EstimatorChain<ITransformer> Chain(IEnumerable<IEstimator<ITransformer>> steps)
    {
        var chain = new EstimatorChain<ITransformer>();
        foreach (var step in steps)
            chain = chain.Append(step);
        return chain;
    }
}
