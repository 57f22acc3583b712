using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using TorchSharp;

namespace Rnn.MLNet;

/// <summary>
/// Where Rnn.MLNet runs its work, decided the one way ML.NET decides it for TorchSharp trainers and ONNX models:
/// <c>MLContext.GpuDeviceId</c> (null = the CPU) and, where that CUDA device cannot be used, <c>MLContext.FallbackToCpu</c>
/// (true: the CPU after one warning in the MLContext's log; false: an exception saying why). Built once per component from
/// its context (<see cref="HostContext.Devices"/>); the settings are read when a decision is made, as ML.NET reads them when
/// it opens a session, and the caller's context is never changed. Every device choice goes through here: libtorch's
/// training device (<see cref="TrainingDevice"/>), the ONNX Runtime sessions of <see cref="RnnTransformer"/> and
/// <see cref="RnnForecaster"/> (<see cref="ScorerOptions"/>), and the contexts ML.NET's own ONNX steps open their sessions
/// in (<see cref="CpuSteps"/>, <see cref="LoadingContext"/>).
/// </summary>
internal sealed class DevicePolicy
{
    private const string CudaHint =
        "Training on a GPU needs TorchSharp's CUDA build in the app (TorchSharp-cuda-linux in place of a CPU libtorch package such as libtorch-cpu-linux-x64; see the README, section GPU) and an NVIDIA GPU.";

    private readonly HostContext _context;
    private readonly Lazy<MLContext> _cpu;

    public DevicePolicy(HostContext context)
    {
        _context = context;
        _cpu = new Lazy<MLContext>(() => new MLContext());
    }

    /// <summary>Checks the spelling of an explicit training device without touching native code; null means "follow the MLContext".</summary>
    public static void CheckTrainingDevice(string? device)
    {
        if (device is not null)
            _ = Choice(device);
    }

    /// <summary>
    /// The libtorch device to train on: <paramref name="device"/> (<see cref="RnnTrainerOptions.Device"/>) when set, otherwise the
    /// context's CUDA device when libtorch can use it, else the CPU after a warning on <paramref name="channel"/> (FallbackToCpu) or an exception.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA is required but libtorch reports no usable device.</exception>
    public torch.Device TrainingDevice(string? device, IChannel channel)
    {
        TorchRuntime.EnsureLoaded();
        if (device is not null)
        {
            var (kind, index) = Choice(device);
            return kind switch
            {
                "cpu" => torch.CPU,
                "auto" => CudaUsable(0) ? Cuda(0) : torch.CPU,
                _ when CudaUsable(index) => Cuda(index),
                _ => throw new InvalidOperationException(
                    $"{nameof(RnnTrainerOptions)}.{nameof(RnnTrainerOptions.Device)} is \"{device}\" but libtorch reports no usable CUDA device {index} " +
                    $"({CudaDevices()} found). {CudaHint} Or use Device = \"auto\" or \"cpu\"."),
            };
        }

        if (_context.GpuDeviceId is not int gpu)
            return torch.CPU;
        if (CudaUsable(gpu))
            return Cuda(gpu);
        if (_context.FallbackToCpu)
        {
            channel.Warning(MessageSensitivity.None,
                $"MLContext.GpuDeviceId is {gpu} but libtorch reports no usable CUDA device {gpu} ({CudaDevices()} found); training on the CPU because MLContext.FallbackToCpu is true.");
            return torch.CPU;
        }

        throw new InvalidOperationException(
            $"MLContext.GpuDeviceId is {gpu} but libtorch reports no usable CUDA device {gpu} ({CudaDevices()} found) and MLContext.FallbackToCpu is false. " +
            $"{CudaHint} Or set MLContext.FallbackToCpu = true, or RnnTrainerOptions.Device = \"cpu\".");
    }

