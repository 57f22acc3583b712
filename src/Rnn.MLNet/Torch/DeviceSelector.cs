using TorchSharp;

namespace Rnn.MLNet;

/// <summary>Turns the <see cref="RnnTrainerOptions.Device"/> string into a TorchSharp device.</summary>
internal static class DeviceSelector
{
    /// <summary>Checks the spelling without touching native code.</summary>
    public static string Parse(string? device)
    {
        var normalized = (device ?? "").Trim().ToLowerInvariant();
        return normalized switch
        {
            "auto" or "cpu" or "cuda" => normalized,
            _ => throw RnnTrainerOptions.Bad(nameof(RnnTrainerOptions.Device), device, "\"auto\", \"cpu\" or \"cuda\""),
        };
    }

    /// <summary>Resolves "auto" to CUDA when libtorch sees a GPU, and fails clearly when "cuda" cannot be honoured.</summary>
    public static torch.Device Resolve(string? device)
    {
        var choice = Parse(device);
        TorchRuntime.EnsureLoaded();
        bool cuda = torch.cuda.is_available();
        return choice switch
        {
            "cpu" => torch.CPU,
            "auto" => cuda ? torch.CUDA : torch.CPU,
            _ when cuda => torch.CUDA,
            _ => throw new InvalidOperationException(
                $"{nameof(RnnTrainerOptions)}.{nameof(RnnTrainerOptions.Device)} is \"cuda\" but libtorch reports no usable CUDA device. " +
                "This build references the CPU libtorch package (libtorch-cpu-linux-x64); build with the GPU packages on a machine with an NVIDIA GPU, " +
                "or use Device = \"auto\" or \"cpu\"."),
        };
    }
}
