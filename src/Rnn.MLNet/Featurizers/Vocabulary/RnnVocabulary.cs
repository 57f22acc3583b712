using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Reads a token vocabulary back from a key column, e.g. the output of a loaded vocabulary featurizer.</summary>
public static class RnnVocabulary
{
    /// <summary>
    /// The key values of a key (or vector of keys) column as text: entry i is the token of key i + 1.
    /// Works on the output of <see cref="VocabularyOneHotEstimator"/> / <see cref="EmbeddingIndicesEstimator"/>
    /// whether fitted here or loaded with <c>mlContext.Model.Load</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The column is not key-typed or has no text key values.</exception>
    public static IReadOnlyList<string> FromSchema(DataViewSchema.Column column)
    {
        var item = column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
        if (item is not KeyDataViewType)
            throw new ArgumentException($"Column '{column.Name}' has type {column.Type}; expected a key or a vector of keys.", nameof(column));
        if (column.Annotations.Schema.GetColumnOrNull(AnnotationNames.KeyValues) is not { Type: VectorDataViewType { ItemType: TextDataViewType } })
            throw new ArgumentException($"Column '{column.Name}' has no text key values to read a vocabulary from.", nameof(column));
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.Annotations.GetValue(AnnotationNames.KeyValues, ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }
}
