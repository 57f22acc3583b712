using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Writes the label's key values as text (the ONNX class names) plus their ML.NET type, and rebuilds typed
/// key values from them, so a model read back from a file has the same PredictedLabel key values.
/// </summary>
internal static class KeyValuesCodec
{
    private static readonly Dictionary<string, PrimitiveDataViewType> Types = new()
    {
        ["Text"] = TextDataViewType.Instance,
        ["Single"] = NumberDataViewType.Single,
        ["Double"] = NumberDataViewType.Double,
        ["Int32"] = NumberDataViewType.Int32,
        ["Int64"] = NumberDataViewType.Int64,
        ["UInt32"] = NumberDataViewType.UInt32,
        ["UInt64"] = NumberDataViewType.UInt64,
        ["Boolean"] = BooleanDataViewType.Instance,
    };

    /// <summary>Class names as text, formatted so that <see cref="Decode"/> parses them back exactly.</summary>
    public static string[] ClassNames(DataViewSchema.Column label, int count)
    {
        if (label.Annotations.Schema.GetColumnOrNull(AnnotationNames.KeyValues) is not { Type: VectorDataViewType type })
            return Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var method = typeof(KeyValuesCodec).GetMethod(nameof(Format), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var names = (string[])method.MakeGenericMethod(type.ItemType.RawType).Invoke(null, [label.Annotations])!;
        return Enumerable.Range(0, count).Select(i => i < names.Length ? names[i] : i.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The name <see cref="Decode"/> understands for the label's key values type, or null for types it cannot rebuild.</summary>
    public static string? TypeName(LabelInfo label) =>
        label.KeyValuesType?.ItemType is { } item ? Types.FirstOrDefault(t => t.Value.Equals(item)).Key : null;

    public static LabelInfo Decode(string? typeName, IReadOnlyList<string> names, string source)
    {
        if (typeName is null || typeName == "Text")
            return LabelInfo.FromClassNames(names);
        if (!Types.TryGetValue(typeName, out var type))
            throw new InvalidDataException($"{source}: unknown key values type '{typeName}'.");
        var method = typeof(KeyValuesCodec).GetMethod(nameof(Typed), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return (LabelInfo)method.MakeGenericMethod(type.RawType).Invoke(null, [type, names, source])!;
    }

    private static string[] Format<T>(DataViewSchema.Annotations annotations)
    {
        VBuffer<T> values = default;
        annotations.GetValue(AnnotationNames.KeyValues, ref values);
        return values.DenseValues().Select(v => v switch
        {
            IFormattable f => f.ToString(v is float or double ? "R" : null, CultureInfo.InvariantCulture),
            _ => v?.ToString() ?? "",
        }).ToArray();
    }

    private static LabelInfo Typed<T>(PrimitiveDataViewType type, IReadOnlyList<string> names, string source)
    {
        var values = names.Select(n =>
        {
            try
            {
                return (T)Convert.ChangeType(n, typeof(T), CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new InvalidDataException($"{source}: class name '{n}' is not a {type} key value.", e);
            }
        }).ToArray();
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(AnnotationNames.KeyValues, new VectorDataViewType(type, values.Length),
            (ref VBuffer<T> value) => value = new VBuffer<T>(values.Length, (T[])values.Clone()));
        return new LabelInfo(new KeyDataViewType(typeof(uint), values.Length), builder.ToAnnotations());
    }
}
