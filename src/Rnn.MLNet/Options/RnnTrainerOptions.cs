using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>
/// Options for <see cref="RnnTrainer"/>. Column names follow ML.NET's defaults; the label must be a key
/// column (add <c>mlContext.Transforms.Conversion.MapValueToKey("Label")</c> before the trainer).
/// </summary>
public sealed class RnnTrainerOptions
{
    /// <summary>
    /// Input column: a vector of <see cref="float"/> holding steps × <see cref="InputSize"/> values per row, or a vector of
    /// keys holding one token per step (key 0 = unknown token); rows may differ in length.
    /// </summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>Label column: a key (one class per row), or for <see cref="SequenceTask.Labeling"/> a vector of keys with one class per step.</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Output column of class probabilities (softmax): a known-size float vector, or for labeling steps × classes values.</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Output column of the predicted class (a key with the label's values), or for labeling a vector of keys, one per step.</summary>
    public string PredictedLabelColumnName { get; set; } = "PredictedLabel";

    /// <summary>Many-to-one classification or per-step labeling.</summary>
    public SequenceTask Task { get; set; } = SequenceTask.Classification;

    /// <summary>The recurrent cell of every layer.</summary>
    public RnnCellType CellType { get; set; } = RnnCellType.Lstm;

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
    public int HiddenSize { get; set; } = 64;

    /// <summary>Number of stacked recurrent layers.</summary>
    public int NumLayers { get; set; } = 1;

    /// <summary>Whether every layer also reads the sequence backwards.</summary>
    public bool Bidirectional { get; set; }

    /// <summary>
    /// What the output layer of a classifier reads: the final hidden state (<see cref="RnnPooling.Last"/>, the default), or the
    /// maximum or mean of every valid step's output. Only for <see cref="SequenceTask.Classification"/>; exported to ONNX as well.
    /// </summary>
    public RnnPooling Pooling { get; set; } = RnnPooling.Last;

    /// <summary>Dropout probability between stacked layers and before the output layer; in [0, 1).</summary>
    public float Dropout { get; set; }

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>Rows per optimizer step.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Optimizer step size.</summary>
    public float LearningRate { get; set; } = 1e-3f;

    /// <summary>The optimizer.</summary>
    public RnnOptimizer Optimizer { get; set; } = RnnOptimizer.Adam;

    /// <summary>Momentum for <see cref="RnnOptimizer.Sgd"/>; 0 is plain SGD.</summary>
    public float Momentum { get; set; }

    /// <summary>Clip the global gradient norm to this value before each step; 0 disables clipping.</summary>
    public float GradientClipNorm { get; set; }

    /// <summary>Seed for weight initialisation, dropout and shuffling. Null takes one from the <c>MLContext</c>'s seed.</summary>
    public int? Seed { get; set; }

    /// <summary>"auto" (CUDA when available, else CPU), "cpu" or "cuda".</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Shuffle rows each epoch (within <see cref="ShuffleBufferSize"/> rows at a time).</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>Rows held in memory at once while training; shuffling happens within this window.</summary>
    public int ShuffleBufferSize { get; set; } = 100_000;

    /// <summary>
    /// Threads libtorch uses inside each operation while <see cref="RnnTrainer.Fit"/> runs; null keeps libtorch's own
    /// count (one per physical core, usually best on a machine of one's own). Fewer threads help when other busy
    /// processes share the cores. libtorch's count is process-wide: Fit sets it and restores the previous count when done.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>
    /// Rows scored together by the fitted transformer (and per validation batch). 64 keeps a recurrent layer's working
    /// set in a core's cache; docs/PERFORMANCE.md measured batches of 64 faster than batches of 256 on a 2-core CPU.
    /// </summary>
    public int ScoringBatchSize { get; set; } = 64;

    /// <summary>
    /// Rows scored after every epoch (same columns as the training data). With it, progress reports carry validation
    /// loss and accuracy, and the fitted model is the best epoch's, not the last one's.
    /// </summary>
    public IDataView? ValidationSet { get; set; }

    /// <summary>Which validation metric picks the best epoch.</summary>
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

