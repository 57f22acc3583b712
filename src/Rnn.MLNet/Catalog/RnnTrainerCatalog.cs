using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>
/// Recurrent trainers on ML.NET's task catalogs, as ML.NET's own trainers are:
/// <c>mlContext.MulticlassClassification.Trainers.Rnn(...)</c> and <c>mlContext.Regression.Trainers.Rnn(...)</c>.
/// </summary>
public static class RnnTrainerCatalog
{
    /// <summary>
    /// A recurrent sequence classifier (many-to-one) configured by <paramref name="options"/>: Score holds the class
    /// probabilities and PredictedLabel the label's key, so <c>mlContext.MulticlassClassification.Evaluate</c> works unchanged.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> asks for another task, or an option is invalid.</exception>
    public static RnnTrainer Rnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, RnnTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RnnTrainer(HostContext.FromCatalog(catalog),
            ForTask(options, TaskHeads.Classification, "mlContext.MulticlassClassification.Trainers.Rnn"));
    }

    /// <summary>A recurrent sequence classifier with the settings users change most; see <see cref="RnnTrainerOptions"/> for the rest.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">Key-typed label column (one class per row).</param>
    /// <param name="featureColumnName">Vector of float steps (steps × <paramref name="inputSize"/> values) or of token keys.</param>
    /// <param name="inputSize">Features per step of float input; 0 takes it from a [steps, features] column type, and must be 0 for tokens.</param>
    /// <param name="embeddingSize">Width of a learned embedding for token input; 0 feeds tokens one-hot (or reads float steps).</param>
    /// <param name="cellType">Recurrent cell of every layer.</param>
    /// <param name="hiddenSize">Hidden units per layer and direction.</param>
    /// <param name="numLayers">Stacked recurrent layers.</param>
    /// <param name="bidirectional">Whether every layer also reads the sequence backwards.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="learningRate">Adam's step size.</param>
    public static RnnTrainer Rnn(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = RnnTrainerOptions.Defaults.LabelColumnName,
        string featureColumnName = RnnTrainerOptions.Defaults.FeatureColumnName,
        int inputSize = 0,
        int embeddingSize = 0,
        RnnCellType cellType = RnnTrainerOptions.Defaults.CellType,
        int hiddenSize = RnnTrainerOptions.Defaults.HiddenSize,
        int numLayers = RnnTrainerOptions.Defaults.NumLayers,
        bool bidirectional = false,
        int epochs = RnnTrainerOptions.Defaults.Epochs,
        float learningRate = RnnTrainerOptions.Defaults.LearningRate) =>
        catalog.Rnn(Simple(labelColumnName, featureColumnName, inputSize, embeddingSize, cellType, hiddenSize, numLayers, bidirectional, epochs, learningRate));

    /// <summary>
    /// A recurrent sequence regressor (many-to-one, <c>Task = Regression</c>) configured by <paramref name="options"/>:
    /// a <c>Single</c> label gives a <c>Single</c> Score, so <c>mlContext.Regression.Evaluate</c> works unchanged; a known-size
    /// vector label (several targets) gives a Score vector of that size. Targets are standardised for training and the model
    /// predicts in the label's own units.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> asks for another task, or an option is invalid.</exception>
    public static RnnTrainer Rnn(this RegressionCatalog.RegressionTrainers catalog, RnnTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RnnTrainer(HostContext.FromCatalog(catalog),
            ForTask(options, TaskHeads.Regression, "mlContext.Regression.Trainers.Rnn"));
    }

    /// <summary>A recurrent sequence regressor with the settings users change most; see <see cref="RnnTrainerOptions"/> for the rest.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="labelColumnName">Label column: <c>Single</c>, or a known-size vector of <c>Single</c> for several targets.</param>
    /// <param name="featureColumnName">Vector of float steps (steps × <paramref name="inputSize"/> values) or of token keys.</param>
    /// <param name="inputSize">Features per step of float input; 0 takes it from a [steps, features] column type, and must be 0 for tokens.</param>
    /// <param name="embeddingSize">Width of a learned embedding for token input; 0 feeds tokens one-hot (or reads float steps).</param>
    /// <param name="cellType">Recurrent cell of every layer.</param>
    /// <param name="hiddenSize">Hidden units per layer and direction.</param>
    /// <param name="numLayers">Stacked recurrent layers.</param>
    /// <param name="bidirectional">Whether every layer also reads the sequence backwards.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="learningRate">Adam's step size.</param>
    public static RnnTrainer Rnn(
        this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = RnnTrainerOptions.Defaults.LabelColumnName,
        string featureColumnName = RnnTrainerOptions.Defaults.FeatureColumnName,
        int inputSize = 0,
        int embeddingSize = 0,
        RnnCellType cellType = RnnTrainerOptions.Defaults.CellType,
        int hiddenSize = RnnTrainerOptions.Defaults.HiddenSize,
        int numLayers = RnnTrainerOptions.Defaults.NumLayers,
        bool bidirectional = false,
        int epochs = RnnTrainerOptions.Defaults.Epochs,
        float learningRate = RnnTrainerOptions.Defaults.LearningRate) =>
        catalog.Rnn(Simple(labelColumnName, featureColumnName, inputSize, embeddingSize, cellType, hiddenSize, numLayers, bidirectional, epochs, learningRate));

    private static RnnTrainerOptions Simple(
        string labelColumnName, string featureColumnName, int inputSize, int embeddingSize, RnnCellType cellType, int hiddenSize,
        int numLayers, bool bidirectional, int epochs, float learningRate) => new()
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            InputSize = inputSize,
            EmbeddingSize = embeddingSize,
            CellType = cellType,
            HiddenSize = hiddenSize,
            NumLayers = numLayers,
            Bidirectional = bidirectional,
            Epochs = epochs,
            LearningRate = learningRate,
        };

    /// <summary>
    /// A copy of <paramref name="options"/> for the task a catalog method trains: the task is set when the options
    /// leave it at its default, and a different explicit task is refused rather than silently replaced.
    /// </summary>
    internal static RnnTrainerOptions ForTask(RnnTrainerOptions options, TaskHead head, string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        var task = head.Task;
        if (options.Task != task && options.Task != TaskHeads.DefaultTask)
            throw RnnTrainerOptions.Bad(nameof(RnnTrainerOptions.Task), options.Task,
                $"{task} for {entryPoint} (or leave it unset); use new RnnTrainer(mlContext, options) or the entry point of task {options.Task}");
        var copy = options.Clone();
        copy.Task = task;
        return copy;
    }
}
