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
}
