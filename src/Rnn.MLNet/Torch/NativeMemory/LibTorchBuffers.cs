using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rnn.MLNet;

/// <summary>
/// While a Fit runs, libtorch's tensor buffers of 1 MiB and more are kept for reuse instead of going back to the C
/// library. libtorch allocates each batch's large buffers anew (oneDNN's LSTM workspace is tens of MB); glibc maps such
/// blocks on their own and unmaps them when freed, so every batch faulted every page in again and had the kernel zero
/// it, which cost more system time than the arithmetic on some machines (docs/PERFORMANCE.md, "Training kernel time").
/// Tuning glibc's thresholds instead was measured unreliable: its heap fragmented in some runs and kept growing.
/// </summary>
/// <remarks>
/// libtorch's CPU allocator (<c>c10::alloc_cpu</c>/<c>c10::free_cpu</c> in libc10) calls <c>posix_memalign</c> and
/// <c>free</c> through its PLT; while a Fit runs those two GOT slots of libc10 point at <see cref="LargeBlockCache"/>,
/// and they are restored when the last running Fit ends, when every kept block goes back to the C library. Blocks come
/// from the C library in the first place, so one freed after the slots are restored is an ordinary block. Linux only;
/// skipped where another allocator replaces glibc's (e.g. jemalloc preloaded), and turned off by
/// <see cref="Variable"/>=0.
/// </remarks>
internal static unsafe class LibTorchBuffers
{
    /// <summary>Set to 0 (or off, false, no) to leave libtorch's allocations to the C library.</summary>
    public const string Variable = "RNN_MLNET_BUFFER_CACHE";

    /// <summary>Smaller requests go straight to the C library (glibc serves them from its heap anyway).</summary>
    public const long MinimumBlock = 1 << 20;

    /// <summary>Most bytes kept in freed blocks: the bound on what the cache costs beyond libtorch's own peak.</summary>
    public const long Budget = 1L << 30;

    private const string Library = "libc10.so";
    private const int OutOfMemory = 12; // ENOMEM

    private static readonly LargeBlockCache Cache = new(MinimumBlock, Budget);
    private static readonly Func<long, long, nint> AllocateBlock = CLibrary.Allocate;
    private static readonly Action<nint> FreeBlock = CLibrary.Free;
    private static readonly Lock Gate = new();
    private static (ImportSlot Slot, nint Original)[]? _installed;
    private static string? _unavailable;
    private static bool _explained;
    private static bool _exitHooked;
    private static int _users;

    /// <summary>The cache's counters, for tests and the bench.</summary>
    internal static LargeBlockCache Counters => Cache;

    /// <summary>Whether the GOT slots point at the cache now.</summary>
    internal static bool IsInstalled => Volatile.Read(ref _installed) is not null;

    /// <summary>Whether <see cref="Variable"/>'s value turns the cache off.</summary>
    internal static bool IsTurnedOff(string? value) => value?.Trim().ToLowerInvariant() is "0" or "off" or "false" or "no";

    /// <summary>Keeps libtorch's large buffers until the returned scope is disposed (scopes nest and overlap across Fits).</summary>
    /// <param name="notice">A line for the log the first time the cache is set up or found unavailable in this process, else null.</param>
    public static IDisposable Enter(out string? notice)
    {
        notice = null;
        lock (Gate)
        {
            if (IsTurnedOff(Environment.GetEnvironmentVariable(Variable)))
                return Explain($"libtorch's buffers go straight to the C library ({Variable}={Environment.GetEnvironmentVariable(Variable)}).", out notice);
            if (_users == 0)
            {
                _unavailable ??= Install();
                if (_unavailable.Length > 0)
                    return Explain(_unavailable, out notice);
            }

            _users++;
            if (!_explained)
            {
                _explained = true;
                notice = $"While Fit runs, libtorch's tensor buffers of {MinimumBlock >> 20} MiB and more are kept for the next batch instead of being unmapped and " +
                    $"faulted in again (at most {Budget >> 20} MiB kept; handed back when Fit ends). {Variable}=0 turns this off.";
            }

            return new Scope();
        }
    }

