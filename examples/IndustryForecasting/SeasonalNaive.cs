namespace IndustryForecasting;

/// <summary>
/// Seasonal naive per series: each month ahead repeats the same calendar month a season earlier. Its intervals come from its
/// own in-sample errors: the quantiles of y[t] − y[t − season] over the months before the test tail, added to the forecast.
/// </summary>
internal sealed class SeasonalNaive(int season, IReadOnlyList<float> levels)
{
    /// <summary>Point forecasts and [horizon × levels] quantiles from <paramref name="origin"/> of <paramref name="values"/>.</summary>
    /// <param name="values">The series.</param>
    /// <param name="origin">The last month read.</param>
    /// <param name="horizon">Months ahead.</param>
    /// <param name="history">Months before the test tail, whose errors set the intervals.</param>
    public (float[] Point, float[] Quantiles) Forecast(float[] values, int origin, int horizon, int history)
    {
        var errors = Enumerable.Range(season, history - season).Select(t => values[t] - values[t - season]).Order().ToArray();
        var point = new float[horizon];
        var quantiles = new float[horizon * levels.Count];
        for (int h = 1; h <= horizon; h++)
        {
            float forecast = values[origin + h - season * ((h - 1) / season + 1)];
            point[h - 1] = forecast;
            for (int q = 0; q < levels.Count; q++)
                quantiles[(h - 1) * levels.Count + q] = levels[q] == 0.5f ? forecast : forecast + Empirical.Quantile(errors, levels[q]);
        }

        return (point, quantiles);
    }
}

/// <summary>Empirical quantiles of sorted values (linear interpolation between order statistics).</summary>
internal static class Empirical
{
    public static float Quantile(float[] sorted, float level)
    {
        if (sorted.Length == 0)
            return 0;
        double position = level * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return (float)(sorted[below] + (position - below) * (sorted[above] - sorted[below]));
    }
}
