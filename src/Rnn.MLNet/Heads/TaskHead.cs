using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Everything that differs between the tasks a recurrent network is trained for (<see cref="SequenceTask"/>: classification,
/// per-step labeling, regression), from the label column to the saved model: the options a task accepts, the label it
/// reads and checks, the targets, loss and metrics it trains with (<see cref="ITrainingObjective"/>), the outputs of its
/// network (and so of its ONNX graph, whose Rnn.Onnx head the description selects), the Score and PredictedLabel columns
/// and their getters, the built-in chain it is saved as and the metadata that brings it back. One subclass per task,
/// picked once by <see cref="TaskHeads"/>; the trainer, transformer, reader and model files ask the head and never test
/// the task themselves.
/// </summary>
internal abstract partial class TaskHead
{
    /// <summary>The task this head trains and scores.</summary>
    public abstract SequenceTask Task { get; }

    /// <summary>True when the head predicts classes (Score holds probabilities, PredictedLabel a key); false for numeric targets.</summary>
    public virtual bool PredictsClasses => true;

    /// <summary>True when the network's head reads every step's output (one prediction per step) rather than the sequence's summary.</summary>
    public virtual bool ReadsEveryStep => false;

    /// <summary>Checks the options only some tasks accept (part of <see cref="RnnTrainerOptions.Validate"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option does not fit this task.</exception>
    public virtual void Validate(RnnTrainerOptions options)
    {
    }

    /// <summary>The trainer's output columns before Fit: checks the label column's shape (the feature column is checked already).</summary>
    public abstract SchemaShape OutputSchema(MLContext builder, SchemaShape input, RnnTrainerOptions options);

    /// <summary>The label column of data to train or validate on, resolved and checked for this task.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The label column is missing or has the wrong type; the message says what to add.</exception>
    public SequenceLabel ResolveLabel(DataViewSchema schema, RnnTrainerOptions options) =>
        Resolve(ColumnLookup.Find(schema, options.LabelColumnName, "The label column"));

    /// <summary>Reads each row's label into the training chunks, checking it.</summary>
    public abstract RowLabels LabelsOf(DataViewRow row, SequenceLabel label, string featureColumn);

    /// <summary>What the head predicts for this training data: class names, or a regressor's targets measured in one pass.</summary>
    public abstract TrainingTargets Targets(IDataView input, SequenceLabel label, CancellationToken cancellation);

    /// <summary>The loss and metrics the network trains with (a classifier's class weights are counted here).</summary>
    public abstract ITrainingObjective Objective(TrainingTargets targets, SequenceLabel label, SequenceReader reader, RnnTrainerOptions options, Device device, IChannel channel);

    /// <summary>Checks that validation rows are labelled like the training rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">They are not.</exception>
    public abstract void CheckValidationLabel(SequenceLabel validation, SequenceLabel training);

    /// <summary>The trained network as a framework-neutral description, with what this head predicts.</summary>
    public abstract RecurrentNetworkDescription Describe(RnnSequenceNetwork network, TrainingTargets targets, SequenceLabel label, IReadOnlyList<string>? vocabulary);

    /// <summary>The label's key type and values that PredictedLabel carries, or null when the head predicts no classes.</summary>
    public virtual LabelInfo? LabelInfo(SequenceLabel label) => null;

    /// <summary>The head's outputs in the training log: "3 classes per sequence".</summary>
    public abstract string DescribeOutputs(int outputs);

    /// <summary>What a checkpoint's fingerprint records of this task's options (empty for the tasks of the first checkpoints).</summary>
    public virtual string Fingerprint(RnnTrainerOptions options) => "";

    /// <summary>
    /// The positions a linear input skip reads (<c>RnnTrainerOptions.SkipInputs</c>, set by the forecaster), checked against the
    /// feature column, or null without one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The task, or the feature column, cannot have a skip.</exception>
    public IReadOnlyList<int>? SkipInputs(RnnTrainerOptions options, SequenceInput features)
    {
        if (options.SkipInputs is not { } positions)
            return null;
        var type = (VectorDataViewType)features.Column.Type;
        if (!AcceptsInputSkip || features.IsTokens || !type.IsKnownSize || positions.Any(p => p < 0 || p >= type.Size))
            throw new InvalidOperationException(
                $"A linear input skip needs a regressor over a fixed-size float feature column with every position within it; '{features.Column.Name}' is {type}.");
        return positions;
    }

    /// <summary>True when a linear skip from the input to the outputs may be trained with this head.</summary>
    protected virtual bool AcceptsInputSkip => false;

    /// <summary>The label column, checked for this task.</summary>
    protected abstract SequenceLabel Resolve(DataViewSchema.Column column);
}
