using System.Runtime.InteropServices;
using TorchSharp;

namespace Rnn.MLNet;

/// <summary>
/// Loads TorchSharp's native library once and turns a load failure into an actionable message. Rnn.MLNet calls it
/// before its own first TorchSharp call; an app that calls TorchSharp itself before any Rnn.MLNet API should call
/// <see cref="EnsureLoaded"/> first, so the fix for older libstdc++ versions (README, "Native libraries") is in place.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<Exception?> LoadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Throws <see cref="InvalidOperationException"/> when TorchSharp's native code cannot be loaded.</summary>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } failure)
            throw new InvalidOperationException(Explain(failure), failure);
    }

    private static Exception? TryLoad()
    {
        LibTorchSharpLoadHook.Install();
        try
        {
            // Resolve the library the way TorchSharp does, before TorchSharp: when that fails, TorchSharp's own
            // fallback copies the unpatched natives from the NuGet cache next to TorchSharp.dll ("cpu/") and fails there.
            NativeLibrary.Load(LibTorchSharpLoader.LibraryName, typeof(torch).Assembly, null);
            // Any call into libtorch forces TorchSharp's own initialisation; a one-element tensor is the cheapest.
            using var probe = torch.zeros(1);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or TypeInitializationException or NotSupportedException or EntryPointNotFoundException)
        {
            return e;
        }
    }

    internal static string Explain(Exception failure)
    {
        if (MissingLibTorch(LibTorchSharpLoader.SearchDirectories(typeof(TorchRuntime).Assembly)) is { } missing)
            return missing + " Loader said: " + failure.Message;
        var loader = LibTorchSharpLoadHook.Loader;
        return "TorchSharp's native library (libLibTorchSharp) could not be loaded. When .NET cannot load it on Linux because the " +
            "system libstdc++ predates GCC 13 (e.g. Debian 12), Rnn.MLNet loads a copy in which the unused GLIBCXX_3.4.32 requirement " +
            $"is marked weak, kept in the first writable of: {string.Join(", ", loader.Cache.Roots.Select(r => r.Path))}. " +
            $"Here: {loader.Outcome ?? "that step was not reached (the library failed before .NET's probing gave up on it)"}. " +
            $"Set {NativeLoadSettings.CacheVariable} to choose the cache folder, or {NativeLoadSettings.PatchVariable}=0 to turn the copy off; " +
            "see the README section 'Native libraries'. Loader said: " + failure.Message;
    }

    /// <summary>
    /// Null when libtorch's core library is in one of <paramref name="directories"/>; else which package to add. Rnn.MLNet
    /// references TorchSharp's managed package only, as Microsoft.ML.TorchSharp does: the app chooses libtorch.
    /// </summary>
    internal static string? MissingLibTorch(IReadOnlyList<string> directories)
    {
        var (file, cpuPackage) = OperatingSystem.IsWindows() ? ("torch_cpu.dll", "libtorch-cpu-win-x64")
            : OperatingSystem.IsMacOS() ? ("libtorch_cpu.dylib", "libtorch-cpu-osx-arm64")
            : ("libtorch_cpu.so", "libtorch-cpu-linux-x64");
        if (directories.Any(d => File.Exists(Path.Combine(d, file))))
            return null;
        return $"TorchSharp's native library libtorch ({file}) is not in this app (looked in {string.Join(", ", directories)}). " +
            "Rnn.MLNet references only TorchSharp's managed package, as Microsoft.ML.TorchSharp does, so the app adds libtorch " +
            $"(2.10.0 for TorchSharp 0.107.0): {cpuPackage} for the CPU (dotnet add package {cpuPackage} --version 2.10.0), " +
            "libtorch-cpu or TorchSharp-cpu for the CPU on every OS, or TorchSharp-cuda-linux for CUDA. See the README, section Install.";
    }
}
