using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// The training windows of one or many series as a data view the trainer reads: Features = the network's input for one
/// origin (the window divided by its series' scale, laid out by <see cref="ForecastWindow.FillInput(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
/// with the series' static covariates), Label = the next Horizon values, scaled alike, with the window's level taken out.
/// Rows are built as a cursor reaches them from the one in-memory copy of the series, so no series is copied per window.
/// </summary>
internal sealed class WindowDataView : IDataView
{
    public const string FeaturesColumn = "Features";
    public const string LabelColumn = "Label";

    private readonly ForecastData _data;
    private readonly ForecastWindow _window;
    private readonly ForecastOrigin[] _origins;
    private readonly float[] _scales;
    private readonly float[][] _statics;

    /// <param name="data">The series.</param>
    /// <param name="window">The layout.</param>
    /// <param name="origins">The windows.</param>
    /// <param name="scales">Per series, its scale.</param>
    /// <param name="statics">Per series, its standardised static covariates.</param>
    public WindowDataView(ForecastData data, ForecastWindow window, IReadOnlyList<ForecastOrigin> origins, float[] scales, float[][] statics)
    {
        _data = data;
        _window = window;
        _origins = [.. origins];
        _scales = scales;
        _statics = statics;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, window.TimeSteps * window.ValuesPerTimeStep));
        var names = new DataViewSchema.Annotations.Builder();
        var steps = Enumerable.Range(1, window.Horizon).Select(h => $"t+{h}".AsMemory()).ToArray();
        names.Add(AnnotationNames.SlotNames, new VectorDataViewType(TextDataViewType.Instance, steps.Length),
            (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(steps.Length, (ReadOnlyMemory<char>[])steps.Clone()));
        builder.AddColumn(LabelColumn, new VectorDataViewType(NumberDataViewType.Single, window.Horizon), names.ToAnnotations());
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _origins.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    /// <summary>The level-adjusted, scaled targets of <paramref name="origin"/>.</summary>
    private void FillTargets(ForecastOrigin origin, Span<float> targets)
    {
        var series = _data.Series[origin.Series];
        float scale = _scales[origin.Series];
        var (_, level) = ScaledWindow(origin);
        for (int h = 0; h < targets.Length; h++)
            targets[h] = _window.Adjust(series.Values[origin.Step + 1 + h] / scale, level);
    }

    /// <summary>The scaled window of <paramref name="origin"/> (a fresh array: cursors may interleave) and its level, checked.</summary>
    private (float[] Window, float Level) ScaledWindow(ForecastOrigin origin)
    {
        var series = _data.Series[origin.Series];
        var window = new float[_window.WindowSize];
        origin.ScaledWindow(series, _scales[origin.Series], _window.WindowSize, window);
        return (window, WindowLevel.Checked(_window, window, series, origin.Step));
    }

    private void FillFeatures(ForecastOrigin origin, Span<float> features)
    {
        var series = _data.Series[origin.Series];
        int first = origin.Step - _window.WindowSize + 1;
        var (window, _) = ScaledWindow(origin);
        var covariates = _window.CovariateCount > 0 ? series.CovariatesOf(first, _window.TimeSteps) : [];
        _window.FillInput(window, covariates, _statics[origin.Series], features);
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly WindowDataView _view;
        private int _index = -1;

        public Cursor(WindowDataView view) => _view = view;

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _index;

        public override long Batch => 0;

        public override bool MoveNext() => ++_index < _view._origins.Length;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_index, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            ValueGetter<VBuffer<float>> getter = column.Name == FeaturesColumn
                ? (ref VBuffer<float> value) => Fill(ref value, _view.Schema[FeaturesColumn], _view.FillFeatures)
                : (ref VBuffer<float> value) => Fill(ref value, _view.Schema[LabelColumn], _view.FillTargets);
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds Vector<Single>; a getter of {typeof(TValue).Name} was asked for.");
        }

        private void Fill(ref VBuffer<float> value, DataViewSchema.Column column, SpanAction fill)
        {
            int size = ((VectorDataViewType)column.Type).Size;
            var editor = VBufferEditor.Create(ref value, size);
            fill(_view._origins[_index], editor.Values);
            value = editor.Commit();
        }

        private delegate void SpanAction(ForecastOrigin origin, Span<float> values);
    }
}
