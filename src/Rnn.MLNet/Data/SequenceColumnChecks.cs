using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Schema checks shared by the trainer and the transformer, with messages that name the column and what was expected.</summary>
internal static class SequenceColumnChecks
{
    /// <summary>The feature column must be a vector of Single (float steps) or of keys (tokens), of known or variable size.</summary>
    public static DataViewSchema.Column FeatureColumn(DataViewSchema schema, string name)
    {
        var column = ColumnLookup.Find(schema, name, "The feature column");
        if (column.Type is not VectorDataViewType { ItemType: var item } || !(item == NumberDataViewType.Single || item is KeyDataViewType))
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Feature column '{name}' has type {column.Type}; expected a vector of Single (Vector<Single>) holding steps × InputSize values per row, " +
                "or a vector of token keys (from MapValueToKey or Rnn.MLNet's vocabulary featurizers).");
        return column;
    }
}
