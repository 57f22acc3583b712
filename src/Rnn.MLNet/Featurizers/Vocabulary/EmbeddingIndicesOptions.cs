namespace Rnn.MLNet;

/// <summary>
/// Options for <see cref="EmbeddingIndicesEstimator"/>. The default vocabulary is large (20,000 tokens): an
/// embedding's cost grows with vocabulary × EmbeddingSize, far below a one-hot input's.
/// </summary>
public sealed class EmbeddingIndicesOptions : VocabularyOptions
{
    /// <summary>Default <see cref="VocabularyOptions.MaximumVocabularySize"/> for embedding input.</summary>
    public const int DefaultMaximumVocabularySize = 20_000;

    /// <summary>Creates options with the embedding defaults.</summary>
    public EmbeddingIndicesOptions()
        : base(DefaultMaximumVocabularySize)
    {
    }
}
