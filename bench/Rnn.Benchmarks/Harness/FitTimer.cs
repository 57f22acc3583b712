using Microsoft.ML;
using Rnn.MLNet;

namespace Rnn.Benchmarks.Harness;

/// <summary>Runs RnnTrainer.Fit and reads each epoch's duration from its own progress reports.</summary>
internal static class FitTimer
{
    /// <summary>
    /// <see cref="Run"/> for the benchmarks' image-row model: an LSTM over 28-feature steps, seed 1, on the CPU;
    /// <paramref name="threads"/> null keeps the current libtorch thread count.
    /// </summary>
    public static (List<double> EpochSeconds, double WallSeconds) RunImageRowsLstm(
        MLContext ml, IDataView data, int hiddenSize, int batchSize, int epochs, int? threads = null) =>
        Run(ml, data, new RnnTrainerOptions
        {
            InputSize = Data.ImageRow.StepWidth, HiddenSize = hiddenSize, BatchSize = batchSize, Epochs = epochs, Seed = 1, Device = "cpu",
            IntraOpNumThreads = threads,
        });

    /// <summary>Seconds per epoch (from epoch-end elapsed times, so Fit's setup and export are not in them) and of the whole call.</summary>
    public static (List<double> EpochSeconds, double WallSeconds) Run(MLContext ml, IDataView data, RnnTrainerOptions options)
    {
        var ends = new List<TimeSpan>();
        options.Progress = new DirectProgress<RnnTrainingProgress>(p =>
        {
            if (p.IsEpochEnd)
                ends.Add(p.Elapsed);
        });
        double wall = Timing.Seconds(() => new RnnTrainer(ml, options).Fit(data).Dispose());
        var seconds = new List<double>();
        for (int i = 0; i < ends.Count; i++)
            seconds.Add((ends[i] - (i == 0 ? TimeSpan.Zero : ends[i - 1])).TotalSeconds);
        return (seconds, wall);
    }
}
