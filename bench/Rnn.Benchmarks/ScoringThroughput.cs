using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.MLNet;
using Rnn.Onnx;

namespace Rnn.Benchmarks;

/// <summary>
/// Bulk scoring throughput on one ONNX file (LSTM 28→128, 28 steps, 10 classes): RnnTransformer.Transform
/// (batched ONNX Runtime calls) vs ML.NET's ApplyOnnxModel (one call per row) vs a bare ONNX Runtime session fed
/// the same batches. Each figure is the median of several timed passes after a warm-up pass.
/// </summary>
internal static class ScoringThroughput
{
    private const int Steps = 28;
    private const int StepWidth = 28;
    private const int Rows = 10_000;

    public static void Run(int repeats)
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows_(Rows, seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);

        // A trained-shaped network: one short epoch gives real weights without spending the benchmark on training.
        var options = new RnnTrainerOptions { FeatureColumnName = "Features", InputSize = StepWidth, HiddenSize = 128, Epochs = 1, BatchSize = 256, Seed = 1 };
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        using var model = new RnnTrainer(ml, options).Fit(ml.Data.TakeRows(keyed, 2_000));
        var onnxPath = Path.Combine(Path.GetTempPath(), "rnn-bench-lstm128.onnx");
        model.ExportOnnx(onnxPath);

        // ML.NET feeds the batched graph one row at a time: input [1, 28, 28] and sequence_lens [1]
        // (its shape dictionary pins the symbolic dimensions it cannot infer).
        var shapes = new Dictionary<string, int[]> { [RnnOnnxNames.Input] = [1, Steps, StepWidth], [RnnOnnxNames.SequenceLengths] = [1] };
        var applyOnnx = ml.Transforms.ApplyOnnxModel([RnnOnnxNames.Probabilities], [RnnOnnxNames.Input, RnnOnnxNames.SequenceLengths], onnxPath, shapes, gpuDeviceId: null, fallbackToCpu: false, recursionLimit: 100)
            .Fit(ml.Data.LoadFromEnumerable(OnnxRows(rows)));
        var onnxRowsView = ml.Data.LoadFromEnumerable(OnnxRows(rows));
        using var bare = new RnnOnnxScorer(onnxPath);

        double transformer = Median(repeats, () => Drain(model.Transform(keyed), options.ScoreColumnName));
        double mlnet = Median(repeats, () => Drain(applyOnnx.Transform(onnxRowsView), RnnOnnxNames.Probabilities));
        double raw = Median(repeats, () => BareBatches(bare, rows, model.ScoringBatchSize));
        double readOnly = Median(repeats, () => Drain(keyed, "Features"));
        Console.WriteLine($"(reading the feature column alone: {Rows / readOnly:N0} rows/s)");

        Console.WriteLine($"Bulk scoring, {Rows} sequences of {Steps}×{StepWidth}, LSTM 128 (median of {repeats}; machine: {Environment.ProcessorCount} cores)");
        Console.WriteLine($"| path | sequences/s | vs RnnTransformer |");
        Console.WriteLine($"|---|---:|---:|");
        Report("RnnTransformer.Transform (batches of " + model.ScoringBatchSize + ")", transformer, transformer);
        Report("bare ONNX Runtime session, same batches", raw, transformer);
        Report("ML.NET ApplyOnnxModel, same file (one row per call)", mlnet, transformer);
    }

    private static void Report(string name, double seconds, double reference) =>
        Console.WriteLine($"| {name} | {Rows / seconds:N0} | {reference / seconds:F2}× |");

    private static double Median(int repeats, Action pass)
    {
        pass();
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            pass();
            times[i] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(times);
        return times[repeats / 2];
    }

    private static void Drain(IDataView scored, string column)
    {
        var col = scored.Schema[column];
        using var cursor = scored.GetRowCursor([col]);
        var getter = cursor.GetGetter<VBuffer<float>>(col);
        VBuffer<float> value = default;
        int count = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            count++;
        }

        if (count != Rows)
            throw new InvalidOperationException($"Scored {count} rows, expected {Rows}.");
    }

    private static void BareBatches(RnnOnnxScorer scorer, ImageRow[] rows, int batchSize)
    {
        var padded = new float[batchSize * Steps * StepWidth];
        var lengths = new int[batchSize];
        var probabilities = new float[batchSize * scorer.ClassCount];
        for (int start = 0; start < rows.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, rows.Length - start);
            for (int i = 0; i < count; i++)
            {
                rows[start + i].Features.CopyTo(padded, i * Steps * StepWidth);
                lengths[i] = Steps;
            }

            scorer.ScoreBatch(padded.AsSpan(0, count * Steps * StepWidth), count, Steps, lengths.AsSpan(0, count), probabilities.AsSpan(0, count * scorer.ClassCount));
        }
    }

    private static ImageRow[] Rows_(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new ImageRow
        {
            Features = [.. Enumerable.Range(0, Steps * StepWidth).Select(_ => (float)random.NextDouble())],
            Label = (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
        })];
    }

    private static IEnumerable<OnnxRow> OnnxRows(ImageRow[] rows) =>
        rows.Select(r => new OnnxRow { Input = r.Features, SequenceLengths = [Steps] });

    private sealed class ImageRow
    {
        [VectorType(Steps * StepWidth)]
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = "";
    }

    private sealed class OnnxRow
    {
        [ColumnName(RnnOnnxNames.Input)]
        [VectorType(Steps * StepWidth)]
        public float[] Input { get; set; } = [];

        [ColumnName(RnnOnnxNames.SequenceLengths)]
        [VectorType(1)]
        public int[] SequenceLengths { get; set; } = [];
    }
}
