using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Benchmarks.Baselines;
using Rnn.Benchmarks.Data;
using Rnn.Benchmarks.Harness;
using static TorchSharp.torch;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// RnnTrainer.Fit's epoch time against hand-written TorchSharp loops over the same rows, same LSTM 28→128, batch 256,
/// Adam: what featurization, batching from the IDataView, validation and progress reports cost next to the math.
/// </summary>
internal static class TrainingOverhead
{
    private const int Hidden = 128;
    private const int BatchSize = 256;
    private const int ThreadComparisonRows = 512;

    public static Section Run(BenchSettings settings, int defaultThreads, BenchProgress progress)
    {
        bool compareThreads = settings.Threads > 0 && settings.Threads != defaultThreads;
        var step = progress.Begin("Training overhead", settings.TrainingRounds + 1 + (compareThreads ? settings.Repeats : 0));
        var ml = new MLContext(seed: 1);
        var rows = ImageRows.Generate(settings.TrainingRows, seed: 2);
        var keyed = ImageRows.Keyed(ml, rows);
        var (x, y) = TrainingTensors.From(rows);

        var times = Rounds(settings, step,
            epochs => FitEpochs(ml, keyed, epochs),
            (packed, epochs) => BareEpochs(x, y, packed, epochs),
            () => ReadAll(keyed, "Label"));
        x.Dispose();
        y.Dispose();
        double fitEpoch = times.FitEpoch, packedEpoch = times.PackedEpoch, paddedEpoch = times.PaddedEpoch, read1 = times.Read;
        int n = settings.TrainingRows;
        var section = new Section(
            "Training overhead",
            $"LSTM 28→{Hidden} + linear head, {n:N0} rows of 28 steps × 28 features, batch {BatchSize}, Adam, {get_num_threads()} libtorch threads. " +
            $"Fit's epoch time comes from its own progress reports (epoch-end elapsed), so it excludes Fit's one-off setup and export. " +
            $"Every round trains a fresh model on each path for {settings.TrainingEpochs} epochs (the first epoch included, as in any real run); " +
            $"{settings.TrainingRounds} rounds, paths interleaved (order alternating), after a warm-up round; medians of all epochs.",
            "path", "epoch", "rows/s", "Fit ÷ path");
        section.Row("`RnnTrainer.Fit` (IDataView in, shuffled, validated, progress reported)", Format.Ms(fitEpoch), Format.Rate(n / fitEpoch), Format.Ratio(1));
        section.Row("bare TorchSharp loop over the padded tensor (what one writes for fixed-length data; the kernels Fit uses for full-length batches)", Format.Ms(paddedEpoch), Format.Rate(n / paddedEpoch), Format.Ratio(fitEpoch / paddedEpoch));
        section.Row("context: bare TorchSharp loop over packed sequences (the kernels Fit uses when lengths in a batch differ)", Format.Ms(packedEpoch), Format.Rate(n / packedEpoch), Format.Ratio(fitEpoch / packedEpoch));
        section.Row("context: reading the IDataView once (features + label, no training)", Format.Ms(read1), Format.Rate(n / read1), "—");
        section.Row($"context: whole `Fit` call ({settings.TrainingEpochs} epoch(s) + setup + ONNX export + session)", Format.Ms(times.Wall), "—", "—");

        if (compareThreads)
            CompareThreads(settings, defaultThreads, ml, rows, section, step);

        section.Targets.Add(Target.AtMost("Training: Fit epoch ÷ bare TorchSharp loop, same tensors and model", fitEpoch / paddedEpoch, 1.05));
        section.Notes.Add(
            $"Library overhead over the same kernels: {Format.Percent(fitEpoch / paddedEpoch - 1)} " +
            $"(reading the data view is {Format.Percent(read1 / fitEpoch)} of an epoch).");
        double packing = packedEpoch / paddedEpoch;
        if (packing > 1.05)
            section.Notes.Add(
                $"Packing costs {Format.Ratio(packing)} here: libtorch runs an LSTM over a PackedSequence through a different code path " +
                "(a batch size per step) than over a padded tensor. That is why Fit skips pack_padded_sequence for a batch whose rows all use every " +
                "step (always so for a fixed-size column); batches of differing lengths still pack, which is what makes their results exact.");
        step.Done($"Fit ÷ bare loop {Format.Ratio(fitEpoch / paddedEpoch)} (÷ packed loop {Format.Ratio(fitEpoch / packedEpoch)})");
        return section;
    }

    /// <summary>Medians of one comparison: Fit's epochs, the bare loops' epochs (padded and packed), one read of the data view, Fit's whole call.</summary>
    internal sealed record Times(double FitEpoch, double PaddedEpoch, double PackedEpoch, double Read, double Wall);

