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
        private readonly ScoredSchema _schema;
        private readonly DataViewRow _input;
        private readonly SequenceRowReader? _features;
        private readonly ScoringState _state;
        private byte[] _scoredValues = [];
        private int _scoredLength = -1;
        private long _scoredPosition = -1;

        public MappedRow(RnnTransformer transformer, ScoredSchema schema, DataViewRow input, IEnumerable<DataViewSchema.Column> active)
        {
            _schema = schema;
            _input = input;
            _state = new ScoringState(transformer, schema, active);
            if (_state.NeedsScores)
                _features = new SequenceRowReader(input, schema.FeatureInput);
        }

        public override DataViewSchema Schema => _schema.Output;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _state.IsActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _state.Getter<TValue>(column, _input, EnsureScored);

        // Prediction engines may reuse one row object without moving its position, so the
        // cached score is reused only when the features themselves are unchanged.
        private int EnsureScored()
        {
            var chunk = _state.Chunk;
            chunk.Clear();
            _features!.AppendTo(chunk, _input.Position);
            var input = _schema.FeatureInput;
            var values = chunk.RowBytes(0, input.ValuesPerStep, input.IsTokens);
            if (_scoredPosition == _input.Position && values.SequenceEqual(_scoredValues.AsSpan(0, Math.Max(0, _scoredLength))))
                return 0;

            _state.ScoreChunk();
            // Remember what was scored in a reused buffer: a prediction engine calls this once per Predict.
            if (_scoredValues.Length < values.Length)
                _scoredValues = new byte[values.Length];
            values.CopyTo(_scoredValues);
            _scoredLength = values.Length;
            _scoredPosition = _input.Position;
            return 0;
        }
    }
}
