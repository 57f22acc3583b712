using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Schema checks shared by the trainer and the transformer, with messages that name the column and what was expected.</summary>
internal static class SequenceColumnChecks
{
    /// <summary>The feature column must be a vector of Single (known or variable size).</summary>
    public static DataViewSchema.Column FeatureColumn(DataViewSchema schema, string name)
    {
        var column = Find(schema, name, "feature");
        if (column.Type is not VectorDataViewType { ItemType: var item } || item != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Feature column '{name}' has type {column.Type}; expected a vector of Single (Vector<Single>) holding steps × InputSize values per row.");
        return column;
    }

    /// <summary>The label column must be a key with a known count; numeric labels get a message that says what to add.</summary>
    public static (DataViewSchema.Column Column, KeyDataViewType Type) LabelColumn(DataViewSchema schema, string name)
    {
        var column = Find(schema, name, "label");
        if (column.Type is KeyDataViewType key)
        {
            if (key.Count == 0 || key.Count > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(schema),
                    $"Label column '{name}' is a key type with count {key.Count}; expected a key type with a known number of classes.");
            return (column, key);
        }

        string hint = column.Type is NumberDataViewType or TextDataViewType or BooleanDataViewType
            ? $" Add mlContext.Transforms.Conversion.MapValueToKey(\"{name}\") before the trainer to turn its values into classes."
            : "";
        throw new ArgumentOutOfRangeException(nameof(schema),
            $"Label column '{name}' has type {column.Type}; expected a key type (one class per row).{hint}");
    }

    private static DataViewSchema.Column Find(DataViewSchema schema, string name, string role)
    {
        if (schema.GetColumnOrNull(name) is { } column)
            return column;
        var available = string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"));
        throw new ArgumentOutOfRangeException(nameof(schema),
            $"The {role} column '{name}' was not found in the input; the columns are {available}.");
    }
}
