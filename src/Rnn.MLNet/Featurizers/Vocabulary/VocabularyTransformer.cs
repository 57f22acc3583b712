using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// A fitted <see cref="VocabularyOneHotEstimator"/> or <see cref="EmbeddingIndicesEstimator"/>: adds
/// <see cref="OutputColumnName"/>, a vector of <c>Key&lt;UInt32, V&gt;</c> (V = <see cref="Vocabulary"/>.Count) with one key
/// per token: token <c>Vocabulary[i]</c> is key i + 1, any other token key 0 (unknown). Rows keep their own length.
/// Saved as ML.NET built-ins (tokenizers, ApplyOnnxModel for truncation, MapValueToKey); after loading, read the
/// vocabulary from the output column with <see cref="RnnVocabulary.FromSchema"/>.
/// </summary>
public sealed class VocabularyTransformer : FeaturizerTransformer
{
    private readonly VocabularyOptions _options;
    private readonly string _name;
    private readonly int? _knownLength;

    internal VocabularyTransformer(TransformerChain<ITransformer> chain, IReadOnlyList<string> vocabulary, VocabularyOptions options, string name, int? knownLength)
        : base(chain)
    {
        Vocabulary = vocabulary;
        _options = options;
        _name = name;
        _knownLength = knownLength;
    }

    /// <summary>The tokens with a key of their own, most frequent first: <c>Vocabulary[i]</c> has key i + 1.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Column of text or tokens read.</summary>
    public string InputColumnName => _options.InputColumn;

    /// <summary>Column of keys written.</summary>
    public string OutputColumnName => _options.OutputColumnName;

    private protected override void CheckInput(DataViewSchema inputSchema) =>
        VocabularyInput.Check(inputSchema, _options, _name, _knownLength);
}
