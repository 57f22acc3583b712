namespace Rnn.MLNet;

/// <summary>
/// A rolling-origin evaluation over held-out tails (<see cref="RnnForecaster.Evaluate"/>): one forecast from every origin of
/// every series whose horizon lies in its tail, made from the real history up to it, next to what followed, and their
/// metrics, pooled and per series; for a probabilistic forecaster also every interval's coverage and width and the
/// weighted quantile loss.
/// </summary>
public sealed class RnnForecastEvaluation
{
    private RnnForecastEvaluation(
        int[] origins, string[] seriesIds, float[][] forecasts, float[][] actuals, float[][] quantiles, ForecastMetrics metrics,
        IReadOnlyDictionary<string, ForecastMetrics> perSeries, IReadOnlyList<ForecastIntervalMetrics> intervals, double? weightedQuantileLoss, IReadOnlyList<float> levels)
    {
        Origins = origins;
        SeriesIds = seriesIds;
        Forecasts = forecasts;
        Actuals = actuals;
        QuantileForecasts = quantiles;
        Metrics = metrics;
        PerSeries = perSeries;
        Intervals = intervals;
        WeightedQuantileLoss = weightedQuantileLoss;
        QuantileLevels = levels;
    }

    /// <summary>Per forecast, the step (0-based, of its series) of the last value it read.</summary>
    public IReadOnlyList<int> Origins { get; }

    /// <summary>Per forecast, its series' id ("" for a one-series view).</summary>
    public IReadOnlyList<string> SeriesIds { get; }

    /// <summary>Per forecast, the next Horizon values (the median of a probabilistic forecaster).</summary>
    public IReadOnlyList<float[]> Forecasts { get; }

    /// <summary>Per forecast, the values that followed.</summary>
    public IReadOnlyList<float[]> Actuals { get; }

    /// <summary>Per forecast, its quantiles [Horizon × levels] step-major (empty arrays for point forecasts).</summary>
    public IReadOnlyList<float[]> QuantileForecasts { get; }

    /// <summary>The quantile levels of <see cref="QuantileForecasts"/> (empty for point forecasts).</summary>
    public IReadOnlyList<float> QuantileLevels { get; }

    /// <summary>MAE, RMSE and sMAPE over every forecast of every series, per horizon step and overall; MASE as the mean of the series' MASE.</summary>
    public ForecastMetrics Metrics { get; }

    /// <summary>The metrics of each series alone, by id.</summary>
    public IReadOnlyDictionary<string, ForecastMetrics> PerSeries { get; }

    /// <summary>Per interval the quantiles give (narrowest first): its coverage over every forecast and step, per step, and its mean width.</summary>
    public IReadOnlyList<ForecastIntervalMetrics> Intervals { get; }

    /// <summary>
    /// Weighted quantile loss as GluonTS and DeepAR report it: per level τ, 2 Σ pinball_τ(y, q_τ) / Σ |y| over every forecast
    /// and step, averaged over the levels; null for point forecasts.
    /// </summary>
    public double? WeightedQuantileLoss { get; }

    internal static RnnForecastEvaluation Create(
        ForecastData data, IReadOnlyList<ForecastOrigin> origins, float[] points, float[] quantiles, ForecastQuantiles? levels, int horizon, int testSteps, int seasonality)
    {
        int n = origins.Count, q = levels?.Count ?? 0;
        var scales = data.Series.ToDictionary(s => s.Id, s => NaiveScale(s.Values, s.Length - testSteps, seasonality), StringComparer.Ordinal);
        return FromForecasts(
            [.. origins.Select(o => data.Series[o.Series].Id)], [.. origins.Select(o => o.Step)],
            [.. Enumerable.Range(0, n).Select(i => points.AsSpan(i * horizon, horizon).ToArray())],
            [.. origins.Select(o => data.Series[o.Series].Values.AsSpan(o.Step + 1, horizon).ToArray())],
            scales, levels?.Levels, q == 0 ? null : [.. Enumerable.Range(0, n).Select(i => quantiles.AsSpan(i * horizon * q, horizon * q).ToArray())]);
    }

