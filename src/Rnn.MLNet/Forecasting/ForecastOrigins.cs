namespace Rnn.MLNet;

/// <summary>
/// Which windows of a series can be used: an origin o is the last step a window reads; the window covers steps
/// o − W + 1 .. o and its targets o + 1 .. o + H. Windows that touch a gap (a NaN value or covariate) are left out.
/// </summary>
internal static class ForecastOrigins
{
    /// <summary>Origins whose window starts at or after <paramref name="firstStep"/> and whose targets end at or before <paramref name="lastStep"/>, gaps left out.</summary>
    public static int[] Between(ForecastSeries series, int windowSize, int horizon, int firstStep, int lastStep)
    {
        // Prefix counts of incomplete rows, so each window is checked in O(1).
        var gaps = new int[series.Length + 1];
        for (int i = 0; i < series.Length; i++)
            gaps[i + 1] = gaps[i] + (series.IsComplete(i) ? 0 : 1);

        var origins = new List<int>();
        for (int o = firstStep + windowSize - 1; o + horizon <= lastStep; o++)
        {
            if (gaps[o + horizon + 1] - gaps[o - windowSize + 1] == 0)
                origins.Add(o);
        }

        return [.. origins];
    }

    /// <summary>Origins whose targets all lie in the last <paramref name="tailSteps"/> steps of the series, gaps left out: a held-out tail's windows (calibration, evaluation).</summary>
    public static IEnumerable<int> InTail(ForecastSeries series, int windowSize, int horizon, int tailSteps) =>
        Between(series, windowSize, horizon, 0, series.Length - 1).Where(origin => origin >= series.Length - 1 - tailSteps);
}

/// <summary>One window of one series: series <see cref="Series"/> of a <see cref="ForecastData"/>, last step read <see cref="Step"/>.</summary>
internal readonly record struct ForecastOrigin(int Series, int Step)
{
    /// <summary>The window's values divided by the series' scale, into <paramref name="window"/>.</summary>
    public void ScaledWindow(ForecastSeries series, float scale, int windowSize, Span<float> window)
    {
        var values = series.Values.AsSpan(Step - windowSize + 1, windowSize);
        for (int t = 0; t < windowSize; t++)
            window[t] = values[t] / scale;
    }
}
