using System.Runtime.InteropServices;

namespace Rnn.MLNet;

/// <summary>
/// The few glibc allocator calls Rnn.MLNet makes (<c>mallopt</c>, <c>malloc_trim</c>), resolved only where the C
/// library is glibc: musl and other C libraries accept <c>mallopt</c> but ignore it, and other systems lack it.
/// </summary>
internal static class GlibcAllocator
{
    // mallopt parameters from glibc's <malloc.h>.
    private const int TrimThresholdParameter = -1;
    private const int TopPadParameter = -2;
    private const int MmapThresholdParameter = -3;

    private static readonly Lazy<Exports?> Native = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MallOpt(int parameter, int value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MallocTrim(nuint pad);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr LibcVersion();

    /// <summary>The glibc version, or null where the C library is not glibc.</summary>
    public static string? Version => Native.Value?.Version;

    /// <summary>
    /// Sets the thresholds above which glibc returns freed memory to the kernel (<c>M_TRIM_THRESHOLD</c>) and maps a
    /// block on its own instead of carving it from the heap (<c>M_MMAP_THRESHOLD</c>), and the extra it asks for each
    /// time the heap grows (<c>M_TOP_PAD</c>). False where glibc is absent or refuses a value.
    /// </summary>
    public static bool TrySet(int trimThreshold, int mmapThreshold, int topPad) =>
        Native.Value is { } native &&
        native.Set(MmapThresholdParameter, mmapThreshold) == 1 &&
        native.Set(TrimThresholdParameter, trimThreshold) == 1 &&
        native.Set(TopPadParameter, topPad) == 1;

    /// <summary>Hands free heap memory back to the kernel (<c>malloc_trim(0)</c>); does nothing without glibc.</summary>
    public static void Trim() => Native.Value?.Trim(0);

    private static Exports? Resolve()
    {
        if (!OperatingSystem.IsLinux() ||
            !NativeLibrary.TryLoad("libc.so.6", out var libc) ||
            !NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out var version) ||
            !NativeLibrary.TryGetExport(libc, "mallopt", out var mallopt) ||
            !NativeLibrary.TryGetExport(libc, "malloc_trim", out var trim))
            return null;
        return new Exports(
            Marshal.PtrToStringAnsi(Marshal.GetDelegateForFunctionPointer<LibcVersion>(version)()) ?? "?",
            Marshal.GetDelegateForFunctionPointer<MallOpt>(mallopt),
            Marshal.GetDelegateForFunctionPointer<MallocTrim>(trim));
    }

    private sealed record Exports(string Version, MallOpt Set, MallocTrim Trim);
}
