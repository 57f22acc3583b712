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
        private readonly SequenceRowReader? _features;
        private readonly SequenceChunk _chunk = new();
        private readonly ScoreBuffer _scores;
        private readonly PaddedBatch _batch;
        private float[] _scoredValues = [];
        private int _scoredLength = -1;
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
                _features = new SequenceRowReader(input, schema.FeatureInput);
            _scores = new ScoreBuffer(transformer.Network.Head.Outputs, schema.PerStep);
            _batch = new PaddedBatch(schema.FeatureInput.ValuesPerStep);
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
            return ScoreGetters.For<TValue>(_schema, column, _scores, EnsureScored)
                ?? _input.GetGetter<TValue>(_schema.Input[column.Index]);
        }

        // Prediction engines may reuse one row object without moving its position, so the
        // cached score is reused only when the features themselves are unchanged.
        private int EnsureScored()
        {
            _chunk.Clear();
            _features!.AppendTo(_chunk, _input.Position);
            var values = _chunk.Values(0, _schema.FeatureInput.ValuesPerStep);
            if (_scoredPosition == _input.Position && values.SequenceEqual(_scoredValues.AsSpan(0, Math.Max(0, _scoredLength))))
                return 0;

            _batch.Fill(_chunk, SingleRow);
            _transformer.Scorer.Score(_batch, _scores.Reserve(_batch));
            // Remember what was scored in a reused buffer: a prediction engine calls this once per Predict.
            if (_scoredValues.Length < values.Length)
                _scoredValues = new float[values.Length];
            values.CopyTo(_scoredValues);
            _scoredLength = values.Length;
            _scoredPosition = _input.Position;
            return 0;
        }
    }
}
