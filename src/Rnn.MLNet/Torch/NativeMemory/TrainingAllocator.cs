namespace Rnn.MLNet;

/// <summary>
/// Keeps libtorch's per-batch memory in the process while training. libtorch allocates each batch's large buffers
/// anew (oneDNN's LSTM workspace is tens to hundreds of MB); with glibc's defaults every such block is mapped, faulted
/// in page by page, zeroed by the kernel and unmapped again, batch after batch, which costs more system time than the
/// arithmetic on some machines (docs/PERFORMANCE.md, "Training kernel time"). Raising glibc's thresholds once per
/// process makes freed blocks reusable; <see cref="Release"/> hands the kept memory back when a Fit ends.
/// </summary>
/// <remarks>
/// Applied only where the C library is glibc, unless <see cref="Variable"/> is 0 or the process already sets glibc's
/// allocator itself (<c>MALLOC_*_</c> variables or <c>glibc.malloc</c> tunables), which then win.
/// </remarks>
internal static class TrainingAllocator
{
    /// <summary>Set to 0 (or off, false) to keep glibc's own allocator settings.</summary>
    public const string Variable = "RNN_MLNET_MALLOC_TUNING";

    /// <summary>Blocks up to this size come from the heap, so a freed one is reused by the next batch.</summary>
    public const int MmapThreshold = 1 << 30;

    /// <summary>Freed memory kept at the top of the heap, at most; the bound on what the tuning costs while a Fit runs.</summary>
    public const int TrimThreshold = 1 << 30;

    /// <summary>Extra asked of the kernel each time the heap grows, so growth happens in few steps.</summary>
    public const int TopPad = 64 << 20;

    private static readonly string[] UserSettings = ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_"];
    private static readonly Lazy<Outcome> Applied = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Tunes glibc once per process; the line to log the first time, null on later calls.</summary>
    public static string? EnsureTuned()
    {
        bool first = !Applied.IsValueCreated;
        var outcome = Applied.Value;
        return first ? outcome.Message : null;
    }

    /// <summary>Hands memory the tuning kept back to the kernel (when it was applied).</summary>
    public static void Release()
    {
        if (Applied.IsValueCreated && Applied.Value.Tuned)
            GlibcAllocator.Trim();
    }

    /// <summary>Whether <see cref="Variable"/>'s value turns the tuning off.</summary>
    internal static bool IsTurnedOff(string? value) =>
        value?.Trim().ToLowerInvariant() is "0" or "off" or "false" or "no";

    private static Outcome Apply()
    {
        if (IsTurnedOff(Environment.GetEnvironmentVariable(Variable)))
            return new(false, $"glibc's allocator keeps its own settings ({Variable}={Environment.GetEnvironmentVariable(Variable)}).");
        if (GlibcAllocator.Version is not { } version)
            return new(false, null);
        if (OwnSettings() is { } own)
            return new(false, $"glibc's allocator keeps the settings this process gave it ({own}); Rnn.MLNet does not tune it.");
        if (!GlibcAllocator.TrySet(TrimThreshold, MmapThreshold, TopPad))
            return new(false, $"glibc {version} refused Rnn.MLNet's allocator settings; training runs with its defaults.");
        return new(true,
            $"glibc {version}'s allocator tuned for libtorch training (once per process): blocks up to {MmapThreshold >> 20} MB come from the heap and up to " +
            $"{TrimThreshold >> 20} MB of freed memory stays mapped for the next batch instead of being unmapped and faulted in again; each Fit hands it back when it ends. " +
            $"{Variable}=0 keeps glibc's defaults.");
    }

    /// <summary>The variable through which the process already set glibc's allocator, or null.</summary>
    private static string? OwnSettings()
    {
        if (UserSettings.FirstOrDefault(v => Environment.GetEnvironmentVariable(v) is not null) is { } variable)
            return variable;
        return Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) == true ? "GLIBC_TUNABLES" : null;
    }

    private sealed record Outcome(bool Tuned, string? Message);
}
