namespace Rnn.Onnx;

/// <summary>Settings for <see cref="RnnOnnxScorer"/>.</summary>
public sealed class RnnOnnxScorerOptions
{
    /// <summary>
    /// Try ONNX Runtime's CUDA execution provider. Needs the GPU runtime package (build with
    /// <c>-p:RnnMLNetGpu=true</c>) and a CUDA device; otherwise the scorer falls back to the CPU,
    /// reports it once through <see cref="Log"/>, and <see cref="RnnOnnxScorer.UsesCuda"/> is false.
    /// </summary>
    public bool UseCuda { get; set; }

    /// <summary>CUDA device ordinal used when <see cref="UseCuda"/> is set.</summary>
    public int GpuDeviceId { get; set; }

    /// <summary>Threads ONNX Runtime may use inside one operator; null keeps its default (one per core).</summary>
    public int? IntraOpNumThreads { get; set; }

    /// <summary>Receives one line when the scorer has to fall back from CUDA to the CPU.</summary>
    public Action<string>? Log { get; set; }
}
