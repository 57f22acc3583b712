using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>
/// Options for <see cref="RnnTrainer"/> (also taken by <c>mlContext.MulticlassClassification.Trainers.Rnn</c>,
/// <c>mlContext.Regression.Trainers.Rnn</c> and <c>mlContext.Rnn().SequenceLabeling</c>). Column names follow ML.NET's
/// defaults; a classifier's label must be a key column (add <c>mlContext.Transforms.Conversion.MapValueToKey("Label")</c>
/// before the trainer), a regressor's a <c>Single</c> or a known-size vector of <c>Single</c>.
/// </summary>
public sealed class RnnTrainerOptions
{
    private const string Owner = nameof(RnnTrainerOptions);

    /// <summary>Default values of the options, shared with the catalog methods' parameters.</summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="FeatureColumnName"/>, as in ML.NET.</summary>
        public const string FeatureColumnName = "Features";

        /// <summary>Default <see cref="LabelColumnName"/>, as in ML.NET.</summary>
        public const string LabelColumnName = "Label";

        /// <summary>Default <see cref="ScoreColumnName"/>, as in ML.NET.</summary>
        public const string ScoreColumnName = "Score";

        /// <summary>Default <see cref="PredictedLabelColumnName"/>, as in ML.NET.</summary>
        public const string PredictedLabelColumnName = "PredictedLabel";

        /// <summary>Default <see cref="CellType"/>.</summary>
        public const RnnCellType CellType = RnnCellType.Lstm;

        /// <summary>Default <see cref="HiddenSize"/>.</summary>
        public const int HiddenSize = 64;

        /// <summary>Default <see cref="NumLayers"/>.</summary>
        public const int NumLayers = 1;

        /// <summary>Default <see cref="Epochs"/>.</summary>
        public const int Epochs = 10;

        /// <summary>Default <see cref="BatchSize"/>.</summary>
        public const int BatchSize = 64;

        /// <summary>Default <see cref="LearningRate"/>.</summary>
        public const float LearningRate = 1e-3f;

        /// <summary>Default <see cref="ShuffleBufferSize"/>.</summary>
        public const int ShuffleBufferSize = 100_000;