    /// <summary>
    /// Scores forecasts made by any method, as <see cref="RnnForecaster.Evaluate"/> scores its own, so baselines are judged
    /// with the same metrics: MAE, RMSE, sMAPE and MASE per step and overall, pooled and per series, and with quantiles the
    /// coverage and width of each interval and the weighted quantile loss.
    /// </summary>
    /// <param name="seriesIds">Per forecast, its series' id ("" for one series).</param>
    /// <param name="origins">Per forecast, the step of the last value it read.</param>
    /// <param name="forecasts">Per forecast, its Horizon point values.</param>
    /// <param name="actuals">Per forecast, the Horizon values that followed.</param>
    /// <param name="naiveScales">Per series id, the MASE scale (e.g. <see cref="NaiveScale"/> of its history); a missing or NaN scale leaves that series' MASE NaN.</param>
    /// <param name="quantileLevels">The levels of <paramref name="quantileForecasts"/> (increasing, symmetric around 0.5, with 0.5), or null.</param>
    /// <param name="quantileForecasts">Per forecast, [Horizon × levels] step-major quantiles, or null.</param>
    /// <exception cref="ArgumentException">The lists differ in length, a forecast has another horizon, a value is not finite, or the levels are unfit.</exception>
    public static RnnForecastEvaluation FromForecasts(
        IReadOnlyList<string> seriesIds, IReadOnlyList<int> origins, IReadOnlyList<float[]> forecasts, IReadOnlyList<float[]> actuals,
        IReadOnlyDictionary<string, double> naiveScales, IReadOnlyList<float>? quantileLevels = null, IReadOnlyList<float[]>? quantileForecasts = null)
    {
        ArgumentNullException.ThrowIfNull(seriesIds);
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(actuals);
        ArgumentNullException.ThrowIfNull(naiveScales);
        int n = forecasts.Count;
        if (seriesIds.Count != n || origins.Count != n || actuals.Count != n || (quantileForecasts is not null && quantileForecasts.Count != n))
            throw new ArgumentException($"{n} forecasts, {actuals.Count} actuals, {seriesIds.Count} series ids, {origins.Count} origins and {quantileForecasts?.Count} quantile forecasts; expected one of each per forecast.");
        if ((quantileLevels is null) != (quantileForecasts is null))
            throw new ArgumentException("Quantile levels and quantile forecasts go together: give both or neither.");
        int horizon = n == 0 ? 0 : forecasts[0]?.Length ?? 0;
        var levels = quantileLevels is null ? null : new ForecastQuantiles(quantileLevels, Math.Max(1, horizon));
        int q = levels?.Count ?? 0;
        for (int i = 0; quantileForecasts is not null && i < n; i++)
        {
            if (quantileForecasts[i] is null || quantileForecasts[i].Length != horizon * q)
                throw new ArgumentException($"Quantile forecast {i} has {quantileForecasts[i]?.Length ?? 0} values; expected Horizon × levels = {horizon} × {q}.", nameof(quantileForecasts));
        }

        var perSeries = new Dictionary<string, ForecastMetrics>(StringComparer.Ordinal);
        foreach (var group in Enumerable.Range(0, n).GroupBy(i => seriesIds[i], StringComparer.Ordinal))
        {
            var indexes = group.ToArray();
            perSeries[group.Key] = ForecastEvaluator.Evaluate([.. indexes.Select(i => forecasts[i])], [.. indexes.Select(i => actuals[i])],
                naiveScales.TryGetValue(group.Key, out var scale) ? scale : double.NaN);
        }

        var pooled = ForecastEvaluator.Evaluate(forecasts, actuals, double.NaN).WithScaledErrors(perSeries.Values);
        float[][] quantilesPerForecast = quantileForecasts is null ? [.. Enumerable.Range(0, n).Select(_ => Array.Empty<float>())] : [.. quantileForecasts];
        float[][] actualValues = [.. actuals];
        var intervals = levels is null ? [] : Enumerable.Range(0, levels.MedianIndex).Reverse().Select(p => Interval(levels, p, quantilesPerForecast, actualValues, horizon)).ToArray();
        double? loss = levels is null ? null : QuantileLoss(levels, quantilesPerForecast, actualValues, horizon);
        return new RnnForecastEvaluation([.. origins], [.. seriesIds], [.. forecasts], actualValues, quantilesPerForecast, pooled, perSeries, intervals, loss, levels?.Levels ?? []);
    }

