using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// <see cref="RnnForecaster.Transform"/>'s output: the input rows with the forecast made at each of them. The forecasts are
/// computed for the whole series, in batches, when a cursor first needs them; input columns pass through from the input's cursor.
/// </summary>
internal sealed class ForecastDataView : IDataView
{
    private readonly IDataView _input;
    private readonly RnnForecaster _forecaster;
    private readonly Lazy<float[]> _forecasts;

    public ForecastDataView(IDataView input, RnnForecaster forecaster)
    {
        _input = input;
        _forecaster = forecaster;
        Schema = OutputSchema(input.Schema, forecaster);
        _forecasts = new Lazy<float[]>(ComputeForecasts);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    private int ForecastIndex => _input.Schema.Count;

    /// <summary>The input columns plus the forecast column; the series and covariate columns must be there and be Single.</summary>
    public static DataViewSchema OutputSchema(DataViewSchema input, RnnForecaster forecaster)
    {
        foreach (var name in forecaster.CovariateColumnNames.Prepend(forecaster.SeriesColumnName))
        {
            var column = ColumnLookup.Find(input, name, name == forecaster.SeriesColumnName ? "The series column" : "The covariate column");
            if (column.Type != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(input), $"Column '{name}' has type {column.Type}; the forecaster reads Single values, one per row.");
        }

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(forecaster.ForecastColumnName, new VectorDataViewType(NumberDataViewType.Single, forecaster.Horizon));
        return builder.ToSchema();
    }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        bool wantsForecast = needed.Any(c => c.Index == ForecastIndex);
        var inputColumns = needed.Where(c => c.Index != ForecastIndex).Select(c => _input.Schema[c.Index]);
        return new Cursor(this, _input.GetRowCursor(inputColumns), wantsForecast ? _forecasts.Value : null);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    // One forecast per row; NaN where a row has too little history, lacks the covariates of the steps it forecasts, or touches a gap.
    private float[] ComputeForecasts()
    {
        var series = ForecastSeries.Read(_input, _forecaster.SeriesColumnName, _forecaster.CovariateColumnNames, _forecaster.Columns.Time, allowGaps: true);
        int w = _forecaster.WindowSize, h = _forecaster.Horizon;
        bool covariates = series.CovariateCount > 0;
        var origins = new List<int>();
        for (int t = w - 1; t < series.Length; t++)
        {
            int last = covariates ? t + h : t;
            if (last >= series.Length)
                break;
            bool complete = true;
            for (int row = t - w + 1; row <= last && complete; row++)
                complete = row <= t ? series.IsComplete(row) : CovariatesComplete(series, row);
            if (complete)
                origins.Add(t);
        }

        var all = new float[series.Length * h];
        all.AsSpan().Fill(float.NaN);
        var forecasts = _forecaster.ForecastAt(series, origins);
        for (int i = 0; i < origins.Count; i++)
            forecasts[i].CopyTo(all.AsSpan(origins[i] * h));
        return all;
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
        private readonly float[]? _forecasts;

        public Cursor(ForecastDataView view, DataViewRowCursor input, float[]? forecasts)
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
            column.Index == _view.ForecastIndex ? _forecasts is not null : _input.IsColumnActive(_view._input.Schema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != _view.ForecastIndex)
                return _input.GetGetter<TValue>(_view._input.Schema[column.Index]);
            if (_forecasts is null)
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            int h = _view._forecaster.Horizon;
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
            {
                var editor = VBufferEditor.Create(ref value, h);
                _forecasts.AsSpan((int)_input.Position * h, h).CopyTo(editor.Values);
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
