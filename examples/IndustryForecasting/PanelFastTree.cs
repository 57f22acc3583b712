using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Onnx;

namespace IndustryForecasting;

/// <summary>
/// ML.NET's FastTree as a global forecaster, one model per horizon step over the windows of every series, given exactly the
/// global RNN's inputs (each series divided by its scale, the window's level taken out and standardised, the calendar of
/// every window and forecast month); the target is the month's value, scaled and levelled alike. Its intervals come from its
/// errors on the calibration tail (windows it was not trained on): per step, the quantiles of the scaled errors, added to the
/// forecast.
/// </summary>
internal sealed class PanelFastTree
{
    private readonly MLContext _ml;
    private readonly ForecastWindow _window;
    private readonly IReadOnlyList<float> _levels;
    private readonly List<ITransformer> _models = [];
    private readonly SchemaDefinition _schema;
    private float[][] _errors = [];

    public PanelFastTree(MLContext ml, ForecastWindow window, IReadOnlyList<float> levels)
    {
        _ml = ml;
        _window = window;
        _levels = levels;
        _schema = SchemaDefinition.Create(typeof(Row));
        _schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, window.TimeSteps * window.ValuesPerTimeStep);
    }

    /// <summary>Trains one FastTree per step on <paramref name="training"/>, then measures its errors on <paramref name="calibration"/>.</summary>
    public void Fit(IReadOnlyList<Origin> training, IReadOnlyList<Origin> calibration, Action<int> onStep)
    {
        for (int h = 1; h <= _window.Horizon; h++)
        {
            _models.Add(_ml.Regression.Trainers.FastTree().Fit(_ml.Data.LoadFromEnumerable(training.Select(o => MakeRow(o, h)), _schema)));
            onStep(h);
        }

        var (points, _) = Predict(calibration, withIntervals: false);
        _errors = [.. Enumerable.Range(0, _window.Horizon).Select(h =>
            calibration.Select((o, i) => (o.Values[o.Step + 1 + h] - points[i][h]) / o.Scale).Order().ToArray())];
    }

    /// <summary>Point forecasts and [horizon × levels] quantiles from every origin.</summary>
    public (float[][] Points, float[][] Quantiles) Forecast(IReadOnlyList<Origin> origins) => Predict(origins, withIntervals: true);

    private (float[][] Points, float[][] Quantiles) Predict(IReadOnlyList<Origin> origins, bool withIntervals)
    {
        int horizon = _window.Horizon, q = _levels.Count;
        var points = origins.Select(_ => new float[horizon]).ToArray();
        var quantiles = origins.Select(_ => new float[horizon * q]).ToArray();
        for (int h = 1; h <= horizon; h++)
        {
            var rows = origins.Select(o => MakeRow(o, h)).ToArray();
            var scores = _models[h - 1].Transform(_ml.Data.LoadFromEnumerable(rows, _schema)).GetColumn<float>("Score").ToArray();
            for (int i = 0; i < origins.Count; i++)
            {
                float forecast = _window.Restore(scores[i], rows[i].Level) * origins[i].Scale;
                points[i][h - 1] = forecast;
                for (int j = 0; withIntervals && j < q; j++)
                    quantiles[i][(h - 1) * q + j] = _levels[j] == 0.5f ? forecast : forecast + Empirical.Quantile(_errors[h - 1], _levels[j]) * origins[i].Scale;
            }
        }

        return (points, quantiles);
    }

    private Row MakeRow(Origin origin, int step)
    {
        int first = origin.Step - _window.WindowSize + 1;
        var window = origin.Values.AsSpan(first, _window.WindowSize).ToArray().Select(v => v / origin.Scale).ToArray();
        var covariates = Enumerable.Range(first, _window.TimeSteps).SelectMany(t => origin.Covariates[t]).ToArray();
        var features = new float[_window.TimeSteps * _window.ValuesPerTimeStep];
        // Static covariates (the RNN's series embedding ids, if any) at their mean: FastTree reads the same window and calendar either way.
        float level = _window.FillInput(window, covariates, new float[_window.StaticCovariateCount], features);
        int target = origin.Step + step;
        return new Row { Features = features, Label = target < origin.Values.Length ? _window.Adjust(origin.Values[target] / origin.Scale, level) : 0, Level = level };
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }

        public float Level { get; set; }
    }
}

/// <summary>One forecast origin of one series: its values and calendar, its scale, and the last month read.</summary>
internal sealed record Origin(string Series, float[] Values, float[][] Covariates, float Scale, int Step);
