using ScottPlot;

namespace Forecasting;

/// <summary>The example's two pictures (ScottPlot): forecasts against what happened over a stretch of days, and MAE per horizon step.</summary>
internal static class ForecastCharts
{
    /// <summary>Actual daily values and forecasts of days in the same stretch made some steps ahead (each series with its own days).</summary>
    public static void SaveForecastVsActual(string path, string title, IReadOnlyList<(string Name, DateTime[] Days, float[] Values)> series)
    {
        var plot = new Plot();
        plot.Title(title);
        bool first = true;
        foreach (var (name, days, values) in series)
        {
            var line = plot.Add.Scatter(days.Select(d => d.ToOADate()).ToArray(), values.Select(v => (double)v).ToArray());
            line.LegendText = name;
            line.MarkerSize = first ? 3 : 0;
            line.LineWidth = first ? 2 : 1.5f;
            if (first)
                line.Color = Colors.Black;
            first = false;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.YLabel("births per day");
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, 1200, 500);
    }

    /// <summary>MAE per horizon step of each forecaster, on the same origins.</summary>
    public static void SaveErrorPerStep(string path, string title, IReadOnlyList<(string Name, double[] MaePerStep)> forecasters)
    {
        var plot = new Plot();
        plot.Title(title);
        foreach (var (name, mae) in forecasters)
        {
            var line = plot.Add.Scatter(Enumerable.Range(1, mae.Length).Select(h => (double)h).ToArray(), mae);
            line.LegendText = name;
        }

        plot.XLabel("horizon step (days ahead)");
        plot.YLabel("MAE, births per day");
        plot.Axes.Bottom.SetTicks(Enumerable.Range(1, forecasters[0].MaePerStep.Length).Select(h => (double)h).ToArray(),
            [.. Enumerable.Range(1, forecasters[0].MaePerStep.Length).Select(h => h.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 800, 500);
    }
}
