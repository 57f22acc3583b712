namespace Rnn.MLNet;

/// <summary>Sequence featurizers on <c>mlContext.Rnn()</c>: image rows, vocabulary one-hot and embedding indices.</summary>
public static class RnnFeaturizerCatalog
{
    /// <summary>Pixels → one time step per image row (or column); see <see cref="ImageRowsEstimator"/>.</summary>
    /// <param name="catalog">The catalog from <c>mlContext.Rnn()</c>.</param>
    /// <param name="inputColumnName">Vector of float (or byte) pixels, row-major.</param>
    /// <param name="rows">Image height in pixels.</param>
    /// <param name="columns">Image width in pixels.</param>
    /// <param name="outputColumnName">Column of steps, <c>Vector&lt;Single, steps, features&gt;</c>.</param>
    /// <param name="channels">Values per pixel (planar layout, as ExtractPixels writes by default).</param>
    /// <param name="normalize">Scale 0…255 pixels to 0…1.</param>
    /// <param name="bottomUp">Flip the image vertically first.</param>
    /// <param name="columnsAsSteps">Each image column is one step.</param>
    public static ImageRowsEstimator ImageRows(
        this RnnCatalog catalog,
        string inputColumnName,
        int rows,
        int columns,
        string outputColumnName = "Features",
        int channels = 1,
        bool normalize = true,
        bool bottomUp = false,
        bool columnsAsSteps = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageRowsEstimator(catalog.MLContext, new ImageRowsOptions
        {
            InputColumnName = inputColumnName,
            OutputColumnName = outputColumnName,
            Rows = rows,
            Columns = columns,
            Channels = channels,
            Normalize = normalize,
            BottomUp = bottomUp,
            ColumnsAsSteps = columnsAsSteps,
        });
    }

    /// <summary>Pixels → time steps, configured by <paramref name="options"/>; see <see cref="ImageRowsEstimator"/>.</summary>
    public static ImageRowsEstimator ImageRows(this RnnCatalog catalog, ImageRowsOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageRowsEstimator(catalog.MLContext, options);
    }

    /// <summary>Tokens → keys for a one-hot input (small vocabularies, e.g. characters); see <see cref="VocabularyOneHotEstimator"/>.</summary>
    /// <param name="catalog">The catalog from <c>mlContext.Rnn()</c>.</param>
    /// <param name="inputColumnName">Vector of text tokens, or text when <paramref name="tokenization"/> splits it.</param>
    /// <param name="outputColumnName">Column of keys, <c>Vector&lt;Key&lt;UInt32, V&gt;&gt;</c>; key 0 is the unknown token.</param>
    /// <param name="tokenization">None when the input already holds tokens; Words or Characters to split text.</param>
    /// <param name="maximumVocabularySize">Most frequent tokens that get a key of their own.</param>
    /// <param name="minimumFrequency">Fewer occurrences in the training data make a token unknown.</param>
    /// <param name="maximumLength">Longest row kept, in tokens; null for no limit.</param>
    /// <param name="truncation">Which end of a longer row is kept.</param>
    public static VocabularyOneHotEstimator VocabularyOneHot(
        this RnnCatalog catalog,
        string inputColumnName,
        string outputColumnName = "Features",
        TextTokenization tokenization = TextTokenization.None,
        int maximumVocabularySize = VocabularyOneHotOptions.DefaultMaximumVocabularySize,
        int minimumFrequency = 1,
        int? maximumLength = null,
        SequenceTruncation truncation = SequenceTruncation.KeepHead)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new VocabularyOneHotEstimator(catalog.MLContext, Fill(new VocabularyOneHotOptions(),
            inputColumnName, outputColumnName, tokenization, maximumVocabularySize, minimumFrequency, maximumLength, truncation));
    }

    /// <summary>Tokens → keys for a one-hot input, configured by <paramref name="options"/>; see <see cref="VocabularyOneHotEstimator"/>.</summary>
    public static VocabularyOneHotEstimator VocabularyOneHot(this RnnCatalog catalog, VocabularyOneHotOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new VocabularyOneHotEstimator(catalog.MLContext, options);
    }

    /// <summary>Tokens → indices for a learned embedding; see <see cref="EmbeddingIndicesEstimator"/>.</summary>
    /// <param name="catalog">The catalog from <c>mlContext.Rnn()</c>.</param>
    /// <param name="inputColumnName">Vector of text tokens, or text when <paramref name="tokenization"/> splits it.</param>
    /// <param name="outputColumnName">Column of keys, <c>Vector&lt;Key&lt;UInt32, V&gt;&gt;</c>; key 0 is the unknown token.</param>
    /// <param name="tokenization">None when the input already holds tokens; Words or Characters to split text.</param>
    /// <param name="maximumVocabularySize">Most frequent tokens that get a key of their own.</param>
    /// <param name="minimumFrequency">Fewer occurrences in the training data make a token unknown.</param>
    /// <param name="maximumLength">Longest row kept, in tokens; null for no limit.</param>
    /// <param name="truncation">Which end of a longer row is kept.</param>
    public static EmbeddingIndicesEstimator EmbeddingIndices(
        this RnnCatalog catalog,
        string inputColumnName,
        string outputColumnName = "Features",
        TextTokenization tokenization = TextTokenization.None,
        int maximumVocabularySize = EmbeddingIndicesOptions.DefaultMaximumVocabularySize,
        int minimumFrequency = 1,
        int? maximumLength = null,
        SequenceTruncation truncation = SequenceTruncation.KeepHead)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new EmbeddingIndicesEstimator(catalog.MLContext, Fill(new EmbeddingIndicesOptions(),
            inputColumnName, outputColumnName, tokenization, maximumVocabularySize, minimumFrequency, maximumLength, truncation));
    }

    /// <summary>Tokens → indices for a learned embedding, configured by <paramref name="options"/>; see <see cref="EmbeddingIndicesEstimator"/>.</summary>
    public static EmbeddingIndicesEstimator EmbeddingIndices(this RnnCatalog catalog, EmbeddingIndicesOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new EmbeddingIndicesEstimator(catalog.MLContext, options);
    }

    private static TOptions Fill<TOptions>(
        TOptions options, string inputColumnName, string outputColumnName, TextTokenization tokenization,
        int maximumVocabularySize, int minimumFrequency, int? maximumLength, SequenceTruncation truncation)
        where TOptions : VocabularyOptions
    {
        options.InputColumnName = inputColumnName;
        options.OutputColumnName = outputColumnName;
        options.Tokenization = tokenization;
        options.MaximumVocabularySize = maximumVocabularySize;
        options.MinimumFrequency = minimumFrequency;
        options.MaximumLength = maximumLength;
        options.Truncation = truncation;
        return options;
    }
}
