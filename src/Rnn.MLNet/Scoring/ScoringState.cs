using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// What a scored row (prediction engines) or cursor (Transform) holds besides its input: the output columns asked for,
/// the rows read for scoring, their padded batch and its scores, and the getters over them.
/// </summary>
internal sealed class ScoringState
{
    private readonly RnnTransformer _transformer;
    private readonly ScoredSchema _schema;
    private readonly bool[] _active;
    private readonly PaddedBatch _batch;
    private readonly BatchPlan _plan;

    public ScoringState(RnnTransformer transformer, ScoredSchema schema, IEnumerable<DataViewSchema.Column> active)
    {
        _transformer = transformer;
        _schema = schema;
        _active = new bool[schema.Output.Count];
        foreach (var column in active)
            _active[column.Index] = true;
        Scores = new ScoreBuffer(transformer.Network.Head.Outputs, perStep: schema.Head.ReadsEveryStep);
        _batch = new PaddedBatch(schema.FeatureInput.ValuesPerStep, schema.FeatureInput.IsTokens);
        // Open the session now: a CUDA setting that cannot be honoured fails here, before any row is read.
        if (NeedsScores)
            _ = transformer.Scorer;
        _plan = new BatchPlan(transformer.ScoringBatchSize);
    }

    /// <summary>Rows read for the next scoring call.</summary>
    public SequenceChunk Chunk { get; } = new();

    /// <summary>Scores of the last <see cref="ScoreChunk"/> call.</summary>
    public ScoreBuffer Scores { get; }

    /// <summary>True when Score or PredictedLabel was asked for.</summary>
    public bool NeedsScores => _active[_schema.ScoreIndex] || (_schema.PredictedLabelIndex >= 0 && _active[_schema.PredictedLabelIndex]);

    public bool IsActive(DataViewSchema.Column column) => _active[column.Index];

    /// <summary>
    /// Scores every row of <see cref="Chunk"/> into <see cref="Scores"/>, in batches of up to
    /// <see cref="RnnTransformer.ScoringBatchSize"/> rows of similar length: ONNX Runtime's recurrent kernels run every
    /// row of a batch to the batch's longest, so sorting first saves the padded steps. Scores keep the chunk's row order.
    /// </summary>
    public void ScoreChunk()
    {
        Scores.Begin(Chunk, Chunk.Count);
        _plan.PlanByLength(Chunk);
        for (int b = 0; b < _plan.Count; b++)
        {
            var rows = _plan.Batch(b);
            _batch.Fill(Chunk, rows);
            _transformer.Scorer.Score(_batch, Scores.Stage(_batch));
            Scores.Keep(_batch, rows);
        }
    }

    /// <summary>The getter of an output column: a score column over <see cref="Scores"/>, or the input's own getter.</summary>
    /// <param name="column">An output column.</param>
    /// <param name="input">The input row or cursor that serves pass-through columns.</param>
    /// <param name="currentRow">The current row's index within the scored block; may score it first.</param>
    public ValueGetter<TValue> Getter<TValue>(DataViewSchema.Column column, DataViewRow input, Func<int> currentRow)
    {
        if (!_active[column.Index])
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when the row or cursor was created.");
        return ScoreGetters.For<TValue>(_schema, column, Scores, currentRow) ?? input.GetGetter<TValue>(_schema.Input[column.Index]);
    }
}
