using System.Diagnostics;
using Microsoft.ML;
using Rnn.Benchmarks.Data;
using Rnn.Benchmarks.Harness;
using Rnn.MLNet;
using Rnn.Onnx;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// Where Fit's time goes between arithmetic (user time) and the kernel (system time: page faults of libtorch's per-batch
/// buffers), with Rnn.MLNet's libtorch buffer cache and without it (<c>RNN_MLNET_BUFFER_CACHE=0</c>, the C library
/// alone), each case in its own process. Workloads: the training-overhead model (on the main thread, and on a thread of
/// its own, where glibc serves allocations from a thread heap), and one epoch of the main example's network
/// (examples/FashionMnistRows) on as many 28×28 rows as Fashion-MNIST's training set.
/// </summary>
internal static class TrainingKernelTime
{
    public const string ChildCommand = "child-kernel-time";
    private const string WorkloadVariable = "RNN_BENCH_KERNEL_TIME_WORKLOAD";

    /// <summary>Rnn.MLNet's switch for its libtorch buffer cache (README, "Native memory while training").</summary>
    private const string CacheVariable = "RNN_MLNET_BUFFER_CACHE";

    private const string Overhead = "overhead";
    private const string OverheadOnAThread = "overhead-thread";
    private const string MainExample = "main";
    private static readonly string[] Workloads = [Overhead, OverheadOnAThread, MainExample];

    public static Section Run(BenchSettings settings, BenchProgress progress)
    {
        var step = progress.Begin("Training kernel time", Workloads.Length * 2);
        var results = new Dictionary<(string Workload, bool Cached), Dictionary<string, double>>();
        foreach (var workload in Workloads)
        {
            foreach (bool cached in new[] { true, false })
            {
                step.Show($"{Describe(workload, settings)}, {Allocator(cached)}, in a child process");
                results[(workload, cached)] = ChildProcess.Run(ChildCommand, settings, new Dictionary<string, string?>
                {
                    [WorkloadVariable] = workload,
                    [CacheVariable] = cached ? null : "0",
                });
                step.Advance("");
            }
        }

        var section = new Section(
            "Training kernel time",
            "Fit's wall, user and system time, minor page faults and peak resident memory (VmHWM), read from the process around one Fit, " +
            $"with libtorch's default intra-op threads ({results.Values.First()["threads"]} here). " +
            $"Training-overhead model: LSTM 28→128, batch 256, Adam, {settings.TrainingRows:N0} rows × {settings.TrainingEpochs} epoch(s), Fit called on the " +
            "process's main thread, and again on a new thread. " +
            $"Main example: examples/FashionMnistRows' network (LSTM 28→128 ×2, batch 128, Adam 2e-3, clip 5), one epoch of {settings.MainExampleRows:N0} rows of 28×28. " +
            $"\"buffer cache\" is Rnn.MLNet's default; \"C library alone\" sets {CacheVariable}=0. Every case runs in its own child process.",
            "workload", "allocator", "Fit wall", "user", "system", "system ÷ wall", "page faults", "peak resident");
        foreach (var ((workload, cached), r) in results)
        {
            section.Row(Describe(workload, settings), Allocator(cached), Format.Seconds(r["wall"]), Format.Seconds(r["user"]), Format.Seconds(r["system"]),
                Format.Percent(r["system"] / r["wall"]), Format.Int((long)r["faults"]), Format.MiB((long)r["peak"]));
        }

        foreach (var workload in Workloads)
        {
            var r = results[(workload, true)];
            section.Targets.Add(Target.AtMost($"Training: system time ÷ wall time during Fit ({Describe(workload, settings)})", r["system"] / r["wall"] * 100, 10, "%", "F1"));
        }

        var main = results[(MainExample, true)];
        var mainAlone = results[(MainExample, false)];
        double epochs = settings.MainExampleRows / 60_000.0;
        section.Notes.Add(
            $"Main example's epoch of {settings.MainExampleRows:N0} rows: {Format.Seconds(main["wall"])} with the buffer cache, {Format.Seconds(mainAlone["wall"])} " +
            $"with the C library alone ({Format.Ratio(mainAlone["wall"] / main["wall"])}); at this speed its 15 epochs of 60,000 rows train in about " +
            $"{Format.Seconds(15 * main["wall"] / epochs)} ({Format.Seconds(15 * mainAlone["wall"] / epochs)} without the cache).");
        section.Notes.Add(
            "Memory the cache keeps: peak resident " + string.Join("; ", Workloads.Select(w =>
                $"{Format.MiB((long)results[(w, true)]["peak"])} with it vs {Format.MiB((long)results[(w, false)]["peak"])} without ({Describe(w, settings)})")) + ".");
        var overhead = results[(Overhead, true)];
        var overheadAlone = results[(Overhead, false)];
        step.Done($"system ÷ wall {Format.Percent(overhead["system"] / overhead["wall"])} with the buffer cache, {Format.Percent(overheadAlone["system"] / overheadAlone["wall"])} without");
        return section;
    }

    /// <summary>Child: one Fit of the workload the parent named, printing its times, faults and peak memory.</summary>
    public static void Child(BenchSettings settings)
    {
        TorchRuntime.EnsureLoaded();
        var ml = new MLContext(seed: 1);
        string workload = Environment.GetEnvironmentVariable(WorkloadVariable) ?? Overhead;
        bool main = workload == MainExample;
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
        if (workload == OverheadOnAThread)
        {
            // What an app that trains off its main thread (a web request, a notebook, a test host) does: glibc then serves
            // the thread from heaps of at most 64 MiB and maps anything bigger anew, whatever its settings.
            var thread = new Thread(() => new RnnTrainer(ml, options).Fit(keyed).Dispose());
            thread.Start();
            thread.Join();
        }
        else
        {
            new RnnTrainer(ml, options).Fit(keyed).Dispose();
        }

        double wall = clock.Elapsed.TotalSeconds;
        var after = ProcessTimes.Now();
        ChildProcess.Emit(new Dictionary<string, double>
        {
            ["wall"] = wall,
            ["user"] = after.User - before.User,
            ["system"] = after.System - before.System,
            ["faults"] = after.MinorFaults - before.MinorFaults,
            ["peak"] = ProcessMemory.Peak(),
            ["threads"] = TorchSharp.torch.get_num_threads(),
        });
    }

    private static string Allocator(bool cached) => cached ? "buffer cache (default)" : "C library alone";

    private static string Describe(string workload, BenchSettings settings) => workload switch
    {
        MainExample => $"main example's network, 1 epoch of {settings.MainExampleRows:N0} rows",
        OverheadOnAThread => $"training-overhead model, {settings.TrainingRows:N0} rows × {settings.TrainingEpochs}, Fit on a new thread",
        _ => $"training-overhead model, {settings.TrainingRows:N0} rows × {settings.TrainingEpochs}",
    };
}
