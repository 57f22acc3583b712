using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>The training label's key type and key values, carried to the PredictedLabel column.</summary>
internal sealed class LabelInfo
{
    public LabelInfo(KeyDataViewType keyType, DataViewSchema.Annotations annotations)
    {
        KeyType = keyType;
        Annotations = annotations;
        KeyValuesType = annotations.Schema.GetColumnOrNull(AnnotationNames.KeyValues)?.Type as VectorDataViewType;
    }

    public KeyDataViewType KeyType { get; }

    /// <summary>Annotations of the label column; only KeyValues is passed on.</summary>
    public DataViewSchema.Annotations Annotations { get; }

    /// <summary>Type of the KeyValues annotation, or null when the label has none.</summary>
    public VectorDataViewType? KeyValuesType { get; }

    public int ClassCount => (int)KeyType.Count;

    /// <summary>Builds label info from class names alone (text key values), e.g. for a model read back from a file.</summary>
    public static LabelInfo FromClassNames(IReadOnlyList<string> classNames)
    {
        var names = classNames.Select(n => n.AsMemory()).ToArray();
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(AnnotationNames.KeyValues, new VectorDataViewType(TextDataViewType.Instance, names.Length),
            (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(names.Length, (ReadOnlyMemory<char>[])names.Clone()));
        return new LabelInfo(new KeyDataViewType(typeof(uint), names.Length), builder.ToAnnotations());
    }
}
