// Rnn.MLNet benchmarks. Usage (from the repository root):
//   dotnet run -c Release --project bench/Rnn.Benchmarks [-- [all|training|kerneltime|varlen|regression|hardware|scoring|varscore|latency|int8|streaming|forecast|memory|seed] [--quick] [--output FILE|-] [--name value …]]
// "all" (the default) runs everything and writes docs/PERFORMANCE.md; a single benchmark prints its table only.
// Sizes: see Harness/BenchSettings.cs.
using System.Diagnostics;
using Rnn.Benchmarks.Harness;
using Rnn.Benchmarks.Measurements;
using Rnn.MLNet;
using Spectre.Console;

string command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
var settings = BenchSettings.Parse(command == "all" && (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) ? args : args[1..]);

TorchRuntime.EnsureLoaded();
int defaultTorchThreads = TorchSharp.torch.get_num_threads();
if (command == TrainingKernelTime.ChildCommand)
{
    // Measured with libtorch's own thread count, what users get, whatever --threads says for the compared paths.
    TrainingKernelTime.Child(settings);
    return 0;
}

if (settings.Threads > 0)
    TorchSharp.torch.set_num_threads(settings.Threads);

switch (command)
{
    case MemoryFootprint.EpochsCommand:
        MemoryFootprint.LongRun(settings);
        return 0;
    case MemoryFootprint.StreamedCommand:
        MemoryFootprint.Streamed(settings);
        return 0;
}

var benchmarks = new Dictionary<string, Func<BenchProgress, Lazy<ScoringModel>, Section>>
{
    ["training"] = (p, _) => TrainingOverhead.Run(settings, defaultTorchThreads, p),
    ["kerneltime"] = (p, _) => TrainingKernelTime.Run(settings, p),
    ["varlen"] = (p, _) => VariableLengthTraining.Run(settings, p),
    ["regression"] = (p, _) => RegressionTrainingOverhead.Run(settings, p),
    ["hardware"] = (p, _) => HardwareEfficiency.Run(settings, p),
    ["scoring"] = (p, m) => ScoringThroughput.Run(settings, m.Value, p),
    ["varscore"] = (p, _) => VariableLengthScoring.Run(settings, p),
    ["latency"] = (p, m) => SingleSequenceLatency.Run(settings, m.Value, p),
    ["int8"] = (p, _) => QuantizedAccuracy.Run(settings, p),
    ["streaming"] = (p, m) => StreamingLatency.Run(settings, m.Value, p),
    ["forecast"] = (p, _) => ForecastLatency.Run(settings, p),
    ["memory"] = (p, _) => MemoryFootprint.Run(settings, p),
    ["seed"] = (p, _) => SeedComparison.Run(settings, p),
};
if (command != "all" && !benchmarks.ContainsKey(command))
{
    Console.Error.WriteLine($"Unknown benchmark '{command}'; known: all, {string.Join(", ", benchmarks.Keys)}.");
    return 2;
}

var machine = MachineInfo.Read(TorchSharp.torch.get_num_threads(), defaultTorchThreads);
string loadBefore = MachineInfo.LoadAverage();
AnsiConsole.MarkupLineInterpolated($"[bold]Rnn.MLNet benchmarks[/]: {machine.Cpu}, {machine.Cores} cores, load {loadBefore}");
if (MachineInfo.LoadNow() > 1.5)
    AnsiConsole.MarkupLine("[yellow]The machine is busy (1-minute load above 1.5): ratios hold up better than absolute times, but both get noisier.[/]");

var clock = Stopwatch.StartNew();
var selected = command == "all" ? benchmarks.Keys.ToList() : [command];
var sections = BenchProgress.Run(progress =>
{
    var model = new Lazy<ScoringModel>(() => ScoringModel.Train(settings.OrtThreads));
    try
    {
        return selected.Select(name => benchmarks[name](progress, model)).ToList();
    }
    finally
    {
        if (model.IsValueCreated)
            model.Value.Dispose();
    }
});

string markdown = PerformanceReport.Markdown(machine, settings, sections, loadBefore, MachineInfo.LoadAverage(), clock.Elapsed);
Console.WriteLine();
Console.WriteLine(markdown);
string? output = settings.Output ?? (command == "all" ? DefaultOutput() : null);
if (output is not null && output != "-")
{
    File.WriteAllText(output, markdown);
    AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{output}[/] ({clock.Elapsed.TotalSeconds:F0} s).");
}

return 0;

// docs/PERFORMANCE.md of the repository this runs in, found from the working directory upwards.
static string DefaultOutput()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Rnn.MLNet.sln")))
            return Path.Combine(dir.FullName, "docs", "PERFORMANCE.md");
    }

    throw new InvalidOperationException("Run from inside the Rnn.MLNet repository, or pass --output FILE.");
}
