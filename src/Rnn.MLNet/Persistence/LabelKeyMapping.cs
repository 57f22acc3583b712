using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Built-in transforms that turn a predicted class name (text) into a key whose KeyValues equal the training
/// label's, in the same order and of the same type, so a reloaded model's PredictedLabel is indistinguishable.
/// </summary>
internal static class LabelKeyMapping
{
    public static IEstimator<ITransformer> Create(
        MLContext ml, LabelInfo label, IReadOnlyList<string> classNames, string textColumn, string outputColumn, List<string> temporaryColumns)
    {
        var valueType = label.KeyValuesType?.ItemType.RawType;
        if (valueType is null || valueType == typeof(ReadOnlyMemory<char>))
            return ml.Transforms.Conversion.MapValueToKey(outputColumn, textColumn, keyData: KeyData(ml, classNames.ToArray()));

        var method = typeof(LabelKeyMapping).GetMethod(nameof(CreateTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return (IEstimator<ITransformer>)method.MakeGenericMethod(valueType)
            .Invoke(null, [ml, label, classNames, textColumn, outputColumn, temporaryColumns])!;
    }

    // Typed key values (numbers, booleans): class name → value with ValueMapping, then value → key.
    private static IEstimator<ITransformer> CreateTyped<T>(
        MLContext ml, LabelInfo label, IReadOnlyList<string> classNames, string textColumn, string outputColumn, List<string> temporaryColumns)
    {
        VBuffer<T> keyValues = default;
        label.Annotations.GetValue(AnnotationNames.KeyValues, ref keyValues);
        var values = keyValues.DenseValues().ToArray();
        string typedColumn = outputColumn + ".RnnPredictedTypedValue";
        temporaryColumns.Add(typedColumn);
        var pairs = classNames.Select((name, i) => new KeyValuePair<string, T>(name, values[i]));
        return ml.Transforms.Conversion.MapValue(typedColumn, pairs, textColumn)
            .Append(ml.Transforms.Conversion.MapValueToKey(outputColumn, typedColumn, keyData: KeyData(ml, values)));
    }

    private static IDataView KeyData<T>(MLContext ml, T[] values) =>
        ml.Data.LoadFromEnumerable(values.Select(v => new ValueRow<T> { Value = v }));

    private sealed class ValueRow<T>
    {
        public T Value { get; set; } = default!;
    }
}
