namespace Rnn.Benchmarks.Harness;

/// <summary>Resident memory of this process as the kernel counts it (/proc/self/status), native allocations included.</summary>
internal static class ProcessMemory
{
    /// <summary>Current resident set (VmRSS), bytes.</summary>
    public static long Resident() => Read("VmRSS:");

    /// <summary>Peak resident set since the process started (VmHWM), bytes.</summary>
    public static long Peak() => Read("VmHWM:");

    /// <summary>
    /// Collects managed garbage and hands the C heap's free pages back first, so the figure shows what is still held
    /// (live managed objects, live tensors) rather than what awaits collection or sits free in malloc's arenas.
    /// </summary>
    public static long ResidentAfterCollect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        TrimNativeHeap();
        return Resident();
    }

    private static void TrimNativeHeap()
    {
        try
        {
            malloc_trim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: the figure then includes free heap pages.
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);

    private static long Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }

        throw new InvalidOperationException($"/proc/self/status has no {field} line.");
    }
}
