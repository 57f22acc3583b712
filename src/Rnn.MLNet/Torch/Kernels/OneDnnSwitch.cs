using System.Runtime.InteropServices;

namespace Rnn.MLNet;

/// <summary>
/// libtorch's process-wide oneDNN switch (<c>at::Context::setUserEnabledMkldnn</c>, what
/// <c>torch.backends.mkldnn.enabled</c> sets in Python), which TorchSharp does not expose. Reached through the C++
/// exports of libtorch_cpu, which only the Itanium ABI (Linux, macOS) names predictably; elsewhere the switch is
/// unavailable and the guard takes other routes.
/// </summary>
internal static class OneDnnSwitch
{
    private const string ContextExport = "_ZN2at13globalContextEv";
    private const string SetExport = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private const string GetExport = "_ZNK2at7Context17userEnabledMkldnnEv";

    private static readonly Lazy<Exports?> Native = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetEnabled(IntPtr context);

    /// <summary>Whether this libtorch's switch could be found.</summary>
    public static bool IsAvailable => Native.Value is not null;

    /// <summary>Whether libtorch may use oneDNN now; true where the switch is unavailable (libtorch's default).</summary>
    public static bool IsEnabled => Native.Value is not { } native || native.Get(native.Context);

    /// <summary>Switches oneDNN on or off for the process; false where the switch is unavailable.</summary>
    public static bool TrySet(bool enabled)
    {
        if (Native.Value is not { } native)
            return false;
        native.Set(native.Context, enabled);
        return native.Get(native.Context) == enabled;
    }

    private static Exports? Resolve()
    {
        TorchRuntime.EnsureLoaded();
        string library = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
        // TorchSharp has loaded libtorch_cpu already; loading it by name hands back that copy.
        if (!NativeLibrary.TryLoad(library, typeof(TorchSharp.torch).Assembly, null, out var handle) ||
            !NativeLibrary.TryGetExport(handle, ContextExport, out var context) ||
            !NativeLibrary.TryGetExport(handle, SetExport, out var set) ||
            !NativeLibrary.TryGetExport(handle, GetExport, out var get))
            return null;
        var exports = new Exports(
            Marshal.GetDelegateForFunctionPointer<GlobalContext>(context)(),
            Marshal.GetDelegateForFunctionPointer<SetEnabled>(set),
            Marshal.GetDelegateForFunctionPointer<GetEnabled>(get));
        return exports.Context == IntPtr.Zero ? null : exports;
    }

    private sealed record Exports(IntPtr Context, SetEnabled Set, GetEnabled Get);
}
