using Microsoft.ML;
using Rnn.Benchmarks.Data;
using Rnn.Benchmarks.Harness;
using Rnn.MLNet;
using Rnn.Onnx;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// Memory of training, each case in its own process: resident memory after epoch 2 against after the last epoch of a
/// long run (leaked tensors or buffers would grow it), and the peak when training streams a generated data set far
/// bigger than the shuffle buffer.
/// </summary>
internal static class MemoryFootprint
{
    public const string EpochsCommand = "child-memory-epochs";
    public const string StreamedCommand = "child-memory-streamed";
    private const int LongRunHidden = 64;
    private const int StreamedHidden = 16;
    private const int StreamedBatch = 1024;

    public static Section Run(BenchSettings settings, BenchProgress progress)
    {
        var step = progress.Begin("Memory", 2);
        step.Show($"{settings.MemoryEpochs}-epoch run in a child process");
        var epochs = ChildProcess.Run(EpochsCommand, settings);
        step.Advance($"streaming {settings.StreamedRows:N0} generated rows in a child process");
        var streamed = ChildProcess.Run(StreamedCommand, settings);
        step.Advance("done");

        long second = (long)epochs["rss2"], last = (long)epochs[$"rss{settings.MemoryEpochs}"];
        double growth = (double)(last - second) / second;
        long peak = (long)streamed["peak"];
        var section = new Section(
            "Memory",
            $"Long run: LSTM 28→{LongRunHidden}, {settings.MemoryRows:N0} rows × {settings.MemoryEpochs} epochs, batch 256, one libtorch thread; resident memory (VmRSS, after a " +
            $"full garbage collection and malloc_trim, so free heap pages do not count) at each epoch end. Streamed: {settings.StreamedRows:N0} rows of 28 × 28 made up on the fly by a custom " +
            $"IDataView ({Format.MiB((long)streamed["materialised"])} of features if held at once), Elman tanh {StreamedHidden}, batch {StreamedBatch}, " +
            $"one epoch, one libtorch thread, the default ShuffleBufferSize ({new RnnTrainerOptions().ShuffleBufferSize:N0} rows); peak resident memory (VmHWM) of the process. " +
            "Each case runs in its own child process.",
            "case", "figure", "detail");
        section.Row("long run: resident after epoch 2", Format.MiB(second), $"managed heap {Format.MiB((long)epochs["heap2"])}");
        section.Row($"long run: resident after epoch {settings.MemoryEpochs}", Format.MiB(last), $"managed heap {Format.MiB((long)epochs[$"heap{settings.MemoryEpochs}"])}");
        section.Row("long run: growth, epoch 2 → last", Format.Percent(growth),
            string.Join(", ", Enumerable.Range(1, settings.MemoryEpochs).Select(e => $"{e}: {Format.MiB((long)epochs[$"rss{e}"])}")));
        section.Row("streamed: resident before Fit (runtime, libtorch loaded)", Format.MiB((long)streamed["before"]), "");
        section.Row($"streamed: peak while training on {settings.StreamedRows:N0} rows", Format.MiB(peak),
            $"{Format.Seconds(streamed["seconds"])}, {Format.Rate(settings.StreamedRows / streamed["seconds"])} rows/s");
        section.Targets.Add(Target.AtMost("Memory: resident growth, epoch 2 → epoch " + settings.MemoryEpochs, growth * 100, 5, "%", "F1"));
        section.Targets.Add(Target.AtMost($"Memory: peak training on {settings.StreamedRows:N0} streamed rows", peak / 1024.0 / 1024 / 1024, 1.5, " GiB", "F2"));
        step.Done($"growth {Format.Percent(growth)}, streamed peak {Format.MiB(peak)}");
        return section;
    }

    /// <summary>Child: the long run, printing resident memory per epoch.</summary>
    public static void LongRun(BenchSettings settings)
    {
        var ml = new MLContext(seed: 1);
        var keyed = ImageRows.Keyed(ml, ImageRows.Generate(settings.MemoryRows, seed: 7));
        var result = new Dictionary<string, double>();
        var options = new RnnTrainerOptions
        {
            InputSize = ImageRow.StepWidth, HiddenSize = LongRunHidden, BatchSize = 256, Epochs = settings.MemoryEpochs, Seed = 1, Device = "cpu",
            IntraOpNumThreads = 1,
            Progress = new DirectProgress<RnnTrainingProgress>(p =>
            {
                if (!p.IsEpochEnd)
                    return;
                result[$"rss{p.Epoch}"] = ProcessMemory.ResidentAfterCollect();
                result[$"heap{p.Epoch}"] = GC.GetTotalMemory(forceFullCollection: false);
            }),
        };
        new RnnTrainer(ml, options).Fit(keyed).Dispose();
        ChildProcess.Emit(result);
    }

    /// <summary>Child: one epoch over the streamed data set, printing the peak resident memory.</summary>
    public static void Streamed(BenchSettings settings)
    {
        TorchRuntime.EnsureLoaded();
        var ml = new MLContext(seed: 1);
        var data = new StreamedSequences(settings.StreamedRows);
        long before = ProcessMemory.ResidentAfterCollect();
        var options = new RnnTrainerOptions
        {
            InputSize = ImageRow.StepWidth, CellType = RnnCellType.Tanh, HiddenSize = StreamedHidden, BatchSize = StreamedBatch, Epochs = 1, Seed = 1, Device = "cpu",
            // Memory is the point here, not speed; one thread keeps this long pass quick on a busy machine too.
            IntraOpNumThreads = 1,
        };
        double seconds = Timing.Seconds(() => new RnnTrainer(ml, options).Fit(data).Dispose());
        ChildProcess.Emit(new Dictionary<string, double>
        {
            ["before"] = before,
            ["peak"] = ProcessMemory.Peak(),
            ["seconds"] = seconds,
            ["materialised"] = data.MaterialisedBytes,
        });
    }
}
