using Microsoft.ML;
using Microsoft.ML.Runtime;
using Rnn.Onnx;

namespace Rnn.MLNet;

/// <summary>
/// ML.NET's device convention for ONNX Runtime scoring, applied the same way by <see cref="RnnTransformer"/> and by
/// <see cref="RnnModelFile.Load"/> (ML.NET's own OnnxTransformer): <c>MLContext.GpuDeviceId</c> null scores on the CPU;
/// a device id scores on that CUDA device when ONNX Runtime can use it, else falls back to the CPU with one warning when
/// <c>MLContext.FallbackToCpu</c> is true, and fails saying why when it is false.
/// </summary>
internal static class ScoringDevice
{
    /// <summary>Whether to ask ONNX Runtime for CUDA device <paramref name="gpuDeviceId"/>; <paramref name="what"/> names the scorer in messages.</summary>
    /// <exception cref="InvalidOperationException">CUDA is asked for, unusable, and FallbackToCpu is false.</exception>
    public static bool UseCuda(HostContext context, string what, out int gpuDeviceId)
    {
        gpuDeviceId = 0;
        if (context.GpuDeviceId is not int gpu)
            return false;
        gpuDeviceId = gpu;
        if (OnnxRuntimeCuda.IsUsable(gpu, out var reason))
            return true;
        if (!context.FallbackToCpu)
            throw new InvalidOperationException(
                $"MLContext.GpuDeviceId is {gpu} and MLContext.FallbackToCpu is false, but {what} cannot score on CUDA: {reason} " +
                "Set MLContext.FallbackToCpu = true to score on the CPU, or MLContext.GpuDeviceId = null.");
        Warn(context, $"MLContext.GpuDeviceId is {gpu} but {what} cannot score on CUDA: {reason} Scoring on the CPU because MLContext.FallbackToCpu is true.");
        return false;
    }

    /// <summary>One warning in the MLContext's log, where the rest of the pipeline reports.</summary>
    public static void Warn(HostContext context, string message)
    {
        using var channel = context.Environment.Register("Rnn.MLNet").Start("ONNX Runtime");
        channel.Warning(MessageSensitivity.None, message);
    }
}
