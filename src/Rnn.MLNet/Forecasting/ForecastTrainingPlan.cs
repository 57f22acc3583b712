using Microsoft.ML.Runtime;

namespace Rnn.MLNet;

/// <summary>
/// Which windows of every series train, validate and calibrate a forecaster, and each series' scale. Per series, from the
/// end: the calibration tail (quantile forecasters), before it the validation tail, and before those the training part;
/// a window belongs to a part when its targets lie in it. Windows never cross from one series into another.
/// </summary>
internal sealed class ForecastTrainingPlan
{
    private ForecastTrainingPlan(List<ForecastOrigin> training, List<ForecastOrigin> validation, List<ForecastOrigin> calibration, float[] scales, int skipped, int calibrationSteps)
    {
        Training = training;
        Validation = validation;
        Calibration = calibration;
        Scales = scales;
        Skipped = skipped;
        CalibrationSteps = calibrationSteps;
    }

    public IReadOnlyList<ForecastOrigin> Training { get; }

    public IReadOnlyList<ForecastOrigin> Validation { get; }

    public IReadOnlyList<ForecastOrigin> Calibration { get; }

    /// <summary>Per series, the scale its values are divided by (1 without series scaling).</summary>
    public float[] Scales { get; }

    /// <summary>Series left out of training for being too short.</summary>
    public int Skipped { get; }

    /// <summary>The calibration tail of the longest series (0 without calibration).</summary>
    public int CalibrationSteps { get; }

    public static ForecastTrainingPlan Make(ForecastData data, RnnForecasterOptions o, bool calibrate, IHost host)
    {
        int w = o.WindowSize, h = o.Horizon, v = o.ValidationSteps;
        if (v > 0 && v < h)
            throw OptionChecks.Bad(nameof(RnnForecasterOptions), nameof(RnnForecasterOptions.ValidationSteps), v,
                $"0 or at least Horizon ({h}), so that one window's targets fit in the held-out steps");
        if (calibrate && o.CalibrationSteps > 0 && o.CalibrationSteps < h)
            throw OptionChecks.Bad(nameof(RnnForecasterOptions), nameof(RnnForecasterOptions.CalibrationSteps), o.CalibrationSteps,
                $"0 (automatic) or at least Horizon ({h}), so that one window's targets fit in the calibration tail");

        bool many = o.SeriesIdColumnName is not null;
        var training = new List<ForecastOrigin>();
        var validation = new List<ForecastOrigin>();
        var calibration = new List<ForecastOrigin>();
        var scales = new float[data.Series.Count];
        int skipped = 0, longestTail = 0;
        for (int k = 0; k < data.Series.Count; k++)
        {
            var series = data.Series[k];
            int n = series.Length;
            int c = !calibrate ? 0 : o.CalibrationSteps > 0 ? o.CalibrationSteps : Math.Max(2 * h, n / 10);
            int needed = w + h + v + c;
            scales[k] = o.ScalesSeries ? series.MeanAbsolute(Math.Max(1, n - v - c)) : 1f;
            if (n < needed)
            {
                string why = $"{series.Describe()} has {n} rows; WindowSize ({w}) + Horizon ({h})" +
                    (v > 0 ? $" + ValidationSteps ({v})" : "") + (c > 0 ? $" + calibration steps ({c})" : "") +
                    $" = {needed} are needed for one training window.";
                if (!many)
                    throw new ArgumentOutOfRangeException("input", $"The {why} Use a smaller window or horizon, or a longer series.");
                if (o.ShortSeries == RnnShortSeries.Refuse)
                    throw new ArgumentOutOfRangeException("input", $"The {why} Leave it out, or set ShortSeries = Skip to train without it.");
                skipped++;
                continue;
            }

            longestTail = Math.Max(longestTail, c);
            int lastTraining = n - 1 - v - c;
            training.AddRange(ForecastOrigins.Between(series, w, h, 0, lastTraining).Select(step => new ForecastOrigin(k, step)));
            if (v > 0)
                validation.AddRange(ForecastOrigins.Between(series, w, h, 0, n - 1 - c).Where(step => step > lastTraining - 1).Select(step => new ForecastOrigin(k, step)));
            if (c > 0)
                calibration.AddRange(ForecastOrigins.InTail(series, w, h, c).Select(step => new ForecastOrigin(k, step)));
        }

        string of = many ? $"the {data.Series.Count - skipped} series of column '{o.SeriesColumnName}'" : $"column '{o.SeriesColumnName}'";
        if (data.Series.Count == skipped)
            throw new ArgumentOutOfRangeException("input",
                $"Every one of the {data.Series.Count} series is shorter than WindowSize ({w}) + Horizon ({h}){(v > 0 ? " + ValidationSteps" : "")}{(calibrate ? " + its calibration tail" : "")}; none can train.");
        if (training.Count == 0)
            throw new InvalidOperationException($"Every training window of {of} touches a gap (NaN); no window is complete.");
        if (v > 0 && validation.Count == 0)
            throw new InvalidOperationException($"Every validation window (the last {v} steps) of {of} touches a gap (NaN).");
        if (calibrate && calibration.Count == 0)
            throw new InvalidOperationException($"Every calibration window (the tail of each series) of {of} touches a gap (NaN); set Calibrate = false or fill the gaps.");
        if (skipped > 0)
        {
            using var channel = host.Start("Fit");
            channel.Warning(MessageSensitivity.None,
                $"{skipped} of {data.Series.Count} series are shorter than one training window ({w + h + v} steps{(calibrate ? " plus a calibration tail" : "")}) and were left out of training (ShortSeries = Skip); they can still be forecast.");
        }

        return new ForecastTrainingPlan(training, validation, calibration, scales, skipped, longestTail);
    }

    /// <summary>The log line about the plan.</summary>
    public string Describe(ForecastData data, RnnForecasterOptions o, ForecastWindow window) =>
        $"Forecaster: {data.Series.Count} series{(Skipped > 0 ? $" ({Skipped} too short, left out)" : "")}, {data.Series.Sum(s => s.Length)} steps, " +
        $"{Training.Count} training windows, {Validation.Count} validation windows{(Calibration.Count > 0 ? $", {Calibration.Count} calibration windows" : "")}; " +
        $"window {o.WindowSize}, horizon {o.Horizon}, level {o.Level}, {data.CovariateCount} covariate(s), {data.StaticColumns.Count} static covariate(s)" +
        $"{(o.ScalesSeries ? ", each series divided by its mean absolute value" : "")}; network input {window.NetworkSteps} steps × {window.NetworkInputSize}" +
        $"{(o.QuantileLevels.Count > 0 ? $", quantiles {string.Join(", ", o.QuantileLevels)}" : "")}.";
}
