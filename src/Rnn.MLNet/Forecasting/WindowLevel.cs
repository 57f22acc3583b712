using System.Globalization;

namespace Rnn.MLNet;

/// <summary>A window's level, refused where the level handling cannot use it (a ratio to a mean that is not positive).</summary>
internal static class WindowLevel
{
    public static float Checked(ForecastWindow window, ReadOnlySpan<float> values, ForecastSeries series, long lastStep)
    {
        float level = window.LevelOf(values);
        if (window.Level == RnnForecastLevel.WindowMeanRatio && !(level > 0))
            throw new InvalidOperationException(
                $"{char.ToUpperInvariant(series.Describe()[0])}{series.Describe()[1..]}: the window ending at step {lastStep} (row {series.Rows[lastStep]}) has mean " +
                $"{level.ToString(CultureInfo.InvariantCulture)}; Level = WindowMeanRatio divides by each window's mean, so it needs positive means. " +
                "Use RnnForecastLevel.WindowMean instead.");
        return level;
    }
}
