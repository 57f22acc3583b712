using Microsoft.ML;
using Rnn.MLNet;
using Rnn.Onnx;

namespace ReadmeSnippets;

/// <summary>The README's many-series forecaster with prediction intervals.</summary>
internal static class PanelForecasting
{
    public static void Run(MLContext mlContext, IDataView panel, float[] last12Months, float[] calendar)
    {
        // snippet: many series
        using var forecaster = mlContext.Rnn().Forecaster(new RnnForecasterOptions
        {
            SeriesColumnName = "Count", SeriesIdColumnName = "Industry", TimeColumnName = "Month",
            CovariateColumnNames = ["MonthSin", "MonthCos"],
            WindowSize = 12, Horizon = 12, SeasonLength = 12, Level = RnnForecastLevel.LastValue,
            Quantiles = [0.025f, 0.1f, 0.5f, 0.9f, 0.975f], CalibrationSteps = 12,
        }).Fit(panel);
        RnnQuantileForecast next = forecaster.ForecastQuantiles("Construction", last12Months, calendar);
        float[] low = next.Lower(0.8f), median = next.Point, high = next.Upper(0.8f);
        // end snippet
        Console.WriteLine($"many series: next month {median[0]:F0} (80% interval {low[0]:F0} to {high[0]:F0}).");
    }

    /// <summary>Monthly counts of three industries of different sizes with a yearly pattern, and the calendar as a point on a circle.</summary>
    public static IndustryMonthRow[] Synthetic(int months, int seed)
    {
        var random = new Random(seed);
        (string Industry, float Size)[] industries = [("Construction", 800), ("Mining", 60), ("Finance", 300)];
        return [.. Enumerable.Range(0, months).SelectMany(t => industries.Select(i => new IndustryMonthRow
        {
            Industry = i.Industry,
            Month = new DateTime(2000, 1, 1).AddMonths(t),
            Count = i.Size * (1 + 0.2f * MathF.Sin(2 * MathF.PI * t / 12) + 0.05f * (float)random.NextDouble()),
            MonthSin = MathF.Sin(2 * MathF.PI * (t % 12) / 12),
            MonthCos = MathF.Cos(2 * MathF.PI * (t % 12) / 12),
        }))];
    }
}

/// <summary>One month of one industry.</summary>
public sealed class IndustryMonthRow
{
    public string Industry { get; set; } = "";

    public DateTime Month { get; set; }

    public float Count { get; set; }

    public float MonthSin { get; set; }

    public float MonthCos { get; set; }
}
