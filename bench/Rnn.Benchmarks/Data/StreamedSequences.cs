using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.Benchmarks.Data;

/// <summary>
/// A data view that makes its rows up as a cursor reaches them (28 steps × 28 features, a key label of ten classes),
/// so a data set far larger than memory can be streamed: nothing but the current row exists until a reader keeps it.
/// </summary>
internal sealed class StreamedSequences : IDataView
{
    private readonly long _rows;

    public StreamedSequences(long rows)
    {
        _rows = rows;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, ImageRow.Steps * ImageRow.StepWidth));
        builder.AddColumn("Label", new KeyDataViewType(typeof(uint), ImageRow.Classes));
        Schema = builder.ToSchema();
    }

    /// <summary>Bytes the feature values would take if the whole data set were held in memory.</summary>
    public long MaterialisedBytes => _rows * ImageRow.Steps * ImageRow.StepWidth * sizeof(float);

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly StreamedSequences _owner;
        private readonly HashSet<int> _active;
        private long _position = -1;

        public Cursor(StreamedSequences owner, HashSet<int> active)
        {
            _owner = owner;
            _active = active;
        }

        public override DataViewSchema Schema => _owner.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext() => ++_position < _owner._rows;

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            ValueGetter<VBuffer<float>> features = Features;
            ValueGetter<uint> label = (ref uint value) => value = (uint)(_position % ImageRow.Classes) + 1;
            return column.Index == 0 ? (ValueGetter<TValue>)(Delegate)features : (ValueGetter<TValue>)(Delegate)label;
        }

        // Cheap deterministic values in [0, 1): a few multiply-xorshift rounds per value, no stored state.
        private void Features(ref VBuffer<float> value)
        {
            int length = ImageRow.Steps * ImageRow.StepWidth;
            var editor = VBufferEditor.Create(ref value, length);
            ulong state = (ulong)_position * 0x9E3779B97F4A7C15UL + 1;
            var values = editor.Values;
            for (int i = 0; i < values.Length; i++)
            {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                values[i] = (state >> 40) * (1.0f / (1 << 24));
            }

            value = editor.Commit();
        }
    }
}
