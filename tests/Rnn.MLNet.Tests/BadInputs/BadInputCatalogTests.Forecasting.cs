using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>Forecasting's bad inputs: series columns, window and horizon options, gaps, order, empty series and short histories.</summary>
public sealed partial class BadInputCatalogTests
{
    private static readonly Lazy<RnnForecaster> SharedForecaster = new(() =>
        Ml.Rnn().Forecaster(SyntheticSeries.Options(window: 8, horizon: 3, covariates: true, epochs: 1)).Fit(Series()));

    private static readonly Dictionary<string, Func<BadInput>> ForecastingCases = new()
    {
        // Columns.
        ["missing series column"] = () => Forecast(o => o.SeriesColumnName = "Births", Series(), typeof(ArgumentOutOfRangeException),
            "series column 'Births' was not found", "'Value'"),
        ["series column of type Double"] = () => Forecast(o => o.SeriesColumnName = "Wide", Ml.Data.LoadFromEnumerable(new[] { new WideSeriesRow() }),
            typeof(ArgumentOutOfRangeException), "Series column 'Wide' has type Double", "expected Single", "ConvertType(\"Wide\""),
        ["missing covariate column"] = () => Forecast(o => o.CovariateColumnNames = ["Holiday"], Series(), typeof(ArgumentOutOfRangeException),
            "covariate column 'Holiday' was not found"),
        ["covariate column of type Int32"] = () => Forecast(o => o.CovariateColumnNames = ["Time"], Series(), typeof(ArgumentOutOfRangeException),
            "Covariate column 'Time' has type Int32", "expected Single"),
        ["series column of the wrong type before Fit"] = () => new(() => Ml.Rnn().Forecaster(ForecastOptions(o => o.SeriesColumnName = "Time")).GetOutputSchema(Shapes.Of(Series().Schema)),
            typeof(ArgumentOutOfRangeException), "Column 'Time'", "Single values"),

        // Options.
        ["WindowSize 0"] = () => ForecastOption(o => o.WindowSize = 0, "RnnForecasterOptions.WindowSize is 0", "≥ 1"),
        ["Horizon -2"] = () => ForecastOption(o => o.Horizon = -2, "RnnForecasterOptions.Horizon is -2", "≥ 1"),
        ["SeriesColumnName empty"] = () => ForecastOption(o => o.SeriesColumnName = "", "RnnForecasterOptions.SeriesColumnName is \"\"", "a column name"),
        ["window and horizon longer than the series"] = () => Forecast(o => { o.WindowSize = 50; o.Horizon = 20; }, Series(), typeof(ArgumentOutOfRangeException),
            "column 'Value' has 60 rows", "WindowSize (50) + Horizon (20)", "70 are needed"),
        ["ValidationSteps shorter than Horizon"] = () => Forecast(o => o.ValidationSteps = 2, Series(), typeof(ArgumentOutOfRangeException),
            "RnnForecasterOptions.ValidationSteps is 2", "at least Horizon (4)"),
        ["Trainer asked for labeling"] = () => ForecastOption(o => o.Trainer.Task = SequenceTask.Labeling, "RnnForecasterOptions.Trainer.Task is Labeling", "Regression"),
        ["Trainer with its own validation set"] = () => ForecastOption(o => o.Trainer.ValidationSet = Series(), "Trainer.ValidationSet", "ValidationSteps"),
        ["Trainer with an InputSize"] = () => ForecastOption(o => o.Trainer.InputSize = 3, "RnnForecasterOptions.Trainer.InputSize is 3", "the forecaster sets the network's input"),
        ["early stopping without validation steps"] = () => ForecastOption(o => o.Trainer.EarlyStoppingPatience = 2, "RnnForecasterOptions.ValidationSteps is 0", "EarlyStoppingPatience = 2"),
        ["EnsembleSize 0"] = () => ForecastOption(o => o.EnsembleSize = 0, "RnnForecasterOptions.EnsembleSize is 0", "≥ 1"),
        ["SeasonLength without covariates"] = () => ForecastOption(o => o.SeasonLength = 7, "RnnForecasterOptions.SeasonLength is 7", "with covariates"),
        ["SeasonLength longer than the window"] = () => ForecastOption(o => { o.CovariateColumnNames = ["Event"]; o.SeasonLength = 9; }, "RnnForecasterOptions.SeasonLength is 9", "1 to WindowSize (8)"),
        ["WindowSize not a multiple of StepsPerNetworkStep"] = () => ForecastOption(o => o.StepsPerNetworkStep = 3, "RnnForecasterOptions.WindowSize is 8", "a multiple of StepsPerNetworkStep (3)"),
        ["the series column among the covariates"] = () => ForecastOption(o => o.CovariateColumnNames = ["Value"], "RnnForecasterOptions.CovariateColumnNames is \"Value\"", "other than the series column"),

        // Rows.
        ["gap in the series"] = () => Forecast(null, Series(rows => rows[17].Value = float.NaN), typeof(InvalidOperationException),
            "Column 'Value', row 17", "NaN", "Gaps = SkipWindows"),
        ["infinite covariate"] = () => Forecast(o => o.CovariateColumnNames = ["Event"], Series(rows => rows[9].Event = float.PositiveInfinity), typeof(InvalidOperationException),
            "Column 'Event', row 9", "Infinity", "finite"),
        ["rows out of time order"] = () => Forecast(null, Series(rows => (rows[30].Time, rows[31].Time) = (rows[31].Time, rows[30].Time)), typeof(InvalidOperationException),
            "Time column 'Time', row 31", "30 does not come after row 30's 31", "strictly increasing time order"),
        ["repeated time step"] = () => Forecast(null, Series(rows => rows[12].Time = rows[11].Time), typeof(InvalidOperationException),
            "Time column 'Time', row 12", "11 does not come after row 11's 11"),
        ["empty series"] = () => Forecast(null, Series(rows => { }, length: 0), typeof(InvalidOperationException), "column 'Value' has no rows"),
        ["ratio to a window mean that is not positive"] = () => Forecast(o => o.Level = RnnForecastLevel.WindowMeanRatio, Series(rows => { foreach (var r in rows) r.Value -= 100; }),
            typeof(InvalidOperationException), "Series column 'Value'", "has mean -", "Level = WindowMeanRatio", "RnnForecastLevel.WindowMean"),
        ["every window touches a gap"] = () => Forecast(o => { o.Gaps = RnnForecastGapHandling.SkipWindows; o.WindowSize = 30; }, Series(rows => { rows[20].Value = float.NaN; rows[40].Value = float.NaN; }),
            typeof(InvalidOperationException), "Every training window of column 'Value' touches a gap"),

        // Forecasting.
        ["history shorter than WindowSize"] = () => new(() => SharedForecaster.Value.Forecast(new float[5], new float[8]), typeof(ArgumentException),
            "history has 5 values", "WindowSize = 8"),
        ["covariates of the wrong length"] = () => new(() => SharedForecaster.Value.Forecast(new float[10], new float[10]), typeof(ArgumentException),
            "10 covariate values", "(history length 10 + Horizon 3) × 1 covariates = 13"),
        ["history without the covariates the forecaster reads"] = () => new(() => SharedForecaster.Value.Forecast(new float[10]), typeof(InvalidOperationException),
            "reads 1 covariate(s) (Event)", "Forecast(history, covariates)"),
        ["NaN in the history"] = () => new(() => SharedForecaster.Value.Forecast([.. Enumerable.Repeat(50f, 9), float.NaN], new float[13]), typeof(ArgumentException),
            "History value NaN at index 9", "complete history"),
        ["evaluation tail shorter than the horizon"] = () => new(() => SharedForecaster.Value.Evaluate(Series(), testSteps: 2), typeof(ArgumentOutOfRangeException),
            "testSteps is 2", "Horizon (3)"),

        // Model files.
        ["a forecaster file given to RnnOnnxScorer"] = () => new(() => RnnOnnxScorer.FromBytes(ForecasterBytes()), typeof(InvalidDataException),
            "is a forecaster", "RnnOnnxForecaster"),
        ["a classifier file given to RnnOnnxForecaster"] = () => new(() => RnnOnnxForecaster.FromBytes(Shared.Value.Onnx), typeof(InvalidDataException),
            "is not a forecaster", "RnnOnnxScorer"),
        ["a classifier file given to RnnForecaster.Load"] = () => new(() => RnnForecaster.Load(Ml, WriteTemp(Shared.Value.Onnx)), typeof(InvalidDataException),
            "is not a forecaster"),
    };

