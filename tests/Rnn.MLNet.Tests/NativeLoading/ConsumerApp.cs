namespace Rnn.MLNet.Tests;

/// <summary>The sources of a throw-away console app that uses Rnn.MLNet the way a consumer outside this repository does.</summary>
internal static class ConsumerApp
{
    /// <summary>Argument that skips the direct TorchSharp call, so only Rnn.MLNet's own path loads the natives.</summary>
    public const string TrainOnly = "--train-only";

    /// <summary>A project that references Rnn.MLNet by ProjectReference, and the CPU natives it chooses (as every app does).</summary>
    public static string Project(string rnnMLNetProject) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <NoWarn>$(NoWarn);NU1603</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="{rnnMLNetProject}" />
            <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
            <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="1.31.0" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>
    /// Shows trace output on stderr, touches an Rnn.MLNet type, then TorchSharp directly (its own loader, no TorchRuntime call), then trains two
    /// epochs on 32 rows and prints the accuracy, what is mapped, and whether TorchSharp's fallback folder appeared.
    /// </summary>
    public const string Program = """
        using System.Diagnostics;
        using Microsoft.ML;
        using Rnn.MLNet;
        using TorchSharp;

        Trace.Listeners.Add(new ConsoleTraceListener(useErrorStream: true));
        var options = new RnnTrainerOptions { InputSize = 2, HiddenSize = 8, Epochs = 2, BatchSize = 8, LearningRate = 0.05f, Seed = 1 };
        if (args is not ["--train-only"])
        {
            using var ones = torch.ones(2, 2);
            using var sum = ones.sum();
            Console.WriteLine($"torch sum {sum.item<float>()}");
        }

        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 32).Select(i => new Row { Features = [i % 2, 1 - i % 2, i % 2, 1 - i % 2], Label = i % 2 == 0 ? "even" : "odd" });
        var data = ml.Data.LoadFromEnumerable(rows);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        using var model = new RnnTrainer(ml, options).Fit(keyed);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(keyed));
        Console.WriteLine(FormattableString.Invariant($"accuracy {metrics.MicroAccuracy:F3}"));

        foreach (var name in new[] { "libtorch_cpu.so", "libLibTorchSharp.so" })
        {
            var mapped = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5].Trim()) == name)
                .Select(fields => fields[5].Trim()).Distinct().ToList();
            Console.WriteLine($"mapped {name} {mapped.Count} {string.Join(" ", mapped)}");
        }

        Console.WriteLine($"fallback folder {Directory.Exists(Path.Combine(AppContext.BaseDirectory, "cpu"))}");

        sealed class Row
        {
            public float[] Features { get; set; } = [];

            public string Label { get; set; } = "";
        }
        """;
}
