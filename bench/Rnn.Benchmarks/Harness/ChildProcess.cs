using System.Diagnostics;
using System.Text.Json;

namespace Rnn.Benchmarks.Harness;

/// <summary>
/// Runs a benchmark in a fresh copy of this program, so its memory figures (peak resident set above all) belong to
/// that one job. The child prints one line <c>RESULT {json}</c>; everything else it prints is kept for error messages.
/// </summary>
internal static class ChildProcess
{
    private const string Marker = "RESULT ";

    /// <summary>Prints <paramref name="values"/> as the result line a parent reads.</summary>
    public static void Emit(Dictionary<string, double> values) => Console.WriteLine(Marker + JsonSerializer.Serialize(values));

    /// <param name="command">The child's benchmark command.</param>
    /// <param name="settings">Sizes, passed on.</param>
    /// <param name="environment">Variables set for the child only (null values remove one).</param>
    public static Dictionary<string, double> Run(string command, BenchSettings settings, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[name] = value;
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which program is running.");
        start.FileName = self;
        // Under 'dotnet Rnn.Benchmarks.dll' the process is the dotnet host; hand it the assembly again.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.ArgumentList.Add(command);
        foreach (var arg in settings.ToArgs())
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
            lines.Add(line);
        process.WaitForExit();
        var result = lines.LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || result is null)
            throw new InvalidOperationException(
                $"Benchmark child '{command}' exited with {process.ExitCode} and no result. Output:\n{string.Join('\n', lines.TakeLast(20))}\n{stderr.Result}");
        return JsonSerializer.Deserialize<Dictionary<string, double>>(result[Marker.Length..])!;
    }
}
