using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.MLNet;
using Rnn.Onnx;

namespace Rnn.Examples.Common;

/// <summary>
/// One trained network scored twice on the same rows: with float weights and with 8-bit ones
/// (<see cref="RnnTransformer.Quantization"/> = <see cref="OnnxQuantization.DynamicInt8"/>), the metric and the scoring
/// time of each, so an example can print them side by side.
/// </summary>
public static class Int8Comparison
{
    /// <summary>The metric and the median time to score every row, per precision.</summary>
    /// <param name="FloatMetric">The metric with float weights.</param>
    /// <param name="Int8Metric">The metric with 8-bit weights.</param>
    /// <param name="FloatSeconds">Median seconds to score every row with float weights (Transform read to the end).</param>
    /// <param name="Int8Seconds">The same with 8-bit weights.</param>
    /// <param name="Rows">Rows scored.</param>
    public sealed record Result(double FloatMetric, double Int8Metric, double FloatSeconds, double Int8Seconds, long Rows)
    {
        /// <summary>Float time ÷ 8-bit time.</summary>
        public double Speedup => FloatSeconds / Int8Seconds;

        /// <summary>One line for the console.</summary>
        public string Describe(string metricName) =>
            $"{metricName} float {FloatMetric:P2}, int8 {Int8Metric:P2} ({(Int8Metric - FloatMetric) * 100:+0.00;-0.00;0.00} points); " +
            $"scoring {Rows:N0} rows: float {FloatSeconds:F2} s, int8 {Int8Seconds:F2} s ({Speedup:F2}× as fast; ONNX Runtime threads: {ThreadsText}).";

        internal string ThreadsText { get; init; } = "its default";
    }

    /// <summary>
    /// Scores <paramref name="features"/> (the rows as the network reads them, cached, with the label) with
    /// <paramref name="network"/> in float and in 8-bit, <paramref name="rounds"/> timed passes each after one untimed pass,
    /// the two taking turns; <paramref name="metric"/> reads the scored view. Leaves the network on float weights.
    /// </summary>
    public static Result Run(RnnTransformer network, IDataView features, Func<IDataView, double> metric, int rounds = 3)
    {
        ArgumentNullException.ThrowIfNull(network);
        var original = network.Quantization;
        try
        {
            var metrics = new double[2];
            var times = new[] { new List<double>(), new List<double>() };
            long rows = 0;
            var precisions = new[] { OnnxQuantization.None, OnnxQuantization.DynamicInt8 };
            for (int round = -1; round < rounds; round++)
            {
                for (int p = 0; p < 2; p++)
                {
                    network.Quantization = precisions[p];
                    var clock = Stopwatch.StartNew();
                    rows = Drain(network.Transform(features), network.ScoreColumnName);
                    double seconds = clock.Elapsed.TotalSeconds;
                    if (round < 0)
                        metrics[p] = metric(network.Transform(features));
                    else
                        times[p].Add(seconds);
                }
            }

            return new Result(metrics[0], metrics[1], Median(times[0]), Median(times[1]), rows)
            {
                ThreadsText = network.IntraOpNumThreads?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "its default",
            };
        }
        finally
        {
            network.Quantization = original;
        }
    }

    private static long Drain(IDataView scored, string column)
    {
        var score = scored.Schema[column];
        using var cursor = scored.GetRowCursor([score]);
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        VBuffer<float> value = default;
        long count = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            count++;
        }

        return count;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
