namespace Rnn.MLNet;

/// <summary>Computes <see cref="ForecastMetrics"/> from forecasts and the values that followed, each origin × horizon.</summary>
internal static class ForecastEvaluator
{
    public static ForecastMetrics Evaluate(IReadOnlyList<float[]> forecasts, IReadOnlyList<float[]> actuals) => Evaluate(forecasts, actuals, double.NaN);

    /// <summary>As <see cref="Evaluate(IReadOnlyList{float[]}, IReadOnlyList{float[]})"/>, with MASE: the errors divided by <paramref name="naiveScale"/> (NaN leaves MASE out).</summary>
    public static ForecastMetrics Evaluate(IReadOnlyList<float[]> forecasts, IReadOnlyList<float[]> actuals, double naiveScale)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(actuals);
        if (forecasts.Count != actuals.Count)
            throw new ArgumentException($"{forecasts.Count} forecasts but {actuals.Count} actual series; expected one of each per origin.", nameof(actuals));
        if (forecasts.Count == 0)
            throw new ArgumentException("No forecasts to evaluate; expected at least one origin.", nameof(forecasts));
        int horizon = forecasts[0]?.Length ?? 0;
        if (horizon == 0)
            throw new ArgumentException("Forecast 0 is null or empty; expected the horizon's values.", nameof(forecasts));

        var absolute = new double[horizon];
        var squared = new double[horizon];
        var symmetric = new double[horizon];
        for (int o = 0; o < forecasts.Count; o++)
        {
            var forecast = forecasts[o];
            var actual = actuals[o];
            if (forecast is null || actual is null || forecast.Length != horizon || actual.Length != horizon)
                throw new ArgumentException($"Origin {o}: {forecast?.Length ?? 0} forecast and {actual?.Length ?? 0} actual values; expected {horizon} of each.");
            for (int h = 0; h < horizon; h++)
            {
                if (!float.IsFinite(forecast[h]) || !float.IsFinite(actual[h]))
                    throw new ArgumentException($"Origin {o}, step {h + 1}: forecast {forecast[h]} against actual {actual[h]}; expected finite numbers.");
                double error = forecast[h] - actual[h];
                absolute[h] += Math.Abs(error);
                squared[h] += error * error;
                double scale = Math.Abs(forecast[h]) + Math.Abs(actual[h]);
                symmetric[h] += scale == 0 ? 0 : 200 * Math.Abs(error) / scale;
            }
        }

        int n = forecasts.Count;
        var steps = Enumerable.Range(0, horizon)
            .Select(h => new ForecastStepMetrics(h + 1, absolute[h] / n, Math.Sqrt(squared[h] / n), symmetric[h] / n) { MeanAbsoluteScaledError = absolute[h] / n / naiveScale })
            .ToArray();
        return new ForecastMetrics(n, steps, absolute.Sum() / (n * horizon), Math.Sqrt(squared.Sum() / (n * horizon)), symmetric.Sum() / (n * horizon))
        {
            MeanAbsoluteScaledError = absolute.Sum() / (n * horizon) / naiveScale,
        };
    }
}
