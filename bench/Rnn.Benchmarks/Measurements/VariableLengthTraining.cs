using Microsoft.ML;
using Rnn.Benchmarks.Data;
using Rnn.Benchmarks.Harness;
using Rnn.MLNet;
using Rnn.Onnx;
using static TorchSharp.torch;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// What rows of differing lengths cost in training: RnnTrainer.Fit on rows of lengths 10..190 against Fit on as many rows
/// all of length 100 (the same real steps, see <see cref="MixedLengthRows"/>), for LSTM, GRU and tanh RNN, one direction
/// and both. Ideally the two take the same time; padding and slower kernels for mixed lengths are what separates them.
/// </summary>
internal static class VariableLengthTraining
{
    private const int Hidden = 128;
    private const int BatchSize = 64;
    private const int MeanSteps = 100;
    private const int Spread = 90;
    private const double Goal = 1.10;

    private static readonly RnnCellType[] Cells = [RnnCellType.Lstm, RnnCellType.Gru, RnnCellType.Tanh];

    public static Section Run(BenchSettings settings, BenchProgress progress)
    {
        int configurations = Cells.Length * 2;
        var step = progress.Begin("Variable-length training", configurations * settings.VariableLengthRounds + 1);
        var ml = new MLContext(seed: 1);
        int n = settings.VariableLengthRows;
        var fixedRows = MixedLengthRows.Keyed(ml, MixedLengthRows.Generate(n, MeanSteps, spread: 0, seed: 4));
        var mixedRows = MixedLengthRows.Keyed(ml, MixedLengthRows.Generate(n, MeanSteps, Spread, seed: 4));

        // One short Fit of every configuration on both sets, so first-call costs (JIT, libtorch's first allocations) fall outside the timings.
        var warmUpRows = MixedLengthRows.Keyed(ml, MixedLengthRows.Generate(2 * BatchSize, MeanSteps, Spread, seed: 5));
        foreach (var cell in Cells)
        {
            foreach (bool bidirectional in new[] { false, true })
                Fit(ml, warmUpRows, cell, bidirectional, epochs: 1);
        }

        step.Advance("warmed up");
        var section = new Section(
            "Variable-length training",
            $"`RnnTrainer.Fit` on {n:N0} rows of lengths {MeanSteps - Spread}..{MeanSteps + Spread} (even spread, shuffled) against Fit on {n:N0} rows all of " +
            $"length {MeanSteps}: the same {n * MeanSteps:N0} real steps per epoch. {MixedLengthRows.StepWidth} features per step → hidden {Hidden}, " +
            $"linear head on the last valid step, batch {BatchSize}, Adam, {settings.VariableLengthEpochs} epochs, {get_num_threads()} libtorch thread(s). " +
            "Times are the sum of Fit's epochs from its own progress reports (no setup or export); " +
            $"{settings.VariableLengthRounds} round(s) per configuration, the two data sets in alternating order, after a warm-up; medians.",
            "cell", "directions", "fixed length, per epoch", "mixed lengths, per epoch", "mixed ÷ fixed");
        double worst = 0;
        string worstName = "";
        foreach (var cell in Cells)
        {
            foreach (bool bidirectional in new[] { false, true })
            {
                string name = $"{cell} {(bidirectional ? "bidirectional" : "unidirectional")}";
                List<double> fixedTimes = [], mixedTimes = [];
                for (int round = 0; round < settings.VariableLengthRounds; round++)
                {
                    void TimeFixed() => fixedTimes.Add(Fit(ml, fixedRows, cell, bidirectional, settings.VariableLengthEpochs));
                    void TimeMixed() => mixedTimes.Add(Fit(ml, mixedRows, cell, bidirectional, settings.VariableLengthEpochs));
                    if (round % 2 == 0)
                    {
                        TimeFixed();
                        TimeMixed();
                    }
                    else
                    {
                        TimeMixed();
                        TimeFixed();
                    }

                    step.Advance($"{name}, round {round + 1}/{settings.VariableLengthRounds}");
                }

                double fixedSeconds = Timing.Median(fixedTimes), mixedSeconds = Timing.Median(mixedTimes), ratio = mixedSeconds / fixedSeconds;
                int epochs = settings.VariableLengthEpochs;
                section.Row(cell.ToString(), bidirectional ? "2" : "1", Format.Ms(fixedSeconds / epochs), Format.Ms(mixedSeconds / epochs), Format.Ratio(ratio));
                if (ratio > worst)
                    (worst, worstName) = (ratio, name);
            }
        }

        section.Targets.Add(Target.AtMost($"Variable-length training: Fit on mixed lengths ÷ Fit on fixed length, same real steps (worst: {worstName})", worst, Goal));
        step.Done($"mixed ÷ fixed at most {Format.Ratio(worst)} ({worstName})");
        return section;
    }

    /// <summary>Seconds of Fit's epochs (setup and export excluded).</summary>
    private static double Fit(MLContext ml, IDataView data, RnnCellType cell, bool bidirectional, int epochs) =>
        FitTimer.Run(ml, data, new RnnTrainerOptions
        {
            InputSize = MixedLengthRows.StepWidth, CellType = cell, Bidirectional = bidirectional, HiddenSize = Hidden, BatchSize = BatchSize,
            Epochs = epochs, Seed = 1, Device = "cpu",
        }).EpochSeconds.Sum();
}
