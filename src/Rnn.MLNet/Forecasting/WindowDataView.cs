using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// The training windows of a series as a data view the trainer reads: Features = the network's input for one origin
/// (<see cref="ForecastWindow.FillInput"/>), Label = the next Horizon values with the window's level taken out. Rows are
/// built as a cursor reaches them from the one in-memory copy of the series, so the series is never copied per window.
/// </summary>
internal sealed class WindowDataView : IDataView
{
    public const string FeaturesColumn = "Features";
    public const string LabelColumn = "Label";

    private readonly ForecastSeries _series;
    private readonly ForecastWindow _window;
    private readonly int[] _origins;

    public WindowDataView(ForecastSeries series, ForecastWindow window, int[] origins)
    {
        _series = series;
        _window = window;
        _origins = origins;
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

    /// <summary>The level-adjusted targets of origin <paramref name="origin"/>.</summary>
    private void FillTargets(int origin, Span<float> targets)
    {
        float level = LevelOf(origin);
        for (int h = 0; h < targets.Length; h++)
            targets[h] = _window.Adjust(_series.Values[origin + 1 + h], level);
    }

    private float LevelOf(int origin) => WindowLevel.Checked(_window, _series.Values.AsSpan(origin - _window.WindowSize + 1, _window.WindowSize), _series.SeriesColumn, origin);

    private void FillFeatures(int origin, Span<float> features)
    {
        int first = origin - _window.WindowSize + 1;
        LevelOf(origin);
        var covariates = _window.CovariateCount > 0 ? _series.CovariatesOf(first, _window.TimeSteps) : [];
        _window.FillInput(_series.Values.AsSpan(first, _window.WindowSize), covariates, features);
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

        private delegate void SpanAction(int origin, Span<float> values);
    }
}
