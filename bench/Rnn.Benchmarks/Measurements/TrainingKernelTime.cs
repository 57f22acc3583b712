using System.Diagnostics;
using Microsoft.ML;
using Rnn.Benchmarks.Data;
using Rnn.Benchmarks.Harness;
using Rnn.MLNet;
using Rnn.Onnx;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// Where Fit's time goes between arithmetic (user time) and the kernel (system time: page faults of libtorch's per-batch
/// buffers), with Rnn.MLNet's glibc allocator tuning and with glibc's defaults (<c>RNN_MLNET_MALLOC_TUNING=0</c>), each
/// in its own process since the tuning is process-wide. Two workloads: the training-overhead model, and one epoch of the
/// main example's network (examples/FashionMnistRows) on as many 28×28 rows as Fashion-MNIST's training set.
/// </summary>
internal static class TrainingKernelTime
{
    public const string ChildCommand = "child-kernel-time";
    private const string WorkloadVariable = "RNN_BENCH_KERNEL_TIME_WORKLOAD";

    /// <summary>Rnn.MLNet's switch for its glibc allocator tuning (README, "Native memory").</summary>
    private const string AllocatorVariable = "RNN_MLNET_MALLOC_TUNING";
    private const string Overhead = "overhead";
    private const string MainExample = "main";

    public static Section Run(BenchSettings settings, BenchProgress progress)
    {
        var step = progress.Begin("Training kernel time", 4);
        var results = new Dictionary<(string Workload, bool Tuned), Dictionary<string, double>>();
        foreach (var workload in new[] { Overhead, MainExample })
        {
            // Tuned first, then glibc's defaults: each in a fresh process, so neither inherits the other's heap.
            foreach (bool tuned in new[] { true, false })
            {
                step.Show($"{Describe(workload, settings)}, {(tuned ? "tuned allocator" : "glibc defaults")}, in a child process");
                results[(workload, tuned)] = ChildProcess.Run(ChildCommand, settings, new Dictionary<string, string?>
                {
                    [WorkloadVariable] = workload,
                    [AllocatorVariable] = tuned ? null : "0",
                });
                step.Advance("");
            }
        }

        var section = new Section(
            "Training kernel time",
            "Fit's wall, user and system time, minor page faults and peak resident memory (VmHWM), read from the process around one Fit, " +
            $"with libtorch's default intra-op threads ({TorchSharp.torch.get_num_threads()} here). " +
            $"Training overhead model: LSTM 28→128, batch 256, Adam, {settings.TrainingRows:N0} rows × {settings.TrainingEpochs} epoch(s). " +
            $"Main example: examples/FashionMnistRows' network (LSTM 28→128 ×2, batch 128, Adam 2e-3, clip 5) for one epoch of {settings.MainExampleRows:N0} rows of 28×28. " +
            $"\"tuned\" is Rnn.MLNet's default; \"glibc defaults\" sets {AllocatorVariable}=0. Each case runs in its own child process.",
            "workload", "allocator", "Fit wall", "user", "system", "system ÷ wall", "page faults", "peak resident");
        foreach (var ((workload, tuned), r) in results)
        {
            section.Row(Describe(workload, settings), tuned ? "tuned (default)" : "glibc defaults", Format.Seconds(r["wall"]), Format.Seconds(r["user"]), Format.Seconds(r["system"]),
                Format.Percent(r["system"] / r["wall"]), Format.Int((long)r["faults"]), Format.MiB((long)r["peak"]));
        }

        var overhead = results[(Overhead, true)];
        var main = results[(MainExample, true)];
        var mainDefault = results[(MainExample, false)];
        double epochs = Math.Max(1, settings.MainExampleRows) / 60_000.0;
        section.Targets.Add(Target.AtMost("Training: system time ÷ wall time during Fit (training-overhead model)", overhead["system"] / overhead["wall"] * 100, 10, "%", "F1"));
        section.Targets.Add(Target.AtMost("Training: system time ÷ wall time during Fit (main example's network)", main["system"] / main["wall"] * 100, 10, "%", "F1"));
        section.Notes.Add(
            $"Main example's epoch of {settings.MainExampleRows:N0} rows: {Format.Seconds(main["wall"])} tuned, {Format.Seconds(mainDefault["wall"])} with glibc's defaults " +
            $"({Format.Ratio(mainDefault["wall"] / main["wall"])}); a 60,000-row epoch takes about {Format.Seconds(main["wall"] / epochs)}, 15 epochs about " +
            $"{Format.Seconds(15 * main["wall"] / epochs)} of training.");
        section.Notes.Add(
            $"Memory the tuning keeps: peak resident {Format.MiB((long)overhead["peak"])} tuned vs {Format.MiB((long)results[(Overhead, false)]["peak"])} with glibc's defaults " +
            $"(training-overhead model); {Format.MiB((long)main["peak"])} vs {Format.MiB((long)mainDefault["peak"])} (main example).");
        step.Done($"system ÷ wall {Format.Percent(overhead["system"] / overhead["wall"])} tuned, {Format.Percent(results[(Overhead, false)]["system"] / results[(Overhead, false)]["wall"])} with glibc's defaults");
        return section;
    }

    /// <summary>Child: one Fit of the workload the parent named, printing its times, faults and peak memory.</summary>
    public static void Child(BenchSettings settings)
    {
        TorchRuntime.EnsureLoaded();
        var ml = new MLContext(seed: 1);
        bool main = Environment.GetEnvironmentVariable(WorkloadVariable) == MainExample;
        var keyed = ImageRows.Keyed(ml, ImageRows.Generate(main ? settings.MainExampleRows : settings.TrainingRows, seed: 3));
        var options = main
            ? new RnnTrainerOptions
            {
                InputSize = ImageRow.StepWidth, CellType = RnnCellType.Lstm, HiddenSize = 128, NumLayers = 2, BatchSize = 128, LearningRate = 2e-3f,
                GradientClipNorm = 5f, Epochs = 1, Seed = 1, Device = "cpu",
            }
            : new RnnTrainerOptions { InputSize = ImageRow.StepWidth, HiddenSize = 128, BatchSize = 256, Epochs = settings.TrainingEpochs, Seed = 1, Device = "cpu" };

        var before = ProcessTimes.Now();
        var clock = Stopwatch.StartNew();
        new RnnTrainer(ml, options).Fit(keyed).Dispose();
        double wall = clock.Elapsed.TotalSeconds;
        var after = ProcessTimes.Now();
        ChildProcess.Emit(new Dictionary<string, double>
        {
            ["wall"] = wall,
            ["user"] = after.User - before.User,
            ["system"] = after.System - before.System,
            ["faults"] = after.MinorFaults - before.MinorFaults,
            ["peak"] = ProcessMemory.Peak(),
        });
    }

    private static string Describe(string workload, BenchSettings settings) => workload == MainExample
        ? $"main example's network, 1 epoch of {settings.MainExampleRows:N0} rows"
        : $"training-overhead model, {settings.TrainingRows:N0} rows × {settings.TrainingEpochs}";
}