    /// <summary>
    /// A warm-up round, then <see cref="BenchSettings.TrainingRounds"/> rounds; like Fit, each bare loop starts a fresh model every
    /// round, so first-epoch costs (optimizer state, first allocations) weigh alike; the order alternates between rounds so drift
    /// favours no path.
    /// </summary>
    internal static Times Rounds(
        BenchSettings settings, BenchProgress.Step step, Func<int, (List<double> EpochSeconds, double WallSeconds)> fit,
        Func<bool, int, List<double>> bare, Action read)
    {
        var fitEpochs = new List<double>();
        var fitWall = new List<double>();
        var packedEpochs = new List<double>();
        var paddedEpochs = new List<double>();
        var reading = new List<double>();
        int rounds = settings.TrainingRounds;
        for (int round = 0; round <= rounds; round++)
        {
            bool warmUp = round == 0;
            int epochs = warmUp ? 1 : settings.TrainingEpochs;
            step.Show(warmUp ? "warm-up round" : $"round {round}/{rounds}");
            List<double> epochTimes = [], p = [], u = [];
            double wall = 0;
            void RunFit() => (epochTimes, wall) = fit(epochs);
            void RunBare()
            {
                p = bare(true, epochs);
                u = bare(false, epochs);
            }

            if (round % 2 == 0)
            {
                RunFit();
                RunBare();
            }
            else
            {
                RunBare();
                RunFit();
            }

            double seconds = Timing.Seconds(read);
            if (!warmUp)
            {
                fitEpochs.AddRange(epochTimes);
                fitWall.Add(wall);
                packedEpochs.AddRange(p);
                paddedEpochs.AddRange(u);
                reading.Add(seconds);
            }

            step.Advance(warmUp ? "warmed up" : $"round {round}/{rounds} done");
        }

        return new Times(Timing.Median(fitEpochs), Timing.Median(paddedEpochs), Timing.Median(packedEpochs), Timing.Median(reading), Timing.Median(fitWall));
    }

    private static List<double> BareEpochs(TorchSharp.torch.Tensor x, TorchSharp.torch.Tensor y, bool packed, int epochs)
    {
        using var loop = new BareTorchTraining(x, y, Hidden, ImageRow.Classes, BatchSize, packed, seed: 1);
        return [.. Enumerable.Range(0, epochs).Select(_ => Timing.Seconds(loop.Epoch))];
    }

    private static (List<double> EpochSeconds, double WallSeconds) FitEpochs(MLContext ml, IDataView keyed, int epochs, int? threads = null) =>
        FitTimer.RunImageRowsLstm(ml, keyed, Hidden, BatchSize, epochs, threads);

    // Fit on a small slice at the benchmark's thread count and at libtorch's default, interleaved: what IntraOpNumThreads does here.
    private static void CompareThreads(BenchSettings settings, int defaultThreads, MLContext ml, ImageRow[] rows, Section section, BenchProgress.Step step)
    {
        var slice = ImageRows.Keyed(ml, rows[..Math.Min(rows.Length, ThreadComparisonRows)]);
        int n = Math.Min(rows.Length, ThreadComparisonRows);
        var times = Timing.Interleaved(settings.Repeats, round => step.Advance($"threads comparison, round {round}/{settings.Repeats}"),
            () => FitEpochs(ml, slice, 1, settings.Threads).EpochSeconds[0],
            () => FitEpochs(ml, slice, 1, defaultThreads).EpochSeconds[0]);
        section.Row($"context: `Fit` on {n:N0} rows, `IntraOpNumThreads = {settings.Threads}` (this run's setting)", Format.Ms(times[0]), Format.Rate(n / times[0]), "—");
        section.Row($"context: `Fit` on {n:N0} rows, `IntraOpNumThreads = {defaultThreads}` (libtorch's default here)", Format.Ms(times[1]), Format.Rate(n / times[1]),
            $"{Format.Ratio(times[1] / times[0])} of {settings.Threads} thread(s)");
    }

    /// <summary>Reads every row's features and <paramref name="labelColumn"/> (of any type) once, as Fit's first pass does.</summary>
    internal static void ReadAll(IDataView data, string labelColumn)
    {
        var features = data.Schema["Features"];
        var label = data.Schema[labelColumn];
        using var cursor = data.GetRowCursor([features, label]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        var readLabel = ReadLabel(cursor, label);
        VBuffer<float> values = default;
        while (cursor.MoveNext())
        {
            getFeatures(ref values);
            readLabel();
        }
    }

    private static Action ReadLabel(DataViewRowCursor cursor, DataViewSchema.Column label)
    {
        if (label.Type is KeyDataViewType)
        {
            var key = cursor.GetGetter<uint>(label);
            uint value = 0;
            return () => key(ref value);
        }

        var single = cursor.GetGetter<float>(label);
        float number = 0;
        return () => single(ref number);
    }
}