    /// <summary>Checks every option and throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        RequireName(FeatureColumnName, nameof(FeatureColumnName));
        RequireName(LabelColumnName, nameof(LabelColumnName));
        RequireName(ScoreColumnName, nameof(ScoreColumnName));
        RequireName(PredictedLabelColumnName, nameof(PredictedLabelColumnName));
        if (!Enum.IsDefined(Task))
            throw Bad(nameof(Task), Task, "Classification or Labeling");
        if (!Enum.IsDefined(CellType))
            throw Bad(nameof(CellType), CellType, "one of Tanh, Relu, Lstm, Gru");
        if (!Enum.IsDefined(Pooling))
            throw Bad(nameof(Pooling), Pooling, "Last, Max or Mean");
        if (Pooling != RnnPooling.Last && Task == SequenceTask.Labeling)
            throw Bad(nameof(Pooling), Pooling, "Last for Task = Labeling (a labeling head reads every step's own output; pooling is for classification)");
        if (!Enum.IsDefined(Optimizer))
            throw Bad(nameof(Optimizer), Optimizer, "Adam or Sgd");
        if (InputSize < 0)
            throw Bad(nameof(InputSize), InputSize, "0 (from the column type, or token input) or the number of features per time step");
        if (EmbeddingSize < 0)
            throw Bad(nameof(EmbeddingSize), EmbeddingSize, "0 (one-hot tokens, or float input) or the embedding width");
        Positive(HiddenSize, nameof(HiddenSize), "hidden units per layer");
        Positive(NumLayers, nameof(NumLayers), "the number of stacked layers");
        Positive(Epochs, nameof(Epochs), "the number of passes over the data");
        Positive(BatchSize, nameof(BatchSize), "rows per optimizer step");
        Positive(ShuffleBufferSize, nameof(ShuffleBufferSize), "rows held for shuffling");
        Positive(ScoringBatchSize, nameof(ScoringBatchSize), "rows scored per batch");
        if (NumberOfThreads is int threads)
            Positive(threads, nameof(NumberOfThreads), "libtorch threads, or null for libtorch's default");
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate))
            throw Bad(nameof(LearningRate), LearningRate, "a finite number > 0");
        if (!(Dropout >= 0 && Dropout < 1))
            throw Bad(nameof(Dropout), Dropout, "a probability in [0, 1)");
        if (!(Momentum >= 0 && Momentum < 1))
            throw Bad(nameof(Momentum), Momentum, "a value in [0, 1)");
        if (!(GradientClipNorm >= 0) || float.IsInfinity(GradientClipNorm))
            throw Bad(nameof(GradientClipNorm), GradientClipNorm, "0 (off) or a finite number > 0");
        Positive(CheckpointInterval, nameof(CheckpointInterval), "epochs between checkpoints");
        if (EarlyStoppingPatience < 0)
            throw Bad(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "0 (off) or a number of epochs");
        if (EarlyStoppingPatience > 0 && ValidationSet is null)
            throw Bad(nameof(EarlyStoppingPatience), EarlyStoppingPatience, $"0, because no {nameof(ValidationSet)} is set to measure improvement on");
        if (!Enum.IsDefined(EarlyStoppingMetric))
            throw Bad(nameof(EarlyStoppingMetric), EarlyStoppingMetric, "Loss or Accuracy");
        if (MaximumSequenceLength < 0)
            throw Bad(nameof(MaximumSequenceLength), MaximumSequenceLength, "0 (no limit) or a number of steps");
        if (CheckpointDirectory is { Length: 0 })
            throw Bad(nameof(CheckpointDirectory), CheckpointDirectory, "null (no checkpoints) or a folder path");
        DeviceSelector.Parse(Device);
    }

    private static void Positive(int value, string name, string meaning)
    {
        if (value <= 0)
            throw Bad(name, value, $"a whole number ≥ 1 ({meaning})");
    }

    private static void RequireName(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw Bad(name, value, "a column name");
    }

    internal static ArgumentOutOfRangeException Bad(string option, object? value, string expected) =>
        new(option, value, $"{nameof(RnnTrainerOptions)}.{option} is {Show(value)}; expected {expected}.");

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        float f => f.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
