using System.Runtime.InteropServices;

namespace Rnn.Benchmarks.Harness;

/// <summary>What the numbers were measured on, read from the machine itself.</summary>
internal sealed record MachineInfo(
    string Cpu, int Cores, string OperatingSystem, string DotNet, int TorchThreads, int DefaultTorchThreads, string TorchSharp, string OnnxRuntime, string MemoryTotal)
{
    public static MachineInfo Read(int torchThreads, int defaultTorchThreads) => new(
        CpuModel(),
        Environment.ProcessorCount,
        $"{OsName()} ({RuntimeInformation.OSDescription})",
        RuntimeInformation.FrameworkDescription,
        torchThreads,
        defaultTorchThreads,
        typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "?",
        Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString(),
        MemTotal());

    /// <summary>The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>The 1-minute load average.</summary>
    public static double LoadNow() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : double.NaN;

    private static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo"))
            return RuntimeInformation.ProcessArchitecture.ToString();
        var lines = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0).ToList();
        string? Field(string name) => lines.FirstOrDefault(l => l.Split(':', 2)[0].Trim() == name)?.Split(':', 2)[1].Trim();
        // Family and model tell CPU generations apart (e.g. AMD Zen 5 is family 26), which the model name alone may not.
        return Field("model name") is { } model
            ? $"{model} (family {Field("cpu family") ?? "?"}, model {Field("model") ?? "?"})"
            : RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string OsName()
    {
        const string key = "PRETTY_NAME=";
        var line = File.Exists("/etc/os-release") ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) : null;
        return line?[key.Length..].Trim('"') ?? RuntimeInformation.OSDescription;
    }

    private static string MemTotal()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        if (line is null)
            return "?";
        long kib = long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return $"{kib / 1024.0 / 1024.0:F1} GiB";
    }
}