    /// <summary>
    /// The options of an ONNX Runtime session that scores for <paramref name="what"/> (the transformer, a forecaster): CUDA
    /// device GpuDeviceId when ONNX Runtime can use it, else the CPU after one warning or, without FallbackToCpu, an exception.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA is asked for, unusable, and FallbackToCpu is false.</exception>
    public RnnOnnxScorerOptions ScorerOptions(string what, int? intraOpNumThreads)
    {
        bool cuda = UseCuda(what, out int gpu);
        return new RnnOnnxScorerOptions
        {
            UseCuda = cuda,
            GpuDeviceId = gpu,
            // Only reached when the device itself works but this graph does not open on it.
            FallbackToCpu = _context.FallbackToCpu,
            IntraOpNumThreads = intraOpNumThreads,
            Log = Warn,
        };
    }

    /// <summary>
    /// The context to build ML.NET's ApplyOnnxModel steps in that always run on the CPU (a featurizer's few cheap ops, the
    /// form a model is saved as): the component's own when it asks for no GPU, else a private CPU one. ML.NET opens those
    /// sessions on GpuDeviceId, and with the CPU-only ONNX Runtime that throws even when FallbackToCpu is set.
    /// </summary>
    public MLContext CpuSteps
    {
        get
        {
            OnnxRuntimeNatives.EnsureLoaded(); // before ML.NET's OnnxTransformer meets a missing native runtime
            return _context.GpuDeviceId is null ? _context.Builder : _cpu.Value;
        }
    }

    /// <summary>
    /// The context to load a saved model's ONNX steps in (ML.NET reads the device while it loads, and its OnnxTransformers
    /// keep the session they open): <paramref name="caller"/> itself when it asks for no GPU or its CUDA device is usable, else
    /// a CPU context, after one warning (FallbackToCpu) or an exception naming <paramref name="what"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA is asked for, unusable, and FallbackToCpu is false.</exception>
    public MLContext LoadingContext(MLContext caller, string what)
    {
        OnnxRuntimeNatives.EnsureLoaded();
        return caller.GpuDeviceId is null || UseCuda(what, out _) ? caller : _cpu.Value;
    }

    /// <summary>One warning in the MLContext's log, where the rest of the pipeline reports.</summary>
    public void Warn(string message)
    {
        using var channel = _context.Environment.Register("Rnn.MLNet").Start("ONNX Runtime");
        channel.Warning(MessageSensitivity.None, message);
    }

    /// <summary>Whether to ask ONNX Runtime for CUDA device <paramref name="gpuDeviceId"/>; <paramref name="what"/> names the scorer in messages.</summary>
    private bool UseCuda(string what, out int gpuDeviceId)
    {
        gpuDeviceId = 0;
        if (_context.GpuDeviceId is not int gpu)
            return false;
        gpuDeviceId = gpu;
        if (OnnxRuntimeCuda.IsUsable(gpu, out var reason))
            return true;
        if (!_context.FallbackToCpu)
            throw new InvalidOperationException(
                $"MLContext.GpuDeviceId is {gpu} and MLContext.FallbackToCpu is false, but {what} cannot score on CUDA: {reason} " +
                "Set MLContext.FallbackToCpu = true to score on the CPU, or MLContext.GpuDeviceId = null.");
        Warn($"MLContext.GpuDeviceId is {gpu} but {what} cannot score on CUDA: {reason} Scoring on the CPU because MLContext.FallbackToCpu is true.");
        return false;
    }

    private static (string Kind, int Index) Choice(string device)
    {
        var text = device.Trim().ToLowerInvariant();
        if (text is "cpu" or "auto" or "cuda")
            return (text, 0);
        if (text.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            return ("cuda", index);
        throw RnnTrainerOptions.Bad(nameof(RnnTrainerOptions.Device), device, "null (follow MLContext.GpuDeviceId), \"cpu\", \"cuda\", \"cuda:N\" or \"auto\"");
    }

    private static bool CudaUsable(int index) => torch.cuda.is_available() && index < torch.cuda.device_count();

    private static int CudaDevices() => torch.cuda.is_available() ? torch.cuda.device_count() : 0;

    private static torch.Device Cuda(int index) => torch.device(DeviceType.CUDA, index);
}
