using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>A regressor's label column: <c>Single</c> (one target) or a known-size vector of <c>Single</c> (several targets).</summary>
internal static class RegressionLabel
{
    public static SequenceLabel Resolve(DataViewSchema.Column column, TaskHead head)
    {
        if (column.Type == NumberDataViewType.Single)
            return new SequenceLabel(column, head) { TargetCount = 1, ScalarTarget = true };
        if (column.Type is VectorDataViewType { ItemType: var item, Size: var size } vector && item == NumberDataViewType.Single)
        {
            if (size == 0)
                throw new ArgumentOutOfRangeException("schema",
                    $"Label column '{column.Name}' is a vector of Single of unknown size ({vector}); a regressor needs the same number of targets " +
                    "in every row: a known-size vector (e.g. [VectorType(n)] or ConcatenateColumns of Single columns) or a Single.");
            return new SequenceLabel(column, head) { TargetCount = size, ScalarTarget = false };
        }

        throw new ArgumentOutOfRangeException("schema",
            $"Label column '{column.Name}' has type {column.Type}; Task = Regression expects Single (one target) or a known-size vector of Single " +
            $"(several targets). Convert it with mlContext.Transforms.Conversion.ConvertType(\"{column.Name}\", outputKind: DataKind.Single)" +
            (column.Type is KeyDataViewType ? ", or use a classifier for key labels." : "."));
    }

    /// <summary>
    /// Names of the targets, in output order: the label column's name for a <c>Single</c>; for a vector, its slot names when
    /// it has them, else <c>Label[0]</c>, <c>Label[1]</c>, ….
    /// </summary>
    public static string[] TargetNames(SequenceLabel label)
    {
        var column = label.Column;
        if (label.ScalarTarget)
            return [column.Name];
        var names = new string[label.TargetCount];
        if (column.Annotations.Schema.GetColumnOrNull(AnnotationNames.SlotNames) is { Type: VectorDataViewType { ItemType: TextDataViewType } })
        {
            VBuffer<ReadOnlyMemory<char>> slots = default;
            column.Annotations.GetValue(AnnotationNames.SlotNames, ref slots);
            int i = 0;
            foreach (var slot in slots.DenseValues().Take(names.Length))
                names[i++] = slot.ToString();
        }

        for (int i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrEmpty(names[i]))
                names[i] = $"{column.Name}[{i}]";
        }

        return names;
    }

    /// <summary>The same check before Fit, on a <see cref="SchemaShape"/> column (whose vector size is not known there).</summary>
    public static void Check(SchemaShape.Column label)
    {
        bool single = label.ItemType == NumberDataViewType.Single && !label.IsKey;
        bool ok = single && label.Kind is SchemaShape.Column.VectorKind.Scalar or SchemaShape.Column.VectorKind.Vector;
        if (!ok)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"Label column '{label.Name}' has type {(label.IsKey ? "key of " : "")}{label.ItemType} ({label.Kind}); Task = Regression expects Single (one target) or a " +
                "known-size vector of Single (several targets).");
    }
}
