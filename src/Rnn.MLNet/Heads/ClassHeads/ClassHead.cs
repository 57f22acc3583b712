using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// What the two class heads (one class per sequence, one per step) share: a key label with known classes, the class
/// names as the output order, cross-entropy with class weights and label smoothing, accuracy, and a PredictedLabel key
/// with the training label's values. Where they differ they ask <see cref="TaskHead.ReadsEveryStep"/>.
/// </summary>
internal abstract partial class ClassHead : TaskHead
{
    public override SchemaShape OutputSchema(MLContext builder, SchemaShape input, RnnTrainerOptions options)
    {
        var label = ColumnLookup.Find(input, options.LabelColumnName, "The label column");
        bool labelIsVector = label.Kind != SchemaShape.Column.VectorKind.Scalar;
        if (!label.IsKey || labelIsVector != ReadsEveryStep)
            throw new ArgumentOutOfRangeException(nameof(input),
                $"Label column '{options.LabelColumnName}' has type {label.ItemType} ({label.Kind}); expected " +
                (ReadsEveryStep ? "a vector of keys (one class per step)" : "a key type (one class per row)") + ". " +
                $"Add mlContext.Transforms.Conversion.MapValueToKey(\"{options.LabelColumnName}\") before the trainer" +
                (labelIsVector && !ReadsEveryStep ? ", or set Task = SequenceTask.Labeling for one label per step." : "."));
        int classes = label.ItemType is KeyDataViewType { Count: > 0 and <= int.MaxValue } key ? (int)key.Count : 0;
        bool hasKeyValues = label.Annotations.Any(a => a.Name == AnnotationNames.KeyValues);
        return OutputSchemaShape.Create(builder, input, options.ScoreColumnName, options.PredictedLabelColumnName, classes, hasKeyValues, perStep: ReadsEveryStep);
    }

    protected override SequenceLabel Resolve(DataViewSchema.Column column)
    {
        string name = column.Name;
        if (!ReadsEveryStep && column.Type is VectorDataViewType { ItemType: KeyDataViewType })
            throw new ArgumentOutOfRangeException("schema",
                $"Label column '{name}' is a vector of keys; for one label per step set Task = SequenceTask.Labeling.");
        var itemType = ReadsEveryStep && column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
        if (ReadsEveryStep && column.Type is not VectorDataViewType)
            throw new ArgumentOutOfRangeException("schema",
                $"Label column '{name}' has type {column.Type}; sequence labeling expects a vector of keys with one label per step. " +
                $"Map the tag tokens with mlContext.Transforms.Conversion.MapValueToKey(\"{name}\").");
        if (itemType is not KeyDataViewType key)
        {
            string hint = $" Add mlContext.Transforms.Conversion.MapValueToKey(\"{name}\") before the trainer to turn its values into classes.";
            throw new ArgumentOutOfRangeException("schema",
                ReadsEveryStep
                    ? $"Label column '{name}' has type {column.Type}; expected a vector of keys (one class per step).{hint}"
                    : $"Label column '{name}' has type {column.Type}; expected a key type (one class per row).{hint}");
        }

        if (key.Count == 0 || key.Count > int.MaxValue)
            throw new ArgumentOutOfRangeException("schema",
                $"Label column '{name}' is a key type with count {key.Count}; expected a key type with a known number of classes.");
        return new SequenceLabel(column, this) { KeyType = key };
    }

    public override TrainingTargets Targets(IDataView input, SequenceLabel label, CancellationToken cancellation) =>
        new(KeyValuesCodec.ClassNames(label.Column, label.ClassCount));

    /// <summary>Cross-entropy over the classes, with the class weights resolved (counted from the training labels for Balanced).</summary>
    public override ITrainingObjective Objective(TrainingTargets targets, SequenceLabel label, SequenceReader reader, RnnTrainerOptions options, Device device, IChannel channel)
    {
        var classNames = targets.ClassNames;
        var classWeights = options.ClassWeights?.Resolve(classNames, () => LabelCounts.Count(reader, label.ClassCount, ReadsEveryStep, options.CancellationToken));
        if (classWeights is not null)
            channel.Info(MessageSensitivity.None, $"Class weights ({options.ClassWeights}): {string.Join(", ", classNames.Zip(classWeights, (c, w) => $"{c} {w:G4}"))}.");
        return new ClassificationObjective(ReadsEveryStep, label.ClassCount, classWeights, options.LabelSmoothing, device);
    }

    public override void CheckValidationLabel(SequenceLabel validation, SequenceLabel training)
    {
        if (validation.ClassCount != training.ClassCount)
            throw new ArgumentOutOfRangeException(nameof(RnnTrainerOptions.ValidationSet),
                $"The validation label column '{validation.Column.Name}' has {validation.ClassCount} classes; the training label has {training.ClassCount}. Key both with the same fitted MapValueToKey.");
    }

    public override RecurrentNetworkDescription Describe(RnnSequenceNetwork network, TrainingTargets targets, SequenceLabel label, IReadOnlyList<string>? vocabulary) =>
        NetworkWeights.Describe(network, targets.ClassNames, vocabulary);

    public override LabelInfo? LabelInfo(SequenceLabel label) => new(label.KeyType!, label.Column.Annotations);

    public override string DescribeOutputs(int outputs) => $"{outputs} classes {(ReadsEveryStep ? "per step" : "per sequence")}";
}
