using System.Runtime.InteropServices;

namespace Rnn.MLNet;

/// <summary>Finds the libstdc++.so.6 that this process uses, or would use, to satisfy libLibTorchSharp.so.</summary>
internal static class LibStdCxxLocator
{
    private static readonly string[] StandardPaths =
    [
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    ];

    /// <summary>
    /// The mapped libstdc++ (the .NET host usually has one already); otherwise the one the loader picks for
    /// "libstdc++.so.6" (honouring LD_LIBRARY_PATH and ld.so.cache); otherwise a standard path; null if none exists.
    /// </summary>
    public static string? Locate()
    {
        if (Mapped() is { } mapped)
            return mapped;
        if (NativeLibrary.TryLoad(LibTorchSharpPatchPlan.LibStdCxx, out _) && Mapped() is { } loaded)
            return loaded;
        return StandardPaths.FirstOrDefault(File.Exists);
    }

    private static string? Mapped() =>
        ProcessMaps.MappedFiles().FirstOrDefault(f => Path.GetFileName(f).StartsWith(LibTorchSharpPatchPlan.LibStdCxx, StringComparison.Ordinal) && File.Exists(f));
}
