using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Serves input columns from one input cursor and scores from blocks read ahead by a second cursor over the
/// same rows: each block of <see cref="BatchesPerBlock"/> batches is scored in batches of up to
/// <see cref="RnnTransformer.ScoringBatchSize"/> rows of similar length (<see cref="ScoringState.ScoreChunk"/>).
/// </summary>
internal sealed class RnnScoredCursor : DataViewRowCursor
{
    /// <summary>
    /// Batches read ahead and sorted by length together: scoring rows of similar length wastes fewer padded steps (what
    /// that saved, and why 8: docs/PERFORMANCE.md, "Measurements behind the defaults").
    /// </summary>
    public const int BatchesPerBlock = 8;

    private readonly ScoredSchema _schema;
    private readonly DataViewRowCursor _main;
    private readonly DataViewRowCursor? _lookahead;
    private readonly SequenceRowReader? _features;
    private readonly ScoringState _state;
    private readonly int _blockSize;
    private long _batchStart;
    private int _batchCount;

    public RnnScoredCursor(RnnTransformer transformer, ScoredSchema schema, DataViewRowCursor main, DataViewRowCursor? lookahead, IEnumerable<DataViewSchema.Column> active)
    {
        _schema = schema;
        _main = main;
        _lookahead = lookahead;
        _features = lookahead is null ? null : new SequenceRowReader(lookahead, schema.FeatureInput);
        _state = new ScoringState(transformer, schema, active);
        _blockSize = (int)Math.Min(int.MaxValue, (long)transformer.ScoringBatchSize * BatchesPerBlock);
    }

    public override DataViewSchema Schema => _schema.Output;

    public override long Position => _main.Position;

    public override long Batch => _main.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _main.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _state.IsActive(column);

    public override bool MoveNext()
    {
        if (!_main.MoveNext())
            return false;
        if (_lookahead != null && _main.Position >= _batchStart + _batchCount)
            ScoreNextBatch();
        return true;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        _state.Getter<TValue>(column, _main, () => (int)(_main.Position - _batchStart));

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
        var chunk = _state.Chunk;
        chunk.Clear();
        _batchStart = _main.Position;
        while (chunk.Count < _blockSize && _lookahead!.MoveNext())
            _features!.AppendTo(chunk, _lookahead.Position);

        _batchCount = chunk.Count;
        if (_batchCount == 0)
            throw new InvalidOperationException("The input data view returned fewer rows to a second cursor than to the first; RnnTransformer needs a data view whose cursors agree.");
        _state.ScoreChunk();
    }
}
