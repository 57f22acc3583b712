using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// <see cref="RnnForecaster.Transform"/>'s output: the input rows with the forecast made at each of them within its own series
/// (and, for a probabilistic forecaster, one column per quantile level). The forecasts are computed for every series, in
/// batches, when a cursor first needs them; input columns pass through from the input's cursor.
/// </summary>
internal sealed class ForecastDataView : IDataView
{
    private readonly IDataView _input;
    private readonly RnnForecaster _forecaster;
    private readonly Lazy<(float[] Points, float[] Quantiles)> _forecasts;

    public ForecastDataView(IDataView input, RnnForecaster forecaster)
    {
        _input = input;
        _forecaster = forecaster;
        Schema = OutputSchema(input.Schema, forecaster);
        _forecasts = new Lazy<(float[], float[])>(ComputeForecasts);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    private int ForecastIndex => _input.Schema.Count;

    /// <summary>True for the forecast column and the quantile columns after it.</summary>
    private bool IsAdded(int column) => column >= ForecastIndex;

    /// <summary>The input columns plus the forecast column and one column per quantile level; the series and covariate columns must be there and be Single.</summary>
    public static DataViewSchema OutputSchema(DataViewSchema input, RnnForecaster forecaster)
    {
        foreach (var name in forecaster.CovariateColumnNames.Concat(forecaster.StaticCovariateColumnNames).Prepend(forecaster.SeriesColumnName))
        {
            var column = ColumnLookup.Find(input, name, name == forecaster.SeriesColumnName ? "The series column" : "The covariate column");
            if (column.Type != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(input), $"Column '{name}' has type {column.Type}; the forecaster reads Single values, one per row.");
        }

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(forecaster.ForecastColumnName, new VectorDataViewType(NumberDataViewType.Single, forecaster.Horizon));
        foreach (var level in forecaster.QuantileLevels)
            builder.AddColumn(forecaster.Columns.QuantileColumn(level), new VectorDataViewType(NumberDataViewType.Single, forecaster.Horizon));
        return builder.ToSchema();
    }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        bool wantsForecast = needed.Any(c => IsAdded(c.Index));
        var inputColumns = needed.Where(c => !IsAdded(c.Index)).Select(c => _input.Schema[c.Index]);
        return new Cursor(this, _input.GetRowCursor(inputColumns), wantsForecast ? _forecasts.Value : null);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    // One forecast per row; NaN where a row has too little history in its series, lacks the covariates of the steps it forecasts, or touches a gap.
    private (float[] Points, float[] Quantiles) ComputeForecasts()
    {
        var data = ForecastData.Read(_input, _forecaster.Columns, allowGaps: true);
        int w = _forecaster.WindowSize, h = _forecaster.Horizon, q = _forecaster.QuantileLevels.Count;
        bool covariates = data.CovariateCount > 0;
        var origins = new List<ForecastOrigin>();
        for (int k = 0; k < data.Series.Count; k++)
        {
            var series = data.Series[k];
            for (int t = w - 1; t < series.Length; t++)
            {
                int last = covariates ? t + h : t;
                if (last >= series.Length)
                    break;
                bool complete = true;
                for (int row = t - w + 1; row <= last && complete; row++)
                    complete = row <= t ? series.IsComplete(row) : CovariatesComplete(series, row);
                if (complete)
                    origins.Add(new ForecastOrigin(k, t));
            }
        }

        long rows = data.Series.Max(s => s.Rows.Length == 0 ? 0 : s.Rows[^1]) + 1;
        var points = new float[rows * h];
        var quantiles = new float[rows * h * q];
        points.AsSpan().Fill(float.NaN);
        quantiles.AsSpan().Fill(float.NaN);
        var (forecastPoints, forecastQuantiles) = _forecaster.ForecastAt(data, origins);
        for (int i = 0; i < origins.Count; i++)
        {
            long row = data.Series[origins[i].Series].Rows[origins[i].Step];
            forecastPoints.AsSpan(i * h, h).CopyTo(points.AsSpan((int)(row * h)));
            forecastQuantiles.AsSpan(i * h * q, h * q).CopyTo(quantiles.AsSpan((int)(row * h * q)));
        }

        return (points, quantiles);
    }

    private static bool CovariatesComplete(ForecastSeries series, int row)
    {
        foreach (var value in series.CovariatesOf(row, 1))
        {
            if (float.IsNaN(value))
                return false;
        }

        return true;
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ForecastDataView _view;
        private readonly DataViewRowCursor _input;
        private readonly (float[] Points, float[] Quantiles)? _forecasts;

        public Cursor(ForecastDataView view, DataViewRowCursor input, (float[] Points, float[] Quantiles)? forecasts)
        {
            _view = view;
            _input = input;
            _forecasts = forecasts;
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override bool MoveNext() => _input.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            _view.IsAdded(column.Index) ? _forecasts is not null : _input.IsColumnActive(_view._input.Schema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_view.IsAdded(column.Index))
                return _input.GetGetter<TValue>(_view._input.Schema[column.Index]);
            if (_forecasts is not var (points, quantiles))
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            int h = _view._forecaster.Horizon, q = _view._forecaster.QuantileLevels.Count;
            int level = column.Index - _view.ForecastIndex - 1;
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, h);
                long row = _input.Position;
                if (level < 0)
                    points.AsSpan((int)(row * h), h).CopyTo(editor.Values);
                else
                {
                    for (int s = 0; s < h; s++)
                        editor.Values[s] = quantiles[(int)((row * h + s) * q + level)];
                }

                value = editor.Commit();
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds Vector<Single>; a getter of {typeof(TValue).Name} was asked for.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
