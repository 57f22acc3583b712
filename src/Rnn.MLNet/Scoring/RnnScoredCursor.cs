using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Serves input columns from one input cursor and scores from batches read ahead by a second cursor over the
/// same rows, so each network call covers up to <see cref="RnnTransformer.ScoringBatchSize"/> rows.
/// </summary>
internal sealed class RnnScoredCursor : DataViewRowCursor
{
    private readonly RnnTransformer _transformer;
    private readonly ScoredSchema _schema;
    private readonly DataViewRowCursor _main;
    private readonly DataViewRowCursor? _lookahead;
    private readonly SequenceRowReader? _features;
    private readonly bool[] _active;
    private readonly SequenceChunk _chunk = new();
    private readonly ScoreBuffer _scores;
    private readonly int[] _rowIndices;
    private readonly PaddedBatch _batch;
    private long _batchStart;
    private int _batchCount;

    public RnnScoredCursor(RnnTransformer transformer, ScoredSchema schema, DataViewRowCursor main, DataViewRowCursor? lookahead, IEnumerable<DataViewSchema.Column> active)
    {
        _transformer = transformer;
        _schema = schema;
        _main = main;
        _lookahead = lookahead;
        _features = lookahead is null ? null : new SequenceRowReader(lookahead, schema.FeatureInput);
        _active = new bool[schema.Output.Count];
        foreach (var column in active)
            _active[column.Index] = true;
        _scores = new ScoreBuffer(transformer.Network.Head.Outputs, schema.PerStep);
        _rowIndices = Enumerable.Range(0, transformer.ScoringBatchSize).ToArray();
        _batch = new PaddedBatch(schema.FeatureInput.ValuesPerStep);
    }

    public override DataViewSchema Schema => _schema.Output;

    public override long Position => _main.Position;

    public override long Batch => _main.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _main.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override bool MoveNext()
    {
        if (!_main.MoveNext())
            return false;
        if (_lookahead != null && _main.Position >= _batchStart + _batchCount)
            ScoreNextBatch();
        return true;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index])
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
        return ScoreGetters.For<TValue>(_schema, column, _scores, () => (int)(_main.Position - _batchStart))
            ?? _main.GetGetter<TValue>(_schema.Input[column.Index]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _main.Dispose();
            _lookahead?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ScoreNextBatch()
    {
        _chunk.Clear();
        _batchStart = _main.Position;
        while (_chunk.Count < _rowIndices.Length && _lookahead!.MoveNext())
            _features!.AppendTo(_chunk, _lookahead.Position);

        _batchCount = _chunk.Count;
        if (_batchCount == 0)
            throw new InvalidOperationException("The input data view returned fewer rows to a second cursor than to the first; RnnTransformer needs a data view whose cursors agree.");
        _batch.Fill(_chunk, _rowIndices.AsSpan(0, _batchCount));
        _transformer.Scorer.Score(_batch, _scores.Reserve(_batch));
    }
}
