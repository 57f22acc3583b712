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
    private readonly ValueGetter<VBuffer<float>>? _lookaheadFeatures;
    private readonly bool[] _active;
    private readonly SequenceChunk _chunk = new();
    private readonly ScoreBuffer _scores;
    private readonly int[] _rowIndices;
    private readonly PaddedBatch _batch;
    private VBuffer<float> _features;
    private float[] _dense = [];
    private long _batchStart;
    private int _batchCount;

    public RnnScoredCursor(RnnTransformer transformer, ScoredSchema schema, DataViewRowCursor main, DataViewRowCursor? lookahead, IEnumerable<DataViewSchema.Column> active)
    {
        _transformer = transformer;
        _schema = schema;
        _main = main;
        _lookahead = lookahead;
        _lookaheadFeatures = lookahead?.GetGetter<VBuffer<float>>(schema.Features);
        _active = new bool[schema.Output.Count];
        foreach (var column in active)
            _active[column.Index] = true;
        _scores = new ScoreBuffer(transformer.Network.Head.Outputs);
        _rowIndices = Enumerable.Range(0, transformer.ScoringBatchSize).ToArray();
        _batch = new PaddedBatch(transformer.Network.InputSize);
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
        if (column.Index == _schema.ScoreIndex)
            return Typed<TValue, VBuffer<float>>(column, (ref VBuffer<float> value) => _scores.CopyScores(CurrentOffset(), ref value));
        if (column.Index == _schema.PredictedLabelIndex)
            return Typed<TValue, uint>(column, (ref uint value) => value = _scores.PredictedKey(CurrentOffset()));
        return _main.GetGetter<TValue>(_schema.Input[column.Index]);
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

    private int CurrentOffset() => (int)(_main.Position - _batchStart);

    private void ScoreNextBatch()
    {
        _chunk.Clear();
        _batchStart = _main.Position;
        int inputSize = _transformer.Network.InputSize;
        while (_chunk.Count < _rowIndices.Length && _lookahead!.MoveNext())
        {
            _lookaheadFeatures!(ref _features);
            var values = Dense(_features);
            int steps = SequenceRowChecks.Steps(values, inputSize, _schema.Features.Name, _lookahead.Position);
            values.CopyTo(_chunk.Append(values.Length, steps, label: 0));
        }

        _batchCount = _chunk.Count;
        if (_batchCount == 0)
            throw new InvalidOperationException("The input data view returned fewer rows to a second cursor than to the first; RnnTransformer needs a data view whose cursors agree.");
        _batch.Fill(_chunk, _rowIndices.AsSpan(0, _batchCount));
        _transformer.Scorer.Score(_batch, _scores.Reserve(_batchCount));
    }

    private ReadOnlySpan<float> Dense(in VBuffer<float> buffer)
    {
        if (buffer.IsDense)
            return buffer.GetValues();
        if (_dense.Length < buffer.Length)
            _dense = new float[buffer.Length];
        var span = _dense.AsSpan(0, buffer.Length);
        buffer.CopyTo(span);
        return span;
    }

    internal static ValueGetter<TValue> Typed<TValue, TActual>(DataViewSchema.Column column, ValueGetter<TActual> getter)
    {
        if (getter is ValueGetter<TValue> typed)
            return typed;
        throw new InvalidOperationException($"Column '{column.Name}' holds {typeof(TActual).Name} values; a getter of {typeof(TValue).Name} was asked for.");
    }
}
