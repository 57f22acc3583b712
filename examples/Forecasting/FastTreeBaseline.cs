using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Onnx;

namespace Forecasting;

/// <summary>
/// ML.NET's FastTree regression as a forecaster, one model per horizon step, given exactly the RNN's inputs: for an origin,
/// the forecaster's own network input (the window's values with its level taken out and standardised, the observed flags and
/// the covariates of every window and forecast step) flattened into one feature vector; the target is the step's value with
/// the same level taken out, and the level is put back after prediction.
/// </summary>
internal sealed class FastTreeBaseline
{
    private readonly MLContext _ml;
    private readonly ForecastWindow _window;
    private readonly float[] _values;
    private readonly float[][] _covariates;
    private readonly List<ITransformer> _models = [];
    private readonly SchemaDefinition _schema;

    public FastTreeBaseline(MLContext ml, ForecastWindow window, float[] values, float[][] covariates)
    {
        _ml = ml;
        _window = window;
        _values = values;
        _covariates = covariates;
        _schema = SchemaDefinition.Create(typeof(Row));
        _schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, window.NetworkSteps * window.NetworkInputSize);
    }

    /// <summary>Trains one FastTree (ML.NET's default settings) per horizon step on the given origins.</summary>
    public void Fit(IReadOnlyList<int> origins, Action<int> onStep)
    {
        for (int h = 1; h <= _window.Horizon; h++)
        {
            var rows = origins.Select(o => MakeRow(o, h)).ToArray();
            var data = _ml.Data.LoadFromEnumerable(rows, _schema);
            _models.Add(_ml.Regression.Trainers.FastTree().Fit(data));
            onStep(h);
        }
    }

    /// <summary>The forecast of the next Horizon values from each origin.</summary>
    public float[][] Forecast(IReadOnlyList<int> origins)
    {
        var forecasts = origins.Select(_ => new float[_window.Horizon]).ToArray();
        for (int h = 1; h <= _window.Horizon; h++)
        {
            var rows = origins.Select(o => MakeRow(o, h)).ToArray();
            var scores = _models[h - 1].Transform(_ml.Data.LoadFromEnumerable(rows, _schema)).GetColumn<float>("Score").ToArray();
            for (int i = 0; i < origins.Count; i++)
                forecasts[i][h - 1] = _window.Restore(scores[i], rows[i].Level);
        }

        return forecasts;
    }

    private Row MakeRow(int origin, int step)
    {
        int first = origin - _window.WindowSize + 1;
        var covariates = Enumerable.Range(first, _window.TimeSteps).SelectMany(t => _covariates[t]).ToArray();
        var features = new float[_window.NetworkSteps * _window.NetworkInputSize];
        float level = _window.FillInput(_values.AsSpan(first, _window.WindowSize), covariates, features);
        int target = origin + step;
        return new Row { Features = features, Label = target < _values.Length ? _window.Adjust(_values[target], level) : 0, Level = level };
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }

        public float Level { get; set; }
    }
}
