using Microsoft.ML.OnnxRuntime;

namespace Rnn.Onnx.Scoring;

/// <summary>Opens an ONNX Runtime session, on CUDA when asked and possible, else on the CPU (or fails, without fallback).</summary>
internal static class SessionFactory
{
    /// <summary>
    /// Opens a session with <paramref name="open"/>. The returned options must live as long as the session.
    /// ONNX Runtime errors from the CPU attempt become <see cref="InvalidDataException"/> naming <paramref name="source"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for, is unusable, and <see cref="SessionDevice.FallbackToCpu"/> is false.</exception>
    public static (InferenceSession Session, SessionOptions Options, bool UsesCuda) Open(
        Func<SessionOptions, InferenceSession> open, SessionDevice device, string source)
    {
        if (device.UseCuda)
        {
            var (cuda, why) = TryOpenCuda(open, device.GpuDeviceId, device.IntraOpNumThreads);
            if (cuda is { } opened)
                return (opened.Session, opened.Options, true);
            if (!device.FallbackToCpu)
                throw new InvalidOperationException(
                    $"RnnOnnxScorerOptions.UseCuda is true (GpuDeviceId {device.GpuDeviceId}) and FallbackToCpu is false, but {source} " +
                    $"cannot run on CUDA: {why} Set FallbackToCpu = true to score on the CPU instead.");
            device.Log?.Invoke($"Rnn.Onnx: {why} Scoring {source} on the CPU.");
        }

        var cpu = NewOptions(device.IntraOpNumThreads);
        try
        {
            return (open(cpu), cpu, false);
        }
        catch (OnnxRuntimeException ex)
        {
            cpu.Dispose();
            throw new InvalidDataException($"{source} is not a loadable ONNX model: {ex.Message}", ex);
        }
        catch
        {
            cpu.Dispose();
            throw;
        }
    }

    /// <summary>Opens the model file at <paramref name="path"/> once asked; a missing or empty file fails here, naming it.</summary>
    public static Func<SessionOptions, InferenceSession> FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException($"No ONNX model at '{path}'.", path);
        if (file.Length == 0)
            throw new InvalidDataException($"ONNX model '{path}' is an empty file.");
        return so => new InferenceSession(path, so);
    }

    /// <summary>
    /// A session on CUDA device <paramref name="gpuDeviceId"/>, or null and one sentence saying why there is none
    /// (which runtime is loaded, what is missing, what to do).
    /// </summary>
    public static ((InferenceSession Session, SessionOptions Options)? Session, string Reason) TryOpenCuda(
        Func<SessionOptions, InferenceSession> open, int gpuDeviceId, int? intraOpNumThreads)
    {
        var cuda = NewOptions(intraOpNumThreads);
        try
        {
            cuda.AppendExecutionProvider_CUDA(gpuDeviceId);
        }
        // The CPU-only runtime lacks the entry point altogether (and ML.NET's own fallback does not catch that).
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            cuda.Dispose();
            return (null,
                $"the loaded ONNX Runtime is the CPU-only build ({ex.GetType().Name}: {FirstLine(ex.Message)}); " +
                "CUDA needs ONNX Runtime's GPU build (package Microsoft.ML.OnnxRuntime.Gpu.Linux) in its place.");
        }
        // The GPU runtime without CUDA 13 / cuDNN 9 libraries (ONNX Runtime's own log line names the missing one).
        catch (OnnxRuntimeException ex)
        {
            cuda.Dispose();
            return (null,
                $"ONNX Runtime's CUDA execution provider did not load ({FirstLine(ex.Message)}); it needs an NVIDIA driver, " +
                "CUDA 13 and cuDNN 9 on the library path (ONNX Runtime's log names the library it missed).");
        }

        try
        {
            return ((open(cuda), cuda), "");
        }
        catch (OnnxRuntimeException ex)
        {
            cuda.Dispose();
            return (null, $"opening a session on CUDA device {gpuDeviceId} failed ({FirstLine(ex.Message)}).");
        }
    }

    private static SessionOptions NewOptions(int? intraOpNumThreads)
    {
        OnnxRuntimeNatives.EnsureLoaded();
        var so = new SessionOptions();
        if (intraOpNumThreads is int threads)
            so.IntraOpNumThreads = threads;
        return so;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
