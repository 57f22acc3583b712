namespace Rnn.MLNet;

/// <summary>Forecasts many windows through an <see cref="RnnOnnxForecaster"/> in batches: point forecasts and, for a probabilistic one, quantiles.</summary>
internal static class ForecastBatches
{
    private const int BatchSize = 256;

    /// <summary>Forecasts from every origin; series indexes are the origins' own (their position in the panel) when <paramref name="indexed"/>.</summary>
    public static (float[] Points, float[] Quantiles) Run(RnnOnnxForecaster scorer, ForecastData data, IReadOnlyList<ForecastOrigin> origins, ForecastWindow window, bool indexed) =>
        Run(scorer, data, origins, window, indexed ? origins.Select(o => (long)o.Series).ToArray() : null);

    /// <summary>Forecasts from every origin with the given series index per origin (null for a one-series forecaster).</summary>
    public static (float[] Points, float[] Quantiles) Run(RnnOnnxForecaster scorer, ForecastData data, IReadOnlyList<ForecastOrigin> origins, ForecastWindow window, long[]? indexes)
    {
        int w = window.WindowSize, h = window.Horizon, c = data.CovariateCount, steps = w + h, q = scorer.QuantileLevels.Count;
        var points = new float[origins.Count * h];
        var quantiles = new float[origins.Count * h * q];
        var windows = new float[BatchSize * w];
        var covariates = new float[BatchSize * steps * c];
        for (int start = 0; start < origins.Count; start += BatchSize)
        {
            int count = Math.Min(BatchSize, origins.Count - start);
            for (int i = 0; i < count; i++)
            {
                var origin = origins[start + i];
                var series = data.Series[origin.Series];
                int first = origin.Step - w + 1;
                series.Values.AsSpan(first, w).CopyTo(windows.AsSpan(i * w));
                if (c > 0)
                    series.CovariatesOf(first, steps).CopyTo(covariates.AsSpan(i * steps * c));
            }

            scorer.ForecastBatch(windows.AsSpan(0, count * w), covariates.AsSpan(0, count * steps * c), indexes is null ? [] : indexes.AsSpan(start, count), count,
                points.AsSpan(start * h, count * h), q == 0 ? [] : quantiles.AsSpan(start * h * q, count * h * q));
        }

        return (points, quantiles);
    }
}
