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

    /// <summary>Class names from the label's KeyValues annotation, or "0".."n-1" when it has none.</summary>
    public static string[] ClassNames(DataViewSchema.Column label, int count)
    {
        var names = new string[count];
        if (label.Annotations.Schema.GetColumnOrNull(AnnotationNames.KeyValues) is { Type: VectorDataViewType keyValuesType })
        {
            var values = ReadAnnotationAsText(label.Annotations, keyValuesType.ItemType);
            for (int i = 0; i < count; i++)
                names[i] = i < values.Length ? values[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return names;
        }

        for (int i = 0; i < count; i++)
            names[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return names;
    }

    private static string[] ReadAnnotationAsText(DataViewSchema.Annotations annotations, DataViewType itemType)
    {
        var method = typeof(SequenceColumnChecks).GetMethod(nameof(ReadTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return (string[])method.MakeGenericMethod(itemType.RawType).Invoke(null, [annotations])!;
    }

    private static string[] ReadTyped<T>(DataViewSchema.Annotations annotations)
    {
        VBuffer<T> values = default;
        annotations.GetValue(AnnotationNames.KeyValues, ref values);
        return values.DenseValues().Select(v => v?.ToString() ?? "").ToArray();
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
