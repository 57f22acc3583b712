using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Rnn.Onnx;

/// <summary>
/// Rnn.Onnx references ONNX Runtime's managed API only (package Microsoft.ML.OnnxRuntime.Managed), as ML.NET's
/// OnnxTransformer does: the app chooses the native runtime, Microsoft.ML.OnnxRuntime (CPU) or
/// Microsoft.ML.OnnxRuntime.Gpu.Linux (CUDA). Rnn.Onnx and Rnn.MLNet call <see cref="EnsureLoaded"/> before they open
/// a session, so an app without a native runtime fails with a message naming the package to add.
/// </summary>
public static class OnnxRuntimeNatives
{
    /// <summary>The name ONNX Runtime's managed API imports.</summary>
    private const string LibraryName = "onnxruntime";

    private static readonly Lazy<Exception?> LoadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/>, naming the packages that bring it, when ONNX Runtime's native
    /// library cannot be loaded. Checked once per process.
    /// </summary>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } failure)
            throw new InvalidOperationException(Explain(failure, ManagedVersion()), failure);
    }

    private static Exception? TryLoad()
    {
        try
        {
            // Resolved as ONNX Runtime's own [DllImport] would be: the app's native folders, then the system's.
            NativeLibrary.Load(LibraryName, typeof(InferenceSession).Assembly, null);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            return e;
        }
    }

    internal static string Explain(Exception failure, string managedVersion) =>
        $"ONNX Runtime's native library ({LibraryName}) could not be loaded. Rnn.Onnx references only ONNX Runtime's managed " +
        "API (Microsoft.ML.OnnxRuntime.Managed), as ML.NET's OnnxTransformer does, so the app adds the native runtime, of the " +
        $"same version ({managedVersion}): Microsoft.ML.OnnxRuntime for the CPU " +
        $"(dotnet add package Microsoft.ML.OnnxRuntime --version {managedVersion}) or Microsoft.ML.OnnxRuntime.Gpu.Linux for " +
        "CUDA on Linux, never both. See the README, section Install. Loader said: " + failure.Message;

    private static string ManagedVersion()
    {
        var assembly = typeof(InferenceSession).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3) ?? "?";
        return version.Split('+', 2)[0];
    }
}
