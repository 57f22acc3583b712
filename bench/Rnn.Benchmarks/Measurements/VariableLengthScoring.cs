using Microsoft.ML;
using Rnn.Benchmarks.Baselines;
using Rnn.Benchmarks.Data;
using Rnn.Benchmarks.Harness;
using Rnn.MLNet;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// Bulk scoring of rows of lengths 10..190: RnnTransformer.Transform (which scores blocks of 8 batches sorted by length)
/// against a bare ONNX Runtime session fed the same batches in arrival order, each padded to its longest row (what
/// Transform did before sorting), and fed batches sorted like Transform's.
/// </summary>
internal static class VariableLengthScoring
{
    private const int Hidden = 128;
    private const int MeanSteps = 100;
    private const int Spread = 90;

    public static Section Run(BenchSettings settings, BenchProgress progress)
    {
        var step = progress.Begin("Variable-length scoring", settings.Repeats + 1);
        var ml = new MLContext(seed: 1);
        int n = settings.VariableLengthScoringRows;
        var rows = MixedLengthRows.Generate(n, MeanSteps, Spread, seed: 6);
        var keyed = MixedLengthRows.Keyed(ml, rows);
        var options = new RnnTrainerOptions
        {
            InputSize = MixedLengthRows.StepWidth, HiddenSize = Hidden, Epochs = 1, Seed = 1, Device = "cpu",
        };
        using var transformer = new RnnTrainer(ml, options).Fit(ml.Data.TakeRows(keyed, 512));
        transformer.IntraOpNumThreads = settings.OrtThreads;
        string path = Path.Combine(Path.GetTempPath(), $"rnn-bench-varlen-{Environment.ProcessId}.onnx");
        transformer.ExportOnnx(path);
        try
        {
            int batch = transformer.ScoringBatchSize, classes = transformer.ClassNames.Count;
            using var bare = new BareOrtSession(path, settings.OrtThreads);
            var arrival = Batches(rows, Enumerable.Range(0, n).ToArray(), batch, classes);
            var sortedOrder = Enumerable.Range(0, n).Chunk(batch * 8).SelectMany(block => block.OrderBy(i => rows[i].Features.Length)).ToArray();
            var sorted = Batches(rows, sortedOrder, batch, classes);
            var times = Timing.Interleaved(settings.Repeats, round => step.Advance($"round {round}/{settings.Repeats}"),
                Timing.Timed(() => ScoringThroughput.Drain(transformer.Transform(keyed), transformer.ScoreColumnName, n)),
                Timing.Timed(() => bare.ScoreVariable(arrival, MixedLengthRows.StepWidth, classes)),
                Timing.Timed(() => bare.ScoreVariable(sorted, MixedLengthRows.StepWidth, classes)));

            double real = n * (double)MeanSteps;
            double Padded(List<(float[] Values, int[] Lengths, float[] Probabilities)> b) => b.Sum(x => (double)x.Values.Length) / MixedLengthRows.StepWidth;
            var section = new Section(
                "Variable-length scoring",
                $"{n:N0} sequences of {MeanSteps - Spread}..{MeanSteps + Spread} steps × {MixedLengthRows.StepWidth} features, LSTM {Hidden}, {classes} classes; batches of {batch}, " +
                $"ONNX Runtime threads: {(settings.OrtThreads is int t ? t : "the runtime's default")}. Each pass reads every row's Score; the bare session gets its batches padded " +
                $"before the clock starts. {settings.Repeats} interleaved rounds after a warm-up; medians.",
                "path", "sequences/s", "real ÷ padded steps", "RnnTransformer ÷ path");
            section.Row($"`RnnTransformer.Transform` (blocks of 8 batches sorted by length, rows in their order)", Format.Rate(n / times[0]), Format.Percent(real / Padded(sorted)), Format.Ratio(1));
            section.Row("bare ONNX Runtime session, batches in arrival order (Transform before sorting)", Format.Rate(n / times[1]), Format.Percent(real / Padded(arrival)), Format.Ratio(times[1] / times[0]));
            section.Row("bare ONNX Runtime session, Transform's sorted batches", Format.Rate(n / times[2]), Format.Percent(real / Padded(sorted)), Format.Ratio(times[2] / times[0]));
            section.Notes.Add(
                $"Sorting by length saves {Format.Percent(1 - times[2] / times[1])} of the bare session's time: ONNX Runtime's recurrent kernels run every row of a batch " +
                "to the batch's longest row (sequence_lens only masks the results).");
            step.Done($"{Format.Ratio(times[1] / times[0])} of bare ORT in arrival order");
            return section;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<(float[] Values, int[] Lengths, float[] Probabilities)> Batches(MixedLengthRow[] rows, int[] order, int batch, int classes)
    {
        var batches = new List<(float[], int[], float[])>();
        foreach (var part in order.Chunk(batch))
        {
            int steps = part.Max(i => rows[i].Features.Length) / MixedLengthRows.StepWidth;
            var values = new float[part.Length * steps * MixedLengthRows.StepWidth];
            for (int r = 0; r < part.Length; r++)
                rows[part[r]].Features.CopyTo(values, r * steps * MixedLengthRows.StepWidth);
            batches.Add((values, [.. part.Select(i => rows[i].Features.Length / MixedLengthRows.StepWidth)], new float[part.Length * classes]));
        }

        return batches;
    }
}