    /// <summary>
    /// MASE's scale for a series: the mean absolute change over <paramref name="seasonality"/> steps (the in-sample
    /// seasonal-naive error) of its first <paramref name="count"/> values, NaN values left out; NaN when there is none or it is 0.
    /// </summary>
    public static double NaiveScale(IReadOnlyList<float> values, int count, int seasonality)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonality, 1);
        int end = Math.Min(count, values.Count);
        double sum = 0;
        int pairs = 0;
        for (int t = seasonality; t < end; t++)
        {
            double change = values[t] - values[t - seasonality];
            if (double.IsNaN(change))
                continue;
            sum += Math.Abs(change);
            pairs++;
        }

        return pairs == 0 || sum == 0 ? double.NaN : sum / pairs;
    }

    private static ForecastIntervalMetrics Interval(ForecastQuantiles levels, int pair, float[][] quantiles, float[][] actuals, int horizon)
    {
        int q = levels.Count, lowerIndex = pair, upperIndex = q - 1 - pair;
        var covered = new int[horizon];
        double width = 0;
        for (int i = 0; i < actuals.Length; i++)
        {
            for (int h = 0; h < horizon; h++)
            {
                float lower = quantiles[i][h * q + lowerIndex], upper = quantiles[i][h * q + upperIndex], y = actuals[i][h];
                if (y >= lower && y <= upper)
                    covered[h]++;
                width += upper - lower;
            }
        }

        int n = actuals.Length;
        return new ForecastIntervalMetrics(
            levels.Levels[upperIndex] - levels.Levels[lowerIndex], levels.Levels[lowerIndex], levels.Levels[upperIndex],
            covered.Sum() / (double)(n * horizon), [.. covered.Select(c => c / (double)n)], width / (n * horizon));
    }

    private static double QuantileLoss(ForecastQuantiles levels, float[][] quantiles, float[][] actuals, int horizon)
    {
        int q = levels.Count;
        double absolute = actuals.Sum(a => a.Sum(v => Math.Abs((double)v)));
        double total = 0;
        for (int j = 0; j < q; j++)
        {
            double tau = levels.Levels[j], pinball = 0;
            for (int i = 0; i < actuals.Length; i++)
            {
                for (int h = 0; h < horizon; h++)
                {
                    double error = actuals[i][h] - quantiles[i][h * q + j];
                    pinball += Math.Max(tau * error, (tau - 1) * error);
                }
            }

            total += absolute == 0 ? double.NaN : 2 * pinball / absolute;
        }

        return total / q;
    }
}

/// <summary>How one prediction interval fared: the share of actual values inside it, and its mean width.</summary>
/// <param name="Coverage">The interval's stated coverage, e.g. 0.8.</param>
/// <param name="LowerLevel">Its lower quantile level, e.g. 0.1.</param>
/// <param name="UpperLevel">Its upper quantile level, e.g. 0.9.</param>
/// <param name="Observed">Share of every forecast's steps whose actual value fell inside (ends included).</param>
/// <param name="ObservedPerStep">The same per horizon step, step 1 first.</param>
/// <param name="MeanWidth">Mean of upper − lower, in the series' units.</param>
public sealed record ForecastIntervalMetrics(float Coverage, float LowerLevel, float UpperLevel, double Observed, IReadOnlyList<double> ObservedPerStep, double MeanWidth);
