namespace Rnn.MLNet;

/// <summary>
/// Builds a forecaster's <see cref="ForecastWindow"/>: the mean and spread of the level-adjusted inputs over the training
/// windows (each series divided by its scale first), and of every covariate over the series, so the network reads values of
/// comparable size whatever the series' units.
/// </summary>
internal static class ForecastWindowStatistics
{
    public static ForecastWindow Measure(ForecastData data, RnnForecasterOptions options, IReadOnlyList<ForecastOrigin> training, float[] scales)
    {
        int w = options.WindowSize, c = data.CovariateCount, s = data.StaticColumns.Count;
        var unscaled = new ForecastWindow(w, options.Horizon, options.Level, 0f, 1f, data.CovariateColumns, new float[c], Ones(c), options.StepsPerNetworkStep,
            options.SeasonLength, s);
        var values = new RunningMoments(1);
        var window = new float[w];
        foreach (var origin in training)
        {
            var series = data.Series[origin.Series];
            origin.ScaledWindow(series, scales[origin.Series], w, window);
            float level = WindowLevel.Checked(unscaled, window, series, origin.Step);
            for (int t = 0; t < w; t++)
                values.Add(0, unscaled.InputValue(window, t, level));
        }

        var covariates = new RunningMoments(c);
        foreach (var series in data.Series)
        {
            for (int row = 0; row < series.Length && c > 0; row++)
            {
                if (!series.IsComplete(row))
                    continue;
                var step = series.CovariatesOf(row, 1);
                for (int k = 0; k < c; k++)
                    covariates.Add(k, step[k]);
            }
        }

        return new ForecastWindow(w, options.Horizon, options.Level, values.Mean(0), values.Scale(0),
            data.CovariateColumns, covariates.Means(), covariates.Scales(), options.StepsPerNetworkStep, options.SeasonLength, s);
    }

    private static float[] Ones(int count) => [.. Enumerable.Repeat(1f, count)];
}
