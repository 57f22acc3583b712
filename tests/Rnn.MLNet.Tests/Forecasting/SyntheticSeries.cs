using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>One step of a test series: its value, a covariate known in advance, and its time.</summary>
public sealed class SeriesRow
{
    public float Value { get; set; }

    /// <summary>1 on "event" steps (one in five, at random), which lift the value; known ahead of time.</summary>
    public float Event { get; set; }

    public int Time { get; set; }
}

/// <summary>Small synthetic series for forecasting tests.</summary>
public static class SyntheticSeries
{
    /// <summary>
    /// level + slope × t + amplitude × sin(2πt / period) + lift × event + noise: with a slope, the later part of the series lies
    /// beyond every level seen earlier.
    /// </summary>
    public static SeriesRow[] Generate(int length, float slope, float amplitude = 10, int period = 12, float lift = 0, float noise = 0.5f, int seed = 1, float level = 50)
    {
        var random = new Random(seed);
        var events = new Random(seed + 1000);
        return [.. Enumerable.Range(0, length).Select(t =>
        {
            float flag = events.Next(5) == 0 ? 1 : 0;
            float value = level + slope * t + amplitude * MathF.Sin(2 * MathF.PI * t / period) + lift * flag + noise * (float)(random.NextDouble() * 2 - 1);
            return new SeriesRow { Value = value, Event = flag, Time = t };
        })];
    }

    public static IDataView Load(MLContext ml, IEnumerable<SeriesRow> rows) => ml.Data.LoadFromEnumerable(rows);

    /// <summary>Options that train a small forecaster quickly.</summary>
    public static RnnForecasterOptions Options(int window = 24, int horizon = 4, RnnForecastLevel level = RnnForecastLevel.WindowMean, bool covariates = false, int epochs = 20) => new()
    {
        SeriesColumnName = nameof(SeriesRow.Value),
        CovariateColumnNames = covariates ? [nameof(SeriesRow.Event)] : [],
        TimeColumnName = nameof(SeriesRow.Time),
        WindowSize = window,
        Horizon = horizon,
        Level = level,
        Trainer = new RnnTrainerOptions
        {
            CellType = RnnCellType.Lstm,
            HiddenSize = 16,
            Epochs = epochs,
            BatchSize = 16,
            LearningRate = 0.01f,
            Seed = 3,
            Device = "cpu",
        },
    };
}
