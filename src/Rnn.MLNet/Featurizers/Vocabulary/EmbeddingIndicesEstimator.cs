using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>
/// Tokens → indices for a learned embedding: <c>Vector&lt;Key&lt;UInt32, V&gt;&gt;</c>, key k in 1…V the k-th vocabulary token,
/// key 0 every unknown token. <see cref="RnnTrainer"/> with EmbeddingSize &gt; 0 learns a (V + 1) × EmbeddingSize table,
/// row 0 for unknown tokens. There is no padding index: rows keep their own length and training packs them.
/// </summary>
/// <remarks>
/// Input: a vector of text tokens, or text split by <see cref="VocabularyOptions.Tokenization"/> (words or characters).
/// Fit counts tokens and picks the vocabulary (see <see cref="VocabularyOptions"/>); rows are cut to
/// <see cref="VocabularyOptions.MaximumLength"/> when set. Saved as ML.NET built-ins only.
/// </remarks>
public sealed class EmbeddingIndicesEstimator : IEstimator<VocabularyTransformer>
{
    internal const string Name = "EmbeddingIndices";

    private readonly VocabularyFeaturizer _featurizer;

    /// <summary>Creates the estimator; the options are validated and copied here.</summary>
    public EmbeddingIndicesEstimator(MLContext mlContext, EmbeddingIndicesOptions options) =>
        _featurizer = new VocabularyFeaturizer(mlContext, options, Name);

    /// <summary>Checks the input column and describes the output (a variable-size vector of keys) without fitting.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _featurizer.GetOutputSchema(inputSchema);

    /// <summary>Counts tokens, builds the vocabulary and returns the fitted transformer.</summary>
    /// <exception cref="InvalidOperationException">No token is frequent enough to enter the vocabulary.</exception>
    public VocabularyTransformer Fit(IDataView input) => _featurizer.Fit(input);
}
