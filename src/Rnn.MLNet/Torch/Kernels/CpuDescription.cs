using System.Runtime.InteropServices;

namespace Rnn.MLNet;

/// <summary>The processor this process runs on, for log lines that say where a kernel was found wrong.</summary>
internal static class CpuDescription
{
    private static readonly Lazy<string> Text = new(Read);

    /// <summary>e.g. "AMD EPYC 9B45 (family 26, model 2), 2 cores, x64".</summary>
    public static string Current => Text.Value;

    private static string Read()
    {
        string cores = $"{Environment.ProcessorCount} cores, {RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        try
        {
            if (!File.Exists("/proc/cpuinfo"))
                return cores;
            string? model = null, family = null, number = null;
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    if (model is not null)
                        break;
                    continue;
                }

                string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
                if (key == "model name")
                    model ??= value;
                else if (key == "cpu family")
                    family ??= value;
                else if (key == "model")
                    number ??= value;
            }

            return model is null ? cores : $"{model} (family {family ?? "?"}, model {number ?? "?"}), {cores}";
        }
        catch (IOException)
        {
            return cores;
        }
        catch (UnauthorizedAccessException)
        {
            return cores;
        }
    }
}
