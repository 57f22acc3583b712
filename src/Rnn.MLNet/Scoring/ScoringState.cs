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

    public ScoringState(RnnTransformer transformer, ScoredSchema schema, IEnumerable<DataViewSchema.Column> active)
    {
        _transformer = transformer;
        _schema = schema;
        _active = new bool[schema.Output.Count];
        foreach (var column in active)
            _active[column.Index] = true;
        Scores = new ScoreBuffer(transformer.Network.Head.Outputs, schema.PerStep);
        _batch = new PaddedBatch(schema.FeatureInput.ValuesPerStep, schema.FeatureInput.IsTokens);
    }

    /// <summary>Rows read for the next scoring call.</summary>
    public SequenceChunk Chunk { get; } = new();

    /// <summary>Scores of the last <see cref="Score"/> call.</summary>
    public ScoreBuffer Scores { get; }

    /// <summary>True when Score or PredictedLabel was asked for.</summary>
    public bool NeedsScores => _active[_schema.ScoreIndex] || (_schema.PredictedLabelIndex >= 0 && _active[_schema.PredictedLabelIndex]);

    public bool IsActive(DataViewSchema.Column column) => _active[column.Index];

    /// <summary>Scores rows <paramref name="rows"/> of <see cref="Chunk"/> in one call into <see cref="Scores"/>.</summary>
    public void Score(ReadOnlySpan<int> rows)
    {
        _batch.Fill(Chunk, rows);
        _transformer.Scorer.Score(_batch, Scores.Reserve(_batch));
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
