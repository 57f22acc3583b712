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
public sealed class EmbeddingIndicesEstimator : VocabularyEstimator
{
    /// <summary>Creates the estimator; the options are validated and copied here.</summary>
    public EmbeddingIndicesEstimator(MLContext mlContext, EmbeddingIndicesOptions options)
        : this(HostContext.From(mlContext), options)
    {
    }

    internal EmbeddingIndicesEstimator(HostContext context, EmbeddingIndicesOptions options)
        : base(context, options, "EmbeddingIndices")
    {
    }
}
