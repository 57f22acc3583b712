using System.Diagnostics;
using Microsoft.ML;
using Rnn.Benchmarks.Harness;
using Rnn.MLNet;
using Rnn.Onnx;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// Time of one forecast: <c>RnnForecaster.Forecast</c> (history and covariates in, 14 values out) and the exported model in
/// <see cref="RnnOnnxForecaster"/>, on a forecaster shaped like the births example (56-day window, 14-day horizon, 13 covariates);
/// and <c>RnnForecaster.ForecastQuantiles</c> of a forecaster of the same shape trained with the births example's quantiles
/// (0.025, 0.1, 0.5, 0.9, 0.975, conformally calibrated), whose p50 has a target (issue 20).
/// </summary>
internal static class ForecastLatency
{
    private const int Blocks = 10;
    private const int Window = 56;
    private const int Horizon = 14;
    private const int Covariates = 13;
    private const double QuantileTargetMicroseconds = 150;
    private static readonly float[] Levels = [0.025f, 0.1f, 0.5f, 0.9f, 0.975f];

    public static Section Run(BenchSettings settings, BenchProgress progress)
    {
        var step = progress.Begin("Forecast latency", Blocks + 2);
        var ml = new MLContext(seed: 1);
        var rows = Series(2_000);
        RnnForecasterOptions Options(IReadOnlyList<float> quantiles) => new()
        {
            SeriesColumnName = nameof(SeriesRow.Value),
            CovariateColumnNames = [.. Enumerable.Range(0, Covariates).Select(i => $"C{i}")],
            WindowSize = Window,
            Horizon = Horizon,
            Quantiles = quantiles,
            Trainer = new RnnTrainerOptions { HiddenSize = 64, Epochs = 1, BatchSize = 128, Seed = 1, Device = "cpu" },
        };
        using var forecaster = ml.Rnn().Forecaster(Options([])).Fit(ml.Data.LoadFromEnumerable(rows));
        var path = Path.Combine(Path.GetTempPath(), $"rnn-bench-forecaster-{Environment.ProcessId}.onnx");
        forecaster.ExportOnnx(path);
        using var served = new RnnOnnxForecaster(path, new RnnOnnxScorerOptions { IntraOpNumThreads = settings.OrtThreads });
        using var defaults = new RnnOnnxForecaster(path);
        File.Delete(path);
        step.Advance("forecaster trained");
        using var quantileForecaster = ml.Rnn().Forecaster(Options(Levels)).Fit(ml.Data.LoadFromEnumerable(rows));
        step.Advance("quantile forecaster trained");

        // Histories of different days, with their covariates and those of the 14 days forecast.
        var history = rows.Select(r => r.Value).ToArray();
        var covariates = rows.SelectMany(r => r.Covariates()).ToArray();
        var origins = Enumerable.Range(0, 64).Select(i => 500 + 17 * i).ToArray();
        float[] History(int i) => history[..(origins[i % origins.Length] + 1)];
        float[] CovariatesOf(int i) => covariates[..((origins[i % origins.Length] + 1 + Horizon) * Covariates)];
        var inputs = Enumerable.Range(0, origins.Length).Select(i => (History(i), CovariatesOf(i))).ToArray();

        var paths = new (string Name, Action<int> Call)[]
        {
            ("`RnnForecaster.Forecast` (history + covariates of 70 days in, 14 days out)", i => forecaster.Forecast(inputs[i % inputs.Length].Item1, inputs[i % inputs.Length].Item2)),
            ($"`RnnOnnxForecaster.Forecast`, `IntraOpNumThreads = {settings.OrtThreads?.ToString() ?? "null"}`", i => served.Forecast(inputs[i % inputs.Length].Item1, inputs[i % inputs.Length].Item2)),
            ("context: `RnnOnnxForecaster.Forecast`, default options (runtime's thread count)", i => defaults.Forecast(inputs[i % inputs.Length].Item1, inputs[i % inputs.Length].Item2)),
            ($"`RnnForecaster.ForecastQuantiles`, quantiles {string.Join(", ", Levels)} (14 days × 5 quantiles out, calibrated)",
                i => quantileForecaster.ForecastQuantiles(inputs[i % inputs.Length].Item1, inputs[i % inputs.Length].Item2)),
        };
        const int Quantiles = 3;
        int perBlock = Math.Max(1, settings.LatencyCalls / Blocks);
        var sorted = Timing.BlockSamples(Math.Min(200, settings.LatencyCalls), Blocks, perBlock, block => step.Advance($"block {block}/{Blocks}"),
            [.. paths.Select(p => Timing.PerCall(p.Call))]);
        double P(int path, double pct) => Timing.Percentile(sorted[path], pct);
        var section = new Section(
            "Forecast latency",
            $"One forecast of {Horizon} steps from a {Window}-step window with {Covariates} covariates per step (LSTM 64, the births example's shape: " +
            $"{Window + Horizon} network steps); {perBlock * Blocks:N0} calls per path, each timed alone, the paths taking turns in {Blocks} blocks after 200 warm-up calls each. " +
            "Each call hands over the whole history so far; the level handling and standardisation run inside the ONNX graph.",
            "path", "p50", "p99", "p50 ÷ RnnOnnxForecaster p50");
        for (int p = 0; p < paths.Length; p++)
            section.Row(paths[p].Name, Format.Us(P(p, 50)), Format.Us(P(p, 99)), Format.Ratio(P(p, 50) / P(1, 50)));
        section.Targets.Add(Target.AtMost("Latency: one Forecast with quantiles p50 (`RnnForecaster.ForecastQuantiles`, 5 quantiles × 14 steps)", P(Quantiles, 50) * 1e6, QuantileTargetMicroseconds, " µs", "F0"));
        section.Notes.Add($"One forecast (p50) takes {Format.Us(P(0, 50))} through RnnForecaster and {Format.Us(P(1, 50))} through the exported model alone.");
        section.Notes.Add($"With quantiles, one forecast (p50) takes {Format.Us(P(Quantiles, 50))} ({Format.Ratio(P(Quantiles, 50) / P(0, 50))} the point forecast's; p99 {Format.Us(P(Quantiles, 99))}), " +
            $"{(P(Quantiles, 50) * 1e6 <= QuantileTargetMicroseconds ? "within" : "over")} the {QuantileTargetMicroseconds:F0} µs target.");
        step.Done($"forecast p50 {Format.Us(P(0, 50))}");
        return section;
    }

    private static SeriesRow[] Series(int length)
    {
        var random = new Random(3);
        return [.. Enumerable.Range(0, length).Select(t => new SeriesRow
        {
            Value = 100 + 10 * MathF.Sin(2 * MathF.PI * t / 7) + (float)random.NextDouble(),
            C0 = t % 7, C1 = t % 30, C2 = t % 365, C3 = random.Next(2), C4 = random.Next(2), C5 = random.Next(2), C6 = random.Next(2),
            C7 = random.Next(2), C8 = random.Next(2), C9 = random.Next(2), C10 = random.Next(2), C11 = random.Next(2), C12 = random.Next(2),
        })];
    }

    private sealed class SeriesRow
    {
        public float Value { get; set; }

        public float C0 { get; set; }

        public float C1 { get; set; }

        public float C2 { get; set; }

        public float C3 { get; set; }

        public float C4 { get; set; }

        public float C5 { get; set; }

        public float C6 { get; set; }

        public float C7 { get; set; }

        public float C8 { get; set; }

        public float C9 { get; set; }

        public float C10 { get; set; }

        public float C11 { get; set; }

        public float C12 { get; set; }

        public float[] Covariates() => [C0, C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12];
    }
}
