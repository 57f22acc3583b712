using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>Entry point for Rnn.MLNet components from an <see cref="MLContext"/>: <c>mlContext.Rnn()</c>.</summary>
public sealed class RnnCatalog
{
    internal RnnCatalog(MLContext mlContext) => MLContext = mlContext;

    internal MLContext MLContext { get; }

    /// <summary>A recurrent sequence classifier configured by <paramref name="options"/>.</summary>
    public RnnTrainer Trainer(RnnTrainerOptions options) => new(MLContext, options);

    /// <summary>A recurrent sequence classifier with the most used settings; see <see cref="RnnTrainerOptions"/> for the rest.</summary>
    /// <param name="inputSize">Features per time step.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Vector of float steps.</param>
    /// <param name="cellType">Recurrent cell.</param>
    /// <param name="hiddenSize">Hidden units per layer.</param>
    /// <param name="numLayers">Stacked layers.</param>
    /// <param name="epochs">Passes over the data.</param>
    public RnnTrainer Trainer(
        int inputSize,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        RnnCellType cellType = RnnCellType.Lstm,
        int hiddenSize = 64,
        int numLayers = 1,
        int epochs = 10) =>
        new(MLContext, new RnnTrainerOptions
        {
            InputSize = inputSize,
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            CellType = cellType,
            HiddenSize = hiddenSize,
            NumLayers = numLayers,
            Epochs = epochs,
        });

    /// <summary>
    /// Token accuracy and per-tag precision/recall/F1 of a sequence labeling model's output, counting real steps only.
    /// </summary>
    /// <param name="data">Scored data holding both columns (e.g. <c>model.Transform(test)</c>).</param>
    /// <param name="labelColumnName">Vector of true keys, one per step.</param>
    /// <param name="predictedLabelColumnName">Vector of predicted keys, one per step.</param>
    public SequenceLabelingMetrics EvaluateSequenceLabeling(IDataView data, string labelColumnName = "Label", string predictedLabelColumnName = "PredictedLabel") =>
        SequenceLabelingEvaluator.Evaluate(data, labelColumnName, predictedLabelColumnName);
}

/// <summary>Adds <c>mlContext.Rnn()</c>.</summary>
public static class RnnMLContextExtensions
{
    /// <summary>Rnn.MLNet's trainers and featurizers.</summary>
    public static RnnCatalog Rnn(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new RnnCatalog(mlContext);
    }
}
