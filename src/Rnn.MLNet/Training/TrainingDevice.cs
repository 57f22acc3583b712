using System.Globalization;
using Microsoft.ML.Runtime;
using TorchSharp;

namespace Rnn.MLNet;

/// <summary>
/// Chooses the libtorch device for training: <see cref="RnnTrainerOptions.Device"/> when set, otherwise ML.NET's
/// convention for TorchSharp trainers (<c>MLContext.GpuDeviceId</c> and <c>MLContext.FallbackToCpu</c>).
/// </summary>
internal static class TrainingDevice
{
    /// <summary>Checks the spelling of an explicit device without touching native code; null means "follow the MLContext".</summary>
    public static void Parse(string? device)
    {
        if (device is not null)
            _ = Choice(device);
    }

    /// <summary>The device to train on; throws when CUDA is required but libtorch reports no usable device.</summary>
    public static torch.Device Resolve(string? device, HostContext context, IChannel channel)
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

        if (context.GpuDeviceId is not int gpu)
            return torch.CPU;
        if (CudaUsable(gpu))
            return Cuda(gpu);
        if (context.FallbackToCpu)
        {
            channel.Warning(MessageSensitivity.None,
                $"MLContext.GpuDeviceId is {gpu} but libtorch reports no usable CUDA device {gpu} ({CudaDevices()} found); training on the CPU because MLContext.FallbackToCpu is true.");
            return torch.CPU;
        }

        throw new InvalidOperationException(
            $"MLContext.GpuDeviceId is {gpu} but libtorch reports no usable CUDA device {gpu} ({CudaDevices()} found) and MLContext.FallbackToCpu is false. " +
            $"{CudaHint} Or set MLContext.FallbackToCpu = true, or RnnTrainerOptions.Device = \"cpu\".");
    }

    private const string CudaHint =
        "Training on a GPU needs TorchSharp's CUDA build in the app (TorchSharp-cuda-linux in place of a CPU libtorch package such as libtorch-cpu-linux-x64; see the README, section GPU) and an NVIDIA GPU.";

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
