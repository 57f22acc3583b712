using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>
/// Rnn.MLNet's sequence featurizers on ML.NET's transforms catalogs, with ML.NET's parameter order (the output column
/// first; a null input column means the same name): <c>mlContext.Transforms.ImageRows</c>,
/// <c>mlContext.Transforms.Text.VocabularyOneHot</c> and <c>mlContext.Transforms.Text.EmbeddingIndices</c>.
/// </summary>
public static class RnnFeaturizerCatalog
{
    /// <summary>Pixels → one time step per image row (or column); see <see cref="ImageRowsEstimator"/>.</summary>
    /// <param name="catalog">The transforms catalog, <c>mlContext.Transforms</c>.</param>
    /// <param name="outputColumnName">Column of steps, <c>Vector&lt;Single, steps, features&gt;</c>.</param>
    /// <param name="rows">Image height in pixels.</param>
    /// <param name="columns">Image width in pixels.</param>
    /// <param name="inputColumnName">Vector of float (or byte) pixels, row-major; null reads <paramref name="outputColumnName"/>.</param>
    /// <param name="channels">Values per pixel (planar layout, as ExtractPixels writes by default).</param>
    /// <param name="normalize">Scale 0…255 pixels to 0…1.</param>
    /// <param name="bottomUp">Flip the image vertically first.</param>
    /// <param name="columnsAsSteps">Each image column is one step.</param>
    public static ImageRowsEstimator ImageRows(
        this TransformsCatalog catalog,
        string outputColumnName,
        int rows,
        int columns,
        string? inputColumnName = null,
        int channels = 1,
        bool normalize = true,
        bool bottomUp = false,
        bool columnsAsSteps = false) =>
        catalog.ImageRows(new ImageRowsOptions
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Rows = rows,
            Columns = columns,
            Channels = channels,
            Normalize = normalize,
            BottomUp = bottomUp,
            ColumnsAsSteps = columnsAsSteps,
        });

    /// <summary>Pixels → time steps, configured by <paramref name="options"/>; see <see cref="ImageRowsEstimator"/>.</summary>
    public static ImageRowsEstimator ImageRows(this TransformsCatalog catalog, ImageRowsOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageRowsEstimator(HostContext.FromCatalog(catalog), options);
    }

    /// <summary>Tokens → keys for a one-hot input (small vocabularies, e.g. characters); see <see cref="VocabularyOneHotEstimator"/>.</summary>
    /// <param name="catalog">The text transforms catalog, <c>mlContext.Transforms.Text</c>.</param>
    /// <param name="outputColumnName">Column of keys, <c>Vector&lt;Key&lt;UInt32, V&gt;&gt;</c>; key 0 is the unknown token.</param>
    /// <param name="inputColumnName">Vector of text tokens, or text when <paramref name="tokenization"/> splits it; null reads <paramref name="outputColumnName"/>.</param>
    /// <param name="tokenization">None when the input already holds tokens; Words or Characters to split text.</param>
    /// <param name="maximumVocabularySize">Most frequent tokens that get a key of their own.</param>
    /// <param name="minimumFrequency">Fewer occurrences in the training data make a token unknown.</param>
    /// <param name="maximumLength">Longest row kept, in tokens; null for no limit.</param>
    /// <param name="truncation">Which end of a longer row is kept.</param>
    public static VocabularyOneHotEstimator VocabularyOneHot(
        this TransformsCatalog.TextTransforms catalog,
        string outputColumnName,
        string? inputColumnName = null,
        TextTokenization tokenization = TextTokenization.None,
        int maximumVocabularySize = VocabularyOneHotOptions.DefaultMaximumVocabularySize,
        int minimumFrequency = 1,
        int? maximumLength = null,
        SequenceTruncation truncation = SequenceTruncation.KeepHead) =>
        catalog.VocabularyOneHot(Fill(new VocabularyOneHotOptions(),
            outputColumnName, inputColumnName, tokenization, maximumVocabularySize, minimumFrequency, maximumLength, truncation));

    /// <summary>Tokens → keys for a one-hot input, configured by <paramref name="options"/>; see <see cref="VocabularyOneHotEstimator"/>.</summary>
    public static VocabularyOneHotEstimator VocabularyOneHot(this TransformsCatalog.TextTransforms catalog, VocabularyOneHotOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new VocabularyOneHotEstimator(HostContext.FromCatalog(catalog), options);
    }

    /// <summary>Tokens → indices for a learned embedding; see <see cref="EmbeddingIndicesEstimator"/>.</summary>
    /// <param name="catalog">The text transforms catalog, <c>mlContext.Transforms.Text</c>.</param>
    /// <param name="outputColumnName">Column of keys, <c>Vector&lt;Key&lt;UInt32, V&gt;&gt;</c>; key 0 is the unknown token.</param>
    /// <param name="inputColumnName">Vector of text tokens, or text when <paramref name="tokenization"/> splits it; null reads <paramref name="outputColumnName"/>.</param>
    /// <param name="tokenization">None when the input already holds tokens; Words or Characters to split text.</param>
    /// <param name="maximumVocabularySize">Most frequent tokens that get a key of their own.</param>
    /// <param name="minimumFrequency">Fewer occurrences in the training data make a token unknown.</param>
    /// <param name="maximumLength">Longest row kept, in tokens; null for no limit.</param>
    /// <param name="truncation">Which end of a longer row is kept.</param>
    public static EmbeddingIndicesEstimator EmbeddingIndices(
        this TransformsCatalog.TextTransforms catalog,
        string outputColumnName,
        string? inputColumnName = null,
        TextTokenization tokenization = TextTokenization.None,
        int maximumVocabularySize = EmbeddingIndicesOptions.DefaultMaximumVocabularySize,
        int minimumFrequency = 1,
        int? maximumLength = null,
        SequenceTruncation truncation = SequenceTruncation.KeepHead) =>
        catalog.EmbeddingIndices(Fill(new EmbeddingIndicesOptions(),
            outputColumnName, inputColumnName, tokenization, maximumVocabularySize, minimumFrequency, maximumLength, truncation));

    /// <summary>Tokens → indices for a learned embedding, configured by <paramref name="options"/>; see <see cref="EmbeddingIndicesEstimator"/>.</summary>
    public static EmbeddingIndicesEstimator EmbeddingIndices(this TransformsCatalog.TextTransforms catalog, EmbeddingIndicesOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new EmbeddingIndicesEstimator(HostContext.FromCatalog(catalog), options);
    }

    private static TOptions Fill<TOptions>(
        TOptions options, string outputColumnName, string? inputColumnName, TextTokenization tokenization,
        int maximumVocabularySize, int minimumFrequency, int? maximumLength, SequenceTruncation truncation)
        where TOptions : VocabularyOptions
    {
        options.OutputColumnName = outputColumnName;
        options.InputColumnName = inputColumnName;
        options.Tokenization = tokenization;
        options.MaximumVocabularySize = maximumVocabularySize;
        options.MinimumFrequency = minimumFrequency;
        options.MaximumLength = maximumLength;
        options.Truncation = truncation;
        return options;
    }
}
