using System.Globalization;

namespace Rnn.MLNet;

/// <summary>
/// Conformalized quantile regression per horizon step: on held-out windows, how far each interval's bounds had to move
/// for the interval to cover its level, as the finite-sample quantile of the windows' conformity scores
/// max(lower − y, y − upper), measured in the units the graph adjusts in (the series' scale, times the window's level for
/// ratio level handling) so series of any size weigh alike. The forecaster then adds the amount outward (or, when the
/// network was over-wide, inward) to every forecast's bounds.
/// </summary>
internal static class ConformalCalibration
{
    /// <param name="networks">The trained networks.</param>
    /// <param name="window">The window layout.</param>
    /// <param name="panel">The series table, or null for one series.</param>
    /// <param name="quantiles">The levels, without adjustments: the ones measured here replace them.</param>
    /// <param name="data">The series the windows come from.</param>
    /// <param name="origins">The held-out windows.</param>
    /// <param name="indexes">Per origin, its series' index in <paramref name="panel"/>; null for one series.</param>
    /// <param name="scales">Per series of <paramref name="data"/>, the scale its values are divided by.</param>
    public static ForecastQuantiles Calibrate(
        IReadOnlyList<RecurrentNetworkDescription> networks, ForecastWindow window, ForecastPanel? panel, ForecastQuantiles quantiles,
        ForecastData data, IReadOnlyList<ForecastOrigin> origins, long[]? indexes, float[] scales)
    {
        int h = quantiles.Horizon, q = quantiles.Count, w = window.WindowSize;
        using var scorer = RnnOnnxForecaster.FromBytes(RnnOnnxForecastExporter.ToBytes(networks, window, panel, quantiles));
        var predicted = ForecastBatches.Run(scorer, data, origins, window, indexes);
        // Conformity scores per step and interval, in adjusted units.
        var scores = new List<double>[h, quantiles.MedianIndex];
        for (int s = 0; s < h; s++)
        {
            for (int p = 0; p < quantiles.MedianIndex; p++)
                scores[s, p] = new List<double>(origins.Count);
        }

        var scaled = new float[w];
        for (int i = 0; i < origins.Count; i++)
        {
            var origin = origins[i];
            var series = data.Series[origin.Series];
            origin.ScaledWindow(series, scales[origin.Series], w, scaled);
            double unit = scales[origin.Series] * (window.Level == RnnForecastLevel.WindowMeanRatio ? window.LevelOf(scaled) : 1f);
            for (int s = 0; s < h; s++)
            {
                double actual = series.Values[origin.Step + 1 + s];
                for (int p = 0; p < quantiles.MedianIndex; p++)
                {
                    double lower = predicted.Quantiles[(i * h + s) * q + p], upper = predicted.Quantiles[(i * h + s) * q + q - 1 - p];
                    scores[s, p].Add(Math.Max(lower - actual, actual - upper) / unit);
                }
            }
        }

        var adjustments = new float[h * q];
        for (int s = 0; s < h; s++)
        {
            for (int p = 0; p < quantiles.MedianIndex; p++)
            {
                float coverage = quantiles.Levels[q - 1 - p] - quantiles.Levels[p];
                float amount = (float)Quantile(scores[s, p], coverage);
                adjustments[s * q + p] = -amount;
                adjustments[s * q + q - 1 - p] = amount;
            }
        }

        return quantiles.WithAdjustments(adjustments);
    }

    /// <summary>The ⌈(n + 1) · coverage⌉-th smallest score (the largest when that exceeds n): split conformal's finite-sample quantile.</summary>
    public static double Quantile(List<double> scores, float coverage)
    {
        scores.Sort();
        int n = scores.Count;
        int rank = (int)Math.Ceiling((n + 1) * (double)coverage);
        return scores[Math.Clamp(rank, 1, n) - 1];
    }

    /// <summary>The log line about the calibration.</summary>
    public static string Describe(ForecastQuantiles quantiles, int windows)
    {
        var a = quantiles.Adjustments.ToArray();
        int q = quantiles.Count;
        var inv = CultureInfo.InvariantCulture;
        var perInterval = Enumerable.Range(0, quantiles.MedianIndex).Select(p =>
        {
            var amounts = Enumerable.Range(0, quantiles.Horizon).Select(s => a[s * q + q - 1 - p]).ToArray();
            return $"{(quantiles.Levels[q - 1 - p] - quantiles.Levels[p]).ToString("P0", inv)} interval: {amounts.Min().ToString("G3", inv)} to {amounts.Max().ToString("G3", inv)}";
        });
        return $"Conformal calibration on {windows} held-out windows; adjustment per side in scaled units, over the horizon steps: {string.Join("; ", perInterval)}.";
    }
}
