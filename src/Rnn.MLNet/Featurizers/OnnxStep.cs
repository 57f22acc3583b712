using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;

namespace Rnn.MLNet;

/// <summary>A featurizer's small ONNX graph as ML.NET's own ApplyOnnxModel step, which saves and loads with plain ML.NET.</summary>
internal static class OnnxStep
{
    /// <summary>
    /// Tensor names are the ML.NET column names. The graphs are a few cheap ops, so they always run on the CPU
    /// (<see cref="DevicePolicy.CpuSteps"/>): a context configured for a GPU (for the trainer) must not send them there at Fit time.
    /// </summary>
    public static OnnxScoringEstimator Create(DevicePolicy devices, string outputColumn, string inputColumn, byte[] model) =>
        devices.CpuSteps.Transforms.ApplyOnnxModel([outputColumn], [inputColumn], new MemoryStream(model));

    /// <summary>Built-in steps as one chain; its GetOutputSchema describes a featurizer's output before Fit.</summary>
    public static EstimatorChain<ITransformer> Chain(IEnumerable<IEstimator<ITransformer>> steps)
    {
        var chain = new EstimatorChain<ITransformer>();
        foreach (var step in steps)
            chain = chain.Append(step);
        return chain;
    }
}
