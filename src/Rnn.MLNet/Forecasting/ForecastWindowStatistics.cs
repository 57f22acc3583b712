namespace Rnn.MLNet;

/// <summary>
/// Builds a series' <see cref="ForecastWindow"/>: the mean and spread of the level-adjusted inputs over the training windows,
/// and of every covariate over the series, so the network reads values of comparable size whatever the series' units.
/// </summary>
internal static class ForecastWindowStatistics
{
    public static ForecastWindow Measure(ForecastSeries series, RnnForecasterOptions options, int[] trainingOrigins)
    {
        int w = options.WindowSize, c = series.CovariateCount;
        var unscaled = new ForecastWindow(w, options.Horizon, options.Level, 0f, 1f, series.CovariateColumns, new float[c], Ones(c), options.StepsPerNetworkStep, options.SeasonLength);
        var values = new RunningMoments(1);
        foreach (int origin in trainingOrigins)
        {
            var window = series.Values.AsSpan(origin - w + 1, w);
            float level = WindowLevel.Checked(unscaled, window, series.SeriesColumn, origin);
            for (int t = 0; t < w; t++)
                values.Add(0, unscaled.InputValue(window, t, level));
        }

        var covariates = new RunningMoments(c);
        for (int row = 0; row < series.Length && c > 0; row++)
        {
            if (!series.IsComplete(row))
                continue;
            var step = series.CovariatesOf(row, 1);
            for (int k = 0; k < c; k++)
                covariates.Add(k, step[k]);
        }

        return new ForecastWindow(w, options.Horizon, options.Level, values.Mean(0), values.Scale(0),
            series.CovariateColumns, covariates.Means(), covariates.Scales(), options.StepsPerNetworkStep, options.SeasonLength);
    }

    private static float[] Ones(int count) => [.. Enumerable.Repeat(1f, count)];
}
