using System.Runtime.InteropServices;

namespace Rnn.MLNet;

/// <summary>
/// Flushes denormal floats to zero on the training thread while a Fit runs (libtorch's
/// <c>at::Context::setFlushDenormal</c>, what <c>torch.set_flush_denormal(True)</c> calls in Python). A classifier's
/// gradient enters at the last step and shrinks on its way back through time; on long rows it reaches denormal values,
/// which x86 cores compute many times slower than normal ones (an LSTM backward over 190 steps took 2.5× as long as over
/// a dense gradient here). Values that small change no weight update. libtorch's intra-op threads started during the Fit
/// inherit the setting (a thread starts with its creator's floating-point control state) and keep it.
/// </summary>
internal static unsafe class DenormalFlush
{
    /// <summary>Set to 0 (or off, false, no) to keep denormals (IEEE gradual underflow) while training.</summary>
    public const string Variable = "RNN_MLNET_FLUSH_DENORMALS";

    private static readonly Lazy<nint?> Native = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Flushes denormals on the calling thread until disposed, then restores IEEE behaviour there.</summary>
    public static IDisposable OnThisThread()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (value?.Trim().ToLowerInvariant() is "0" or "off" or "false" or "no" || !TrySet(true))
            return new Scope(restore: false);
        return new Scope(restore: true);
    }

    private static bool TrySet(bool flush)
    {
        // A static member: bool (bool), no context argument.
        if (Native.Value is not { } set)
            return false;
        return ((delegate* unmanaged<byte, byte>)set)(flush ? (byte)1 : (byte)0) != 0;
    }

    private static nint? Resolve()
    {
        TorchRuntime.EnsureLoaded();
        string library = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
        // Itanium-ABI names (Linux, macOS); elsewhere the flush is skipped and training runs with denormals.
        if (!NativeLibrary.TryLoad(library, typeof(TorchSharp.torch).Assembly, null, out var handle) ||
            !NativeLibrary.TryGetExport(handle, "_ZN2at7Context16setFlushDenormalEb", out var set))
            return null;
        return set;
    }

    private sealed class Scope(bool restore) : IDisposable
    {
        private bool _restore = restore;

        public void Dispose()
        {
            if (_restore)
                TrySet(false);
            _restore = false;
        }
    }
}
