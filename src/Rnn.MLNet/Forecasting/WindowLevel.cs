using System.Globalization;

namespace Rnn.MLNet;

/// <summary>A window's level, refused where the level handling cannot use it (a ratio to a mean that is not positive).</summary>
internal static class WindowLevel
{
    public static float Checked(ForecastWindow window, ReadOnlySpan<float> values, string column, long lastRow)
    {
        float level = window.LevelOf(values);
        if (window.Level == RnnForecastLevel.WindowMeanRatio && !(level > 0))
            throw new InvalidOperationException(
                $"Series column '{column}': the window ending at row {lastRow} has mean {level.ToString(CultureInfo.InvariantCulture)}; " +
                "Level = WindowMeanRatio divides by each window's mean, so it needs positive means. Use RnnForecastLevel.WindowMean instead.");
        return level;
    }
}
