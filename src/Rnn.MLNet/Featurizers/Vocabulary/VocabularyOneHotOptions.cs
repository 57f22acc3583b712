namespace Rnn.MLNet;

/// <summary>
/// Options for <see cref="VocabularyOneHotEstimator"/>. The default vocabulary is small (1,000 tokens) because a
/// one-hot input costs the network a weight column per vocabulary entry; characters and small word sets fit well.
/// </summary>
public sealed class VocabularyOneHotOptions : VocabularyOptions
{
    /// <summary>Default <see cref="VocabularyOptions.MaximumVocabularySize"/> for one-hot input.</summary>
    public const int DefaultMaximumVocabularySize = 1_000;

    /// <summary>Creates options with the one-hot defaults.</summary>
    public VocabularyOneHotOptions()
        : base(DefaultMaximumVocabularySize)
    {
    }
}
