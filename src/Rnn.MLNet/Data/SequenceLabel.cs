using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// The label column resolved for the task: one key per row (classification), a key vector with one key per step
/// (labeling), or <see cref="TargetCount"/> numbers per row (regression; <see cref="KeyType"/> is null).
/// </summary>
internal sealed record SequenceLabel(DataViewSchema.Column Column, KeyDataViewType? KeyType, bool PerStep)
{
    public int ClassCount => (int)(KeyType?.Count ?? 0);

    public bool IsRegression => KeyType is null;

    /// <summary>Regression: targets per row (1 for a <c>Single</c> label).</summary>
    public int TargetCount { get; init; }

    /// <summary>Regression: true for a <c>Single</c> label (Score is then a <c>Single</c> too), false for a vector.</summary>
    public bool ScalarTarget { get; init; }

    /// <summary>The head's outputs: classes, or regression targets.</summary>
    public int Outputs => IsRegression ? TargetCount : ClassCount;

    public static SequenceLabel Resolve(DataViewSchema schema, RnnTrainerOptions options)
    {
        string name = options.LabelColumnName;
        var column = ColumnLookup.Find(schema, name, "The label column");
        if (options.Task == SequenceTask.Regression)
            return RegressionLabel.Resolve(column);
        bool perStep = options.Task == SequenceTask.Labeling;
        if (!perStep && column.Type is VectorDataViewType { ItemType: KeyDataViewType })
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Label column '{name}' is a vector of keys; for one label per step set Task = SequenceTask.Labeling.");
        var itemType = perStep && column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
        if (perStep && column.Type is not VectorDataViewType)
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Label column '{name}' has type {column.Type}; sequence labeling expects a vector of keys with one label per step. " +
                $"Map the tag tokens with mlContext.Transforms.Conversion.MapValueToKey(\"{name}\").");
        if (itemType is not KeyDataViewType key)
        {
            string hint = $" Add mlContext.Transforms.Conversion.MapValueToKey(\"{name}\") before the trainer to turn its values into classes.";
            throw new ArgumentOutOfRangeException(nameof(schema),
                perStep
                    ? $"Label column '{name}' has type {column.Type}; expected a vector of keys (one class per step).{hint}"
                    : $"Label column '{name}' has type {column.Type}; expected a key type (one class per row).{hint}");
        }

        if (key.Count == 0 || key.Count > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Label column '{name}' is a key type with count {key.Count}; expected a key type with a known number of classes.");
        return new SequenceLabel(column, key, perStep);
    }
}
