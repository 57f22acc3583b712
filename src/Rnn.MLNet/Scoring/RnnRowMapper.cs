using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Row-at-a-time mapping for prediction engines: scores the current input row when Score or PredictedLabel is read.</summary>
internal sealed class RnnRowMapper : IRowToRowMapper
{
    private readonly RnnTransformer _transformer;
    private readonly ScoredSchema _schema;

    public RnnRowMapper(RnnTransformer transformer, ScoredSchema schema)
    {
        _transformer = transformer;
        _schema = schema;
    }

    public DataViewSchema InputSchema => _schema.Input;

    public DataViewSchema OutputSchema => _schema.Output;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        _schema.InputColumnsFor(dependingColumns, out _);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new MappedRow(_transformer, _schema, input, activeColumns);

    private sealed class MappedRow : DataViewRow
    {
        private static readonly int[] SingleRow = [0];
        private readonly RnnTransformer _transformer;
        private readonly ScoredSchema _schema;
        private readonly DataViewRow _input;
        private readonly bool[] _active;
        private readonly ValueGetter<VBuffer<float>>? _features;
        private readonly SequenceChunk _chunk = new();
        private readonly ScoreBuffer _scores;
        private readonly PaddedBatch _batch;
        private VBuffer<float> _current;
        private float[] _scoredValues = [];
        private long _scoredPosition = -1;

        public MappedRow(RnnTransformer transformer, ScoredSchema schema, DataViewRow input, IEnumerable<DataViewSchema.Column> active)
        {
            _transformer = transformer;
            _schema = schema;
            _input = input;
            _active = new bool[schema.Output.Count];
            foreach (var column in active)
                _active[column.Index] = true;
            if (_active[schema.ScoreIndex] || _active[schema.PredictedLabelIndex])
                _features = input.GetGetter<VBuffer<float>>(schema.Features);
            _scores = new ScoreBuffer(transformer.Network.Head.Outputs);
            _batch = new PaddedBatch(transformer.Network.InputSize);
        }

        public override DataViewSchema Schema => _schema.Output;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index])
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the row was created.");
            if (column.Index == _schema.ScoreIndex)
                return RnnScoredCursor.Typed<TValue, VBuffer<float>>(column, (ref VBuffer<float> value) =>
                {
                    EnsureScored();
                    _scores.CopyScores(0, ref value);
                });
            if (column.Index == _schema.PredictedLabelIndex)
                return RnnScoredCursor.Typed<TValue, uint>(column, (ref uint value) =>
                {
                    EnsureScored();
                    value = _scores.PredictedKey(0);
                });
            return _input.GetGetter<TValue>(_schema.Input[column.Index]);
        }

        // Prediction engines may reuse one row object without moving its position, so the
        // cached score is reused only when the features themselves are unchanged.
        private void EnsureScored()
        {
            _features!(ref _current);
            var values = _current.DenseValues().ToArray();
            if (_scoredPosition == _input.Position && values.AsSpan().SequenceEqual(_scoredValues))
                return;

            int steps = SequenceRowChecks.Steps(values, _transformer.Network.InputSize, _schema.Features.Name, _input.Position);
            _chunk.Clear();
            values.CopyTo(_chunk.Append(values.Length, steps, label: 0));
            _batch.Fill(_chunk, SingleRow);
            _transformer.Scorer.Score(_batch, _scores.Reserve(1));
            _scoredValues = values;
            _scoredPosition = _input.Position;
        }
    }
}
