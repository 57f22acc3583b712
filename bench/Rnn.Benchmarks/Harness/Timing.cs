using System.Diagnostics;

namespace Rnn.Benchmarks.Harness;

/// <summary>Warm-up, repeats and medians. Passes of the things compared alternate, so drift on a noisy machine hits them alike.</summary>
internal static class Timing
{
    /// <summary>Seconds one call of <paramref name="pass"/> takes.</summary>
    public static double Seconds(Action pass)
    {
        long start = Stopwatch.GetTimestamp();
        pass();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>A pass timed as a whole.</summary>
    public static Func<double> Timed(Action pass) => () => Seconds(pass);

    /// <summary>
    /// Runs every pass once to warm up, then <paramref name="repeats"/> rounds of all passes in turn; returns each
    /// pass's median, in the order given. A pass returns the seconds it counts (see <see cref="Timed"/>).
    /// </summary>
    public static double[] Interleaved(int repeats, Action<int>? onRound, params Func<double>[] passes) =>
        InterleavedWithCores(repeats, onRound, passes).Seconds;

    /// <summary>
    /// <see cref="Interleaved"/>, plus each pass's median cores kept busy: process CPU time over wall time while it ran
    /// (1.0 = one core's worth), which shows how many threads a path really used.
    /// </summary>
    public static (double[] Seconds, double[] Cores) InterleavedWithCores(int repeats, Action<int>? onRound, params Func<double>[] passes)
    {
        foreach (var pass in passes)
            pass();
        var times = passes.Select(_ => new List<double>()).ToArray();
        var cores = passes.Select(_ => new List<double>()).ToArray();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        for (int round = 0; round < repeats; round++)
        {
            for (int i = 0; i < passes.Length; i++)
            {
                self.Refresh();
                var cpu = self.TotalProcessorTime;
                long start = Stopwatch.GetTimestamp();
                times[i].Add(passes[i]());
                double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
                self.Refresh();
                cores[i].Add((self.TotalProcessorTime - cpu).TotalSeconds / wall);
            }

            onRound?.Invoke(round + 1);
        }

        return ([.. times.Select(Median)], [.. cores.Select(Median)]);
    }

    /// <summary>
    /// Per-call samples: each call once per index below <paramref name="warmUp"/>, then <paramref name="blocks"/> blocks
    /// in which every call runs <paramref name="perBlock"/> times in turn. A call gets its index and returns the value it
    /// measured (e.g. seconds, or seconds per step); returns each call's samples, sorted.
    /// </summary>
    /// <summary>A call made into a timed one for <see cref="BlockSamples"/>: it returns its own seconds.</summary>
    public static Func<int, double> PerCall(Action<int> call) => i =>
    {
        long start = Stopwatch.GetTimestamp();
        call(i);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    };

    public static double[][] BlockSamples(int warmUp, int blocks, int perBlock, Action<int>? onBlock, params Func<int, double>[] calls)
    {
        foreach (var call in calls)
            for (int i = 0; i < warmUp; i++)
                call(i);
        var samples = calls.Select(_ => new List<double>()).ToArray();
        for (int block = 0; block < blocks; block++)
        {
            for (int c = 0; c < calls.Length; c++)
                for (int i = 0; i < perBlock; i++)
                    samples[c].Add(calls[c](i));
            onBlock?.Invoke(block + 1);
        }

        return [.. samples.Select(s => s.Order().ToArray())];
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("No values to take the median of.", nameof(values));
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The <paramref name="percentile"/>-th percentile (nearest rank) of already sorted values.</summary>
    public static double Percentile(double[] sorted, double percentile)
    {
        int rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
