using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Input checks of the vocabulary featurizers, before Fit and on the fitted transformer, naming the column and what was expected.</summary>
internal static class VocabularyInput
{
    /// <summary>Throws unless the input column holds text the options can make tokens from.</summary>
    public static void Check(DataViewSchema schema, VocabularyOptions options, string featurizer, int? knownLength)
    {
        string name = options.InputColumn;
        var column = ColumnLookup.Find(schema, name, $"{featurizer}: input column");
        var item = column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
        CheckType(options, featurizer, item, item is KeyDataViewType, column.Type is not VectorDataViewType, $"{column.Type}");
        // A truncation graph built for a known-size token vector takes only that size.
        if (knownLength is int n && options.Tokenization == TextTokenization.None && column.Type is VectorDataViewType { Size: var size } && size != n)
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{featurizer}: input column '{name}' has type {column.Type}; the featurizer was fitted on vectors of {n} tokens.");
    }

    public static void CheckType(VocabularyOptions options, string featurizer, DataViewType item, bool isKey, bool isScalar, string actual)
    {
        string name = options.InputColumn;
        if (isKey || item != TextDataViewType.Instance)
            throw FeaturizerColumns.WrongType(featurizer, name, actual,
                options.Tokenization == TextTokenization.None ? "a vector of text tokens (Vector<String>)" : "text (String) or a vector of text (Vector<String>)");
        if (isScalar && options.Tokenization == TextTokenization.None)
            throw FeaturizerColumns.WrongType(featurizer, name, actual,
                "a vector of text tokens (Vector<String>); set Tokenization = Words or Characters to split text, or tokenize first with mlContext.Transforms.Text.TokenizeIntoWords");
    }
}
