using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Onnx;

namespace Rnn.MLNet;

/// <summary>
/// A trained recurrent classifier as an ML.NET transformer. <see cref="Transform"/> is lazy and scores rows in
/// batches; it adds a Score column (class probabilities, slot names = class names) and a PredictedLabel key column
/// with the training label's values, so <c>mlContext.MulticlassClassification.Evaluate</c> works unchanged.
/// </summary>
public sealed class RnnTransformer : ITransformer, IDisposable
{
    private readonly ISequenceScorer _scorer;
    private readonly LabelInfo _label;

    internal RnnTransformer(
        MLContext mlContext, RecurrentNetworkDescription network, string featureColumn, string scoreColumn,
        string predictedLabelColumn, LabelInfo label, int scoringBatchSize)
    {
        MLContext = mlContext;
        Network = network;
        FeatureColumnName = featureColumn;
        ScoreColumnName = scoreColumn;
        PredictedLabelColumnName = predictedLabelColumn;
        ScoringBatchSize = scoringBatchSize;
        _label = label;
        _scorer = new TorchSequenceScorer(network);
    }

    /// <summary>The trained network: architecture, weights and class names.</summary>
    public RecurrentNetworkDescription Network { get; }

    /// <summary>Input column of float steps.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Output column of class probabilities.</summary>
    public string ScoreColumnName { get; }

    /// <summary>Output column of the predicted key.</summary>
    public string PredictedLabelColumnName { get; }

    /// <summary>Rows scored together by <see cref="Transform"/>.</summary>
    public int ScoringBatchSize { get; }

    /// <summary>Class names in score order (the label's key values).</summary>
    public IReadOnlyList<string> ClassNames => Network.ClassNames;

    /// <summary>Always true: the transformer maps each row on its own, so prediction engines work.</summary>
    public bool IsRowToRowMapper => true;

    internal MLContext MLContext { get; }

    internal ISequenceScorer Scorer => _scorer;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateSchema(inputSchema).Output;

    /// <summary>Returns a lazy view of <paramref name="input"/> with Score and PredictedLabel added; rows are scored in batches as they are read.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RnnScoredDataView(this, input, CreateSchema(input.Schema));
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new RnnRowMapper(this, CreateSchema(inputSchema));

    /// <summary>Not supported yet: ML.NET model files need an ONNX-based persisted form.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException(
            $"{nameof(RnnTransformer)} cannot be saved with mlContext.Model.Save yet; keep the fitted transformer in memory or retrain.");

    /// <summary>Releases the native network.</summary>
    public void Dispose() => _scorer.Dispose();

    private ScoredSchema CreateSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ScoredSchema(inputSchema, FeatureColumnName, ScoreColumnName, PredictedLabelColumnName, _label, Network.ClassNames);
    }
}
