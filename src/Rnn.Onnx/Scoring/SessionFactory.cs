using Microsoft.ML.OnnxRuntime;

namespace Rnn.Onnx.Scoring;

/// <summary>Opens an ONNX Runtime session, on CUDA when asked and possible, else on the CPU.</summary>
internal static class SessionFactory
{
    /// <summary>
    /// Opens a session with <paramref name="open"/>. The returned options must live as long as the session.
    /// ONNX Runtime errors from the CPU attempt become <see cref="InvalidDataException"/> naming <paramref name="source"/>.
    /// </summary>
    public static (InferenceSession Session, SessionOptions Options, bool UsesCuda) Open(
        Func<SessionOptions, InferenceSession> open, RnnOnnxScorerOptions options, string source)
    {
        if (options.UseCuda && TryOpenCuda(open, options, source) is { } cuda)
            return (cuda.Session, cuda.Options, true);

        var cpu = NewOptions(options);
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

    private static (InferenceSession Session, SessionOptions Options)? TryOpenCuda(
        Func<SessionOptions, InferenceSession> open, RnnOnnxScorerOptions options, string source)
    {
        var cuda = NewOptions(options);
        try
        {
            cuda.AppendExecutionProvider_CUDA(options.GpuDeviceId);
        }
        // The CPU-only runtime lacks the entry point altogether; a GPU runtime without CUDA
        // libraries or devices reports an ORT error instead.
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException or OnnxRuntimeException)
        {
            cuda.Dispose();
            options.Log?.Invoke(
                $"Rnn.Onnx: CUDA execution provider unavailable ({ex.GetType().Name}: {FirstLine(ex.Message)}); " +
                "scoring on the CPU. Build with -p:RnnMLNetGpu=true and install CUDA to score on the GPU.");
            return null;
        }

        try
        {
            return (open(cuda), cuda);
        }
        catch (OnnxRuntimeException ex)
        {
            cuda.Dispose();
            options.Log?.Invoke(
                $"Rnn.Onnx: opening {source} on CUDA device {options.GpuDeviceId} failed ({FirstLine(ex.Message)}); trying the CPU.");
            return null;
        }
    }

    private static SessionOptions NewOptions(RnnOnnxScorerOptions options)
    {
        var so = new SessionOptions();
        if (options.IntraOpNumThreads is int threads)
            so.IntraOpNumThreads = threads;
        return so;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