    private static RnnForecasterOptions ForecastOptions(Action<RnnForecasterOptions>? change)
    {
        var options = SyntheticSeries.Options(window: 8, horizon: 4, epochs: 1);
        change?.Invoke(options);
        return options;
    }

    private static BadInput Forecast(Action<RnnForecasterOptions>? change, IDataView series, Type exception, params string[] fragments) =>
        new(() => Ml.Rnn().Forecaster(ForecastOptions(change)).Fit(series), exception, fragments);

    private static BadInput ForecastOption(Action<RnnForecasterOptions> change, params string[] fragments) =>
        new(() => Ml.Rnn().Forecaster(ForecastOptions(change)), typeof(ArgumentOutOfRangeException), fragments);

    private static IDataView Series(Action<SeriesRow[]>? change = null, int length = 60)
    {
        var rows = SyntheticSeries.Generate(length, slope: 0.1f, seed: 1);
        change?.Invoke(rows);
        return SyntheticSeries.Load(Ml, rows);
    }

    private static byte[] ForecasterBytes()
    {
        using var stream = new MemoryStream();
        SharedForecaster.Value.ExportOnnx(stream);
        return stream.ToArray();
    }

    private static string WriteTemp(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rnn-bad-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private sealed class WideSeriesRow
    {
        public double Wide { get; set; }

        public float Value { get; set; }

        public int Time { get; set; }
    }
}
