namespace Rnn.Onnx;

/// <summary>Settings for <see cref="RnnOnnxScorer"/>.</summary>
public sealed class RnnOnnxScorerOptions
{
    /// <summary>
    /// Try ONNX Runtime's CUDA execution provider on device <see cref="GpuDeviceId"/>. Needs ONNX Runtime's GPU build (package
    /// <c>Microsoft.ML.OnnxRuntime.Gpu.Linux</c>) in the process, an NVIDIA GPU, CUDA 13 and cuDNN 9. When that is missing the scorer falls back
    /// to the CPU and reports why once through <see cref="Log"/> (<see cref="RnnOnnxScorer.UsesCuda"/> is then false), or,
    /// with <see cref="FallbackToCpu"/> false, throws.
    /// </summary>
    public bool UseCuda { get; set; }

    /// <summary>CUDA device ordinal used when <see cref="UseCuda"/> is set.</summary>
    public int GpuDeviceId { get; set; }

    /// <summary>
    /// What happens when <see cref="UseCuda"/> is set but CUDA is unusable: true (the default) scores on the CPU after one
    /// <see cref="Log"/> line; false throws <see cref="InvalidOperationException"/> saying why, as ML.NET does for
    /// <c>MLContext.FallbackToCpu = false</c>.
    /// </summary>
    public bool FallbackToCpu { get; set; } = true;

    /// <summary>Threads ONNX Runtime may use inside one operator; null keeps its default (one per core).</summary>
    public int? IntraOpNumThreads { get; set; }

    /// <summary>
    /// <see cref="OnnxQuantization.DynamicInt8"/> scores a float model through its 8-bit form (LSTM layers and head through
    /// ONNX Runtime's 8-bit CPU kernels; see <see cref="OnnxQuantization"/>), built in memory when the scorer opens: faster
    /// on CPUs, with scores that differ by the rounding (docs/ONNX.md). <see cref="OnnxQuantization.None"/> (the default)
    /// scores the file as written, 8-bit when it was exported so. <see cref="RnnOnnxScorer"/> and its streams only:
    /// <see cref="RnnOnnxForecaster"/> scores its file as written (forecasters are exported with float weights).
    /// </summary>
    public OnnxQuantization Quantization { get; set; }

    /// <summary>
    /// Receives one line when the scorer has to fall back from CUDA to the CPU, and one when a session opened on CUDA has
    /// nodes that ONNX Runtime runs on the CPU all the same (Elman ReLU layers, 8-bit operators), naming them.
    /// </summary>
    public Action<string>? Log { get; set; }

    internal RnnOnnxScorerOptions Clone() => (RnnOnnxScorerOptions)MemberwiseClone();
}
