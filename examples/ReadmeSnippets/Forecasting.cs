using Microsoft.ML;
using Rnn.MLNet;

namespace ReadmeSnippets;

/// <summary>The README's forecasting example: train on a daily series with calendar covariates, forecast, evaluate, save.</summary>
internal static class Forecasting
{
    public static void Run(MLContext mlContext, IDataView history, IDataView series, float[] recentBirths, float[] calendar, string folder)
    {
        string path = Path.Combine(folder, "births.onnx");
        // snippet: forecasting
        using var forecaster = mlContext.Rnn().Forecaster(new RnnForecasterOptions
        {
            SeriesColumnName = "Births",
            CovariateColumnNames = ["Saturday", "Sunday", "Holiday"],   // known ahead for every day
            WindowSize = 56,
            Horizon = 14,
            StepsPerNetworkStep = 7,            // the network reads one week per step
            Trainer = new RnnTrainerOptions { HiddenSize = 64, Epochs = 40 },
        }).Fit(history);                                          // one row per day, in time order

        float[] next14 = forecaster.Forecast(recentBirths, calendar);  // calendar: covariates of the history days, then of the 14 ahead
        RnnForecastEvaluation test = forecaster.Evaluate(series, testSteps: 366);  // rolling origin over the last 366 days
        forecaster.Save(path);                                    // one ONNX file: RnnOnnxForecaster serves it anywhere
        // end snippet
        Console.WriteLine($"forecasting: next 14 days start {next14[0]:F0}; test MAE {test.Metrics.MeanAbsoluteError:F1} over {test.Metrics.Origins} origins.");
    }
}

/// <summary>One day of a synthetic births-like series: a weekly pattern, dips on holidays.</summary>
public sealed class DayRow
{
    public float Births { get; set; }

    public float Saturday { get; set; }

    public float Sunday { get; set; }

    public float Holiday { get; set; }
}
