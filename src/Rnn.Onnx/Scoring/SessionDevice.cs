namespace Rnn.Onnx.Scoring;

/// <summary>
/// Where ONNX Runtime runs a model and what happens when that is not possible, taken once from the caller's
/// <see cref="RnnOnnxScorerOptions"/> (a copy: later edits to the options change nothing). Every session of Rnn.Onnx opens
/// through it (<see cref="SessionFactory"/>): a scorer's, its streams' and a forecaster's.
/// </summary>
/// <param name="UseCuda">Ask for ONNX Runtime's CUDA execution provider.</param>
/// <param name="GpuDeviceId">The CUDA device asked for.</param>
/// <param name="FallbackToCpu">When CUDA is unusable: score on the CPU after one <paramref name="Log"/> line (true) or throw (false).</param>
/// <param name="IntraOpNumThreads">ONNX Runtime's threads per operator; null keeps its default.</param>
/// <param name="Log">Receives the one line that says why CUDA was not used.</param>
internal sealed record SessionDevice(bool UseCuda, int GpuDeviceId, bool FallbackToCpu, int? IntraOpNumThreads, Action<string>? Log)
{
    /// <exception cref="ArgumentOutOfRangeException">IntraOpNumThreads is below 1.</exception>
    public static SessionDevice From(RnnOnnxScorerOptions? options)
    {
        options ??= new RnnOnnxScorerOptions();
        if (options.IntraOpNumThreads is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.IntraOpNumThreads, "IntraOpNumThreads must be at least 1 (or null for the default).");
        return new SessionDevice(options.UseCuda, options.GpuDeviceId, options.FallbackToCpu, options.IntraOpNumThreads, options.Log);
    }

    /// <summary>The choice for another session of a model whose first session got <paramref name="usesCuda"/>: the same device, so a fallback is reported once.</summary>
    public SessionDevice Got(bool usesCuda) => this with { UseCuda = usesCuda };
}