        /// <summary>Default <see cref="ScoringBatchSize"/>.</summary>
        public const int ScoringBatchSize = 64;
    }

    /// <summary>
    /// Input column: a vector of <see cref="float"/> holding steps × <see cref="InputSize"/> values per row, or a vector of
    /// keys holding one token per step (key 0 = unknown token); rows may differ in length.
    /// </summary>
    public string FeatureColumnName { get; set; } = Defaults.FeatureColumnName;

    /// <summary>
    /// Label column: a key (one class per row), or for labeling (<c>Task = Labeling</c>) a vector of keys with one class per step,
    /// or for regression (<c>Task = Regression</c>) a <c>Single</c> (one target) or a known-size vector of <c>Single</c> (several).
    /// </summary>
    public string LabelColumnName { get; set; } = Defaults.LabelColumnName;

    /// <summary>
    /// Output column of class probabilities (softmax): a known-size float vector, or for labeling steps × classes values; for
    /// regression the predicted value (<c>Single</c>) or values (a vector the size of the label), in the label's own units.
    /// </summary>
    public string ScoreColumnName { get; set; } = Defaults.ScoreColumnName;

    /// <summary>Output column of the predicted class (a key with the label's values), or for labeling a vector of keys, one per step; regressors have none.</summary>
    public string PredictedLabelColumnName { get; set; } = Defaults.PredictedLabelColumnName;

    /// <summary>Many-to-one classification, per-step labeling, or many-to-one regression.</summary>
    public SequenceTask Task { get; set; } = TaskHeads.DefaultTask;

    /// <summary>The recurrent cell of every layer.</summary>
    public RnnCellType CellType { get; set; } = Defaults.CellType;

    /// <summary>
    /// Features per time step of float input; a row of n values is n / InputSize steps. 0 takes it from the column type
    /// when that is a [steps, features] vector (as image-row featurizers produce). Must be 0 for token input.
    /// </summary>
    public int InputSize { get; set; }

    /// <summary>
    /// For token input (a key vector column): the width of a learned embedding; 0 feeds tokens as one-hot vectors
    /// (an index lookup, fine for small vocabularies such as characters). Must be 0 for float input.
    /// </summary>
    public int EmbeddingSize { get; set; }

    /// <summary>Hidden units per layer and direction.</summary>
    public int HiddenSize { get; set; } = Defaults.HiddenSize;

    /// <summary>Number of stacked recurrent layers.</summary>
    public int NumLayers { get; set; } = Defaults.NumLayers;

    /// <summary>Whether every layer also reads the sequence backwards.</summary>
    public bool Bidirectional { get; set; }

    /// <summary>
    /// What the output layer of a classifier reads: the final hidden state (<see cref="RnnPooling.Last"/>, the default), or the
    /// maximum or mean of every valid step's output. For a classifier or a regressor, not a labeler (which reads every step);
    /// exported to ONNX as well.
    /// </summary>
    public RnnPooling Pooling { get; set; } = RnnPooling.Last;

    /// <summary>
    /// What a regressor minimises (<c>Task = Regression</c> only). The trainer standardises every target (minus its
    /// training mean, divided by its standard deviation) and the model undoes it, so Score and the exported ONNX graph speak
    /// the label's units while the loss sees targets of comparable size.
    /// </summary>
    public RnnRegressionLoss RegressionLoss { get; set; } = RnnRegressionLoss.SquaredError;

    /// <summary>For <see cref="RnnRegressionLoss.Huber"/>: where the loss turns from squared to linear, in standard deviations of the target.</summary>
    public float HuberDelta { get; set; } = 1f;

    /// <summary>Dropout probability between stacked layers and before the output layer; in [0, 1).</summary>
    public float Dropout { get; set; }

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; set; } = Defaults.Epochs;

    /// <summary>Rows per optimizer step.</summary>
    public int BatchSize { get; set; } = Defaults.BatchSize;

    /// <summary>Optimizer step size.</summary>
    public float LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>The optimizer.</summary>
    public RnnOptimizer Optimizer { get; set; } = RnnOptimizer.Adam;

    /// <summary>Momentum for <see cref="RnnOptimizer.Sgd"/>; 0 is plain SGD.</summary>
    public float Momentum { get; set; }

    /// <summary>
    /// How the learning rate changes over the epochs; null (the default) keeps <see cref="LearningRate"/> throughout,
    /// as <see cref="RnnLearningRateSchedule.Constant"/> does. <see cref="RnnLearningRateSchedule.ReduceOnPlateau"/> needs a
    /// <see cref="ValidationSet"/>.
    /// </summary>
    public RnnLearningRateSchedule? LearningRateSchedule { get; set; }

    /// <summary>
    /// Weight decay: decoupled from the gradient for <see cref="RnnOptimizer.Adam"/> (AdamW: each step also shrinks every
    /// weight by LearningRate × WeightDecay), the classic L2 term added to the gradient for <see cref="RnnOptimizer.Sgd"/>.
    /// 0 (the default) disables it.
    /// </summary>
    public float WeightDecay { get; set; }

    /// <summary>Per-class weights of the loss for imbalanced labels (<see cref="RnnClassWeights.Balanced"/> or by class name); null weighs every class 1.</summary>
    public RnnClassWeights? ClassWeights { get; set; }

    /// <summary>
    /// Label smoothing ε in [0, 1): the training target puts 1 − ε on the true class and spreads ε evenly over all classes,
    /// which keeps the network from growing over-confident. Validation loss is always the plain cross-entropy.
    /// </summary>
    public float LabelSmoothing { get; set; }

    /// <summary>
    /// Stochastic weight averaging: the fitted model's weights are the mean of the weights after each of the last this many epochs
    /// (0, the default, keeps the last epoch's, or with a <see cref="ValidationSet"/> the best epoch's; when set, the average
    /// replaces that choice, and validation reports still score each epoch's own weights). Averaging the end of the training path
    /// steadies a model trained on noisy targets; it costs one copy of the weights. At most <see cref="Epochs"/>.
    /// </summary>
    public int AveragedEpochs { get; set; }

    /// <summary>Clip the global gradient norm to this value before each step; 0 disables clipping.</summary>
    public float GradientClipNorm { get; set; }

    /// <summary>Seed for weight initialisation, dropout and shuffling. Null takes one from the <c>MLContext</c>'s seed.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Where libtorch trains. Null (the default) follows ML.NET's convention for TorchSharp trainers: CUDA device
    /// <c>MLContext.GpuDeviceId</c> when that is set, falling back to the CPU with a logged warning when CUDA is unusable
    /// and <c>MLContext.FallbackToCpu</c> is true (an error otherwise); the CPU when it is not set. An explicit value
    /// overrides the context: "cpu", "cuda" (device 0), "cuda:N", or "auto" (CUDA device 0 when usable, else the CPU).
    /// </summary>
    public string? Device { get; set; }

    /// <summary>Shuffle rows each epoch (within <see cref="ShuffleBufferSize"/> rows at a time); false trains batches of consecutive rows in the data's order.</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>
    /// When shuffling rows of differing lengths, put rows of similar length into the same batch (the shuffled rows are
    /// sorted by length within windows of 100 batches, and the batches then run in a shuffled order), so that little of a
    /// batch is padding. Every row is still trained once per epoch, and the order is still reproducible from the seed.
    /// False keeps batches of random rows, e.g. when length says much about the label. No effect on fixed-length data.
    /// </summary>
    public bool GroupByLength { get; set; } = true;

    /// <summary>Rows held in memory at once while training; shuffling happens within this window.</summary>
    public int ShuffleBufferSize { get; set; } = Defaults.ShuffleBufferSize;

    /// <summary>
    /// Threads libtorch uses inside each operation while <see cref="RnnTrainer.Fit"/> runs (ML.NET's name for the
    /// setting, as in <c>OnnxOptions.IntraOpNumThreads</c>); null keeps libtorch's own count (one per physical core,
    /// usually best on a machine of one's own). Fewer threads help when other busy processes share the cores.
    /// libtorch's count is process-wide: Fit sets it and restores the previous count when done.
    /// </summary>
    public int? IntraOpNumThreads { get; set; }

    /// <summary>
    /// Rows scored together by the fitted transformer (and per validation batch). 64 keeps a recurrent layer's working
    /// set in a core's cache (docs/PERFORMANCE.md, "Measurements behind the defaults").
    /// Transform reads 8 batches ahead and scores them in batches of similar length (rows keep their order).
    /// </summary>
    public int ScoringBatchSize { get; set; } = Defaults.ScoringBatchSize;

    /// <summary>
    /// Rows scored after every epoch (same columns as the training data). With it, progress reports carry validation
    /// loss and accuracy, and the fitted model is the best epoch's, not the last one's.
    /// </summary>
    public IDataView? ValidationSet { get; set; }

    /// <summary>Which validation metric picks the best epoch (regressors: <see cref="EarlyStoppingMetric.Loss"/> only).</summary>
    public EarlyStoppingMetric EarlyStoppingMetric { get; set; } = EarlyStoppingMetric.Loss;

    /// <summary>Stop after this many epochs without a better validation score; 0 trains all <see cref="Epochs"/>. Needs <see cref="ValidationSet"/>.</summary>
    public int EarlyStoppingPatience { get; set; }

    /// <summary>
    /// Folder for checkpoints (model, optimizer, epoch, random state, best validation score). When it holds a checkpoint
    /// of the same configuration, <c>Fit</c> resumes from the newest one. Null disables checkpoints.
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Write a checkpoint every this many epochs (and after the last one).</summary>
    public int CheckpointInterval { get; set; } = 1;

    /// <summary>Longest sequence (in steps) accepted in training and scoring; 0 accepts any length. Longer rows fail with a message naming the row.</summary>
    public int MaximumSequenceLength { get; set; }

    /// <summary>Receives a report after every batch and at every epoch end; progress also goes to ML.NET's log.</summary>
    public IProgress<RnnTrainingProgress>? Progress { get; set; }

    /// <summary>
    /// Stops <see cref="RnnTrainer.Fit"/> before the next batch (or while rows are read) once cancelled: Fit throws
    /// <see cref="OperationCanceledException"/>, and checkpoints already written (the last completed epochs') stay as
    /// they are, so a later Fit with the same <see cref="CheckpointDirectory"/> resumes from them.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Checks every option and throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        OptionChecks.ColumnName(Owner, nameof(FeatureColumnName), FeatureColumnName);
        OptionChecks.ColumnName(Owner, nameof(LabelColumnName), LabelColumnName);
        OptionChecks.ColumnName(Owner, nameof(ScoreColumnName), ScoreColumnName);
        OptionChecks.ColumnName(Owner, nameof(PredictedLabelColumnName), PredictedLabelColumnName);
        OptionChecks.Defined(Owner, nameof(Task), Task);
        OptionChecks.Defined(Owner, nameof(CellType), CellType);
        OptionChecks.Defined(Owner, nameof(Pooling), Pooling);
        OptionChecks.Defined(Owner, nameof(Optimizer), Optimizer);
        if (InputSize < 0)
            throw Bad(nameof(InputSize), InputSize, "0 (from the column type, or token input) or the number of features per time step");
        if (EmbeddingSize < 0)
            throw Bad(nameof(EmbeddingSize), EmbeddingSize, "0 (one-hot tokens, or float input) or the embedding width");
        OptionChecks.Positive(Owner, nameof(HiddenSize), HiddenSize, "hidden units per layer");
        OptionChecks.Positive(Owner, nameof(NumLayers), NumLayers, "the number of stacked layers");
        OptionChecks.Positive(Owner, nameof(Epochs), Epochs, "the number of passes over the data");
        OptionChecks.Positive(Owner, nameof(BatchSize), BatchSize, "rows per optimizer step");
        OptionChecks.Positive(Owner, nameof(ShuffleBufferSize), ShuffleBufferSize, "rows held for shuffling");
        OptionChecks.Positive(Owner, nameof(ScoringBatchSize), ScoringBatchSize, "rows scored per batch");
        if (IntraOpNumThreads is int threads)
            OptionChecks.Positive(Owner, nameof(IntraOpNumThreads), threads, "libtorch threads, or null for libtorch's default");
        OptionChecks.FinitePositive(Owner, nameof(LearningRate), LearningRate);
        if (!(Dropout >= 0 && Dropout < 1))
            throw Bad(nameof(Dropout), Dropout, "a probability in [0, 1)");
        if (!(Momentum >= 0 && Momentum < 1))
            throw Bad(nameof(Momentum), Momentum, "a value in [0, 1)");
        if (!(WeightDecay >= 0) || float.IsInfinity(WeightDecay))
            throw Bad(nameof(WeightDecay), WeightDecay, "0 (off) or a finite number > 0");
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1))
            throw Bad(nameof(LabelSmoothing), LabelSmoothing, "0 (off) or a value in (0, 1)");
        if (LearningRateSchedule is { NeedsValidation: true } && ValidationSet is null)
            throw Bad(nameof(LearningRateSchedule), LearningRateSchedule, $"a schedule that needs no {nameof(ValidationSet)}, or a {nameof(ValidationSet)} for it to follow");
        if (!(GradientClipNorm >= 0) || float.IsInfinity(GradientClipNorm))
            throw Bad(nameof(GradientClipNorm), GradientClipNorm, "0 (off) or a finite number > 0");
        OptionChecks.Positive(Owner, nameof(CheckpointInterval), CheckpointInterval, "epochs between checkpoints");
        if (AveragedEpochs < 0 || AveragedEpochs > Epochs)
            throw Bad(nameof(AveragedEpochs), AveragedEpochs, $"0 (no averaging) to Epochs ({Epochs}): the number of final epochs whose weights are averaged");
        if (EarlyStoppingPatience < 0)
            throw Bad(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "0 (off) or a number of epochs");
        if (EarlyStoppingPatience > 0 && ValidationSet is null)
            throw Bad(nameof(EarlyStoppingPatience), EarlyStoppingPatience, $"0, because no {nameof(ValidationSet)} is set to measure improvement on");
        OptionChecks.Defined(Owner, nameof(EarlyStoppingMetric), EarlyStoppingMetric);
        OptionChecks.Defined(Owner, nameof(RegressionLoss), RegressionLoss);
        OptionChecks.FinitePositive(Owner, nameof(HuberDelta), HuberDelta);
        // What only some tasks accept: pooling (not labeling), an accuracy metric (not regression).
        TaskHeads.For(this).Validate(this);
        if (MaximumSequenceLength < 0)
            throw Bad(nameof(MaximumSequenceLength), MaximumSequenceLength, "0 (no limit) or a number of steps");
        if (CheckpointDirectory is { Length: 0 })
            throw Bad(nameof(CheckpointDirectory), CheckpointDirectory, "null (no checkpoints) or a folder path");
        DevicePolicy.CheckTrainingDevice(Device);
    }

    /// <summary>
    /// Positions of a row's flattened input that a linear skip reads straight to a regressor's outputs (the forecaster's
    /// autoregressive path); null for none. Needs fixed-length rows.
    /// </summary>
    internal IReadOnlyList<int>? SkipInputs { get; set; }

    /// <summary>A learned map of groups of each step's input positions before the recurrent layers (the forecaster's series embedding); null for none.</summary>
    internal InputProjection? InputProjection { get; set; }

    /// <summary>
    /// Quantile levels (increasing, symmetric around 0.5, which they include) a regressor predicts per target with pinball
    /// loss (the forecaster's quantile head); null for one value per target.
    /// </summary>
    internal IReadOnlyList<float>? Quantiles { get; set; }

    /// <summary>A shallow copy (the validation set and progress sink are shared), so a trainer is not changed by later edits.</summary>
    internal RnnTrainerOptions Clone() => (RnnTrainerOptions)MemberwiseClone();

    internal static ArgumentOutOfRangeException Bad(string option, object? value, string expected) =>
        OptionChecks.Bad(Owner, option, value, expected);
}