    private static IDisposable Explain(string reason, out string? notice)
    {
        notice = _explained ? null : reason;
        _explained = true;
        return new NoScope();
    }

    /// <summary>Points libc10's two slots at the cache; the reason it cannot, or "" on success.</summary>
    private static string Install()
    {
        if (!OperatingSystem.IsLinux() || (RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)))
            return "";
        try
        {
            if (!CLibrary.IsAvailable)
                return "libtorch's buffers go straight to the C library: it is not glibc (no dlinfo).";
            if (NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), "free") != CLibrary.FreeAddress)
                return "libtorch's buffers are left to the allocator that replaces glibc's in this process (LD_PRELOAD?).";
            TorchRuntime.EnsureLoaded();
            if (!NativeLibrary.TryLoad(Library, typeof(TorchSharp.torch).Assembly, null, out var handle) || CLibrary.LoadedLibrary(handle) is not var (loadBase, path))
                return $"libtorch's buffers go straight to the C library: {Library} was not found loaded.";
            var offsets = ElfImportSlots.Find(ElfImage.Read(path), ["posix_memalign", "free"]);
            if (!offsets.ContainsKey("posix_memalign") || !offsets.ContainsKey("free"))
                return $"libtorch's buffers go straight to the C library: {path} does not call posix_memalign and free through its PLT.";

            var hooks = new Dictionary<string, nint>
            {
                ["posix_memalign"] = (nint)(delegate* unmanaged[Cdecl]<nint*, nuint, nuint, int>)&PosixMemalignHook,
                ["free"] = (nint)(delegate* unmanaged[Cdecl]<nint, void>)&FreeHook,
            };
            var slots = offsets.SelectMany(p => p.Value.Select(offset => new ImportSlot(Library, p.Key, loadBase + (nint)offset))).ToArray();
            var installed = slots.Select(s => (s, s.Read())).ToArray();
            Cache.Start();
            foreach (var slot in slots)
            {
                if (!slot.Write(hooks[slot.Symbol]))
                {
                    Restore(installed);
                    return $"libtorch's buffers go straight to the C library: the GOT of {path} could not be made writable.";
                }
            }

            Volatile.Write(ref _installed, installed);
            if (!_exitHooked)
            {
                // A process that exits while a Fit runs must not leave libc10 calling into a runtime that is shutting down.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Uninstall();
                _exitHooked = true;
            }
            return "";
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException)
        {
            return $"libtorch's buffers go straight to the C library: {e.Message}";
        }
    }

    private static void Exit()
    {
        lock (Gate)
        {
            if (--_users == 0)
                Uninstall();
        }
    }

    private static void Uninstall()
    {
        lock (Gate)
        {
            if (Interlocked.Exchange(ref _installed, null) is { } installed)
                Restore(installed);
            _unavailable = null;
        }
    }

    private static void Restore((ImportSlot Slot, nint Original)[] installed)
    {
        foreach (var (slot, original) in installed)
            slot.Write(original);
        // After the slots: a call that read a slot just before sees the cache stopped and passes through.
        Cache.Release(FreeBlock);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int PosixMemalignHook(nint* result, nuint alignment, nuint size)
    {
        try
        {
            if (Cache.Takes((long)size))
            {
                var block = Cache.Allocate((long)size, (long)alignment, AllocateBlock);
                if (block == 0)
                    return OutOfMemory;
                *result = block;
                return 0;
            }
        }
        catch
        {
            // Never let an exception cross into libtorch: the C library serves the request instead.
        }

        return CLibrary.PosixMemalign(result, alignment, size);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FreeHook(nint block)
    {
        if (block == 0)
            return;
        try
        {
            if (Cache.TryFree(block, FreeBlock))
                return;
        }
        catch
        {
            // As above: the block is an ordinary C-library block either way.
        }

        CLibrary.Free(block);
    }

    private sealed class Scope : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                Exit();
        }
    }

    private sealed class NoScope : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
