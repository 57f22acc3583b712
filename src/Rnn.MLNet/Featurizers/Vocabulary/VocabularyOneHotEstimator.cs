using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>
/// Tokens → one key per step for a one-hot input: <c>Vector&lt;Key&lt;UInt32, V&gt;&gt;</c>, key k in 1…V the k-th vocabulary
/// token, key 0 every unknown token. The one-hot vectors are never built: <see cref="RnnTrainer"/> (EmbeddingSize = 0)
/// looks each key up as a one-hot row of size V + 1, slot 0 being the unknown token.
/// </summary>
/// <remarks>
/// Input: a vector of text tokens, or text split by <see cref="VocabularyOptions.Tokenization"/> (words or characters).
/// Fit counts tokens and picks the vocabulary (see <see cref="VocabularyOptions"/>); rows keep their own length,
/// cut to <see cref="VocabularyOptions.MaximumLength"/> when set. Saved as ML.NET built-ins only.
/// Suited to small vocabularies (characters, a few hundred words); use <see cref="EmbeddingIndicesEstimator"/> for large ones.
/// </remarks>
public sealed class VocabularyOneHotEstimator : VocabularyEstimator
{
    /// <summary>Creates the estimator; the options are validated and copied here.</summary>
    public VocabularyOneHotEstimator(MLContext mlContext, VocabularyOneHotOptions options)
        : this(HostContext.From(mlContext), options)
    {
    }

    internal VocabularyOneHotEstimator(HostContext context, VocabularyOneHotOptions options)
        : base(context, options, "VocabularyOneHot")
    {
    }
}
