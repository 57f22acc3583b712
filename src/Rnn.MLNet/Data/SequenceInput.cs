using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// What the feature column holds, resolved from its type and the options: float steps (InputSize values each,
/// given or read from a 2-D vector type) or token indices (keys: 1..V known tokens, 0 = unknown) fed through a
/// learned embedding (EmbeddingSize &gt; 0) or one-hot lookup.
/// </summary>
internal sealed record SequenceInput(
    DataViewSchema.Column Column,
    bool IsTokens,
    int ValuesPerStep,
    int NetworkInputSize,
    IReadOnlyList<string>? Vocabulary,
    int EmbeddingSize)
{
    /// <summary>Longest accepted sequence in steps; 0 accepts any length.</summary>
    public int MaximumSteps { get; init; }

    /// <summary>Largest valid token index (V); 0 for float steps.</summary>
    public int MaxTokenIndex => Vocabulary?.Count ?? 0;

    public static SequenceInput Resolve(DataViewSchema schema, RnnTrainerOptions options)
    {
        var column = SequenceColumnChecks.FeatureColumn(schema, options.FeatureColumnName);
        var vector = (VectorDataViewType)column.Type;
        if (vector.ItemType is KeyDataViewType key)
        {
            if (key.RawType != typeof(uint))
                throw new ArgumentOutOfRangeException(nameof(schema),
                    $"Feature column '{column.Name}' holds keys of raw type {key.RawType.Name}; expected UInt32 keys (MapValueToKey's default).");
            if (options.InputSize != 0)
                throw RnnTrainerOptions.Bad(nameof(RnnTrainerOptions.InputSize), options.InputSize,
                    $"0 for token input: feature column '{column.Name}' holds token keys, one per step");
            if (key.Count is 0 or > 50_000_000)
                throw new ArgumentOutOfRangeException(nameof(schema),
                    $"Feature column '{column.Name}' has key type with count {key.Count}; expected a known vocabulary size.");
            var vocabulary = KeyValuesCodec.ClassNames(column, (int)key.Count);
            int width = options.EmbeddingSize > 0 ? options.EmbeddingSize : vocabulary.Length + 1;
            return new SequenceInput(column, IsTokens: true, ValuesPerStep: 1, width, vocabulary, options.EmbeddingSize) { MaximumSteps = options.MaximumSequenceLength };
        }

        if (options.EmbeddingSize != 0)
            throw RnnTrainerOptions.Bad(nameof(RnnTrainerOptions.EmbeddingSize), options.EmbeddingSize,
                $"0: feature column '{column.Name}' holds float steps, not token keys (an embedding needs key-typed tokens)");
        int inputSize = options.InputSize > 0 ? options.InputSize : InputSizeFromDimensions(vector, column.Name);
        if (options.InputSize > 0 && vector.Dimensions.Length >= 2 && vector.Dimensions[^1] > 0 && vector.Dimensions[^1] != options.InputSize)
            throw RnnTrainerOptions.Bad(nameof(RnnTrainerOptions.InputSize), options.InputSize,
                $"{vector.Dimensions[^1]}, the last dimension of feature column '{column.Name}' ({vector}), or 0 to take it from the column");
        return new SequenceInput(column, IsTokens: false, inputSize, inputSize, Vocabulary: null, EmbeddingSize: 0) { MaximumSteps = options.MaximumSequenceLength };
    }

    /// <summary>The feature column of data to be scored by a trained network; its kind must match what the network read in training.</summary>
    public static SequenceInput ForModel(DataViewSchema.Column column, Rnn.Onnx.RecurrentNetworkDescription network)
    {
        var item = ((VectorDataViewType)column.Type).ItemType;
        if (network.Tokens is { } tokens)
        {
            if (item is not KeyDataViewType { RawType: var raw, Count: var count } || raw != typeof(uint))
                throw new ArgumentOutOfRangeException(nameof(column),
                    $"Feature column '{column.Name}' has type {column.Type}; this model reads token keys (UInt32) over a vocabulary of {tokens.Vocabulary.Count}.");
            if (count != (ulong)tokens.Vocabulary.Count)
                throw new ArgumentOutOfRangeException(nameof(column),
                    $"Feature column '{column.Name}' has keys over {count} values; this model was trained on a vocabulary of {tokens.Vocabulary.Count}. " +
                    "Score with the same fitted featurizer that produced the training column.");
            return new SequenceInput(column, IsTokens: true, ValuesPerStep: 1, network.InputSize, tokens.Vocabulary, tokens.IsOneHot ? 0 : tokens.Width);
        }

        if (item != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(column),
                $"Feature column '{column.Name}' has type {column.Type}; this model reads float steps of {network.InputSize} values.");
        return new SequenceInput(column, IsTokens: false, network.InputSize, network.InputSize, Vocabulary: null, EmbeddingSize: 0);
    }

    private static int InputSizeFromDimensions(VectorDataViewType vector, string column)
    {
        // A featurizer that knows its step width says so with a [steps, features] vector type.
        if (vector.Dimensions.Length >= 2 && vector.Dimensions[^1] > 0)
            return vector.Dimensions[^1];
        throw RnnTrainerOptions.Bad(nameof(RnnTrainerOptions.InputSize), 0,
            $"the number of features per time step: feature column '{column}' is {vector}, which does not say how many values make a step");
    }
}
