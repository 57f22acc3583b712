namespace Rnn.MLNet;

/// <summary>
/// Options for <see cref="ImageRowsEstimator"/>: which pixel column to read, the image geometry, and how pixels become time steps.
/// </summary>
public sealed class ImageRowsOptions
{
    /// <summary>Input column: a vector of <see cref="float"/> (or <see cref="byte"/>) pixels, <see cref="Rows"/> × <see cref="Columns"/> × <see cref="Channels"/> values per row. Null means the same as <see cref="OutputColumnName"/>.</summary>
    public string? InputColumnName { get; set; }

    /// <summary>Output column: <c>Vector&lt;Single, steps, features&gt;</c>, the input of <see cref="RnnTrainer"/>.</summary>
    public string OutputColumnName { get; set; } = "Features";

    /// <summary>Image height in pixels.</summary>
    public int Rows { get; set; }

    /// <summary>Image width in pixels.</summary>
    public int Columns { get; set; }

    /// <summary>Values per pixel: 1 for grayscale, 3 or 4 for color.</summary>
    public int Channels { get; set; } = 1;

    /// <summary>
    /// How channels are laid out in the input. False (default, as ML.NET's <c>ExtractPixels</c> writes without
    /// <c>interleavePixelColors</c>): one plane per channel, [channel, row, column]. True: [row, column, channel].
    /// </summary>
    public bool InterleavedChannels { get; set; }

    /// <summary>Multiply every value by <see cref="Scale"/>; on by default because raw pixels are 0…255.</summary>
    public bool Normalize { get; set; } = true;

    /// <summary>Factor applied when <see cref="Normalize"/> is on; 1/255 maps 0…255 to 0…1.</summary>
    public float Scale { get; set; } = 1f / 255;

    /// <summary>Flip the image vertically first: with row steps the bottom row is the first step; with column steps each step lists its pixels bottom to top.</summary>
    public bool BottomUp { get; set; }

    /// <summary>Transpose: each image column is one time step (left to right) instead of each row (top to bottom).</summary>
    public bool ColumnsAsSteps { get; set; }

    internal string InputColumn => InputColumnName ?? OutputColumnName;

    internal int Steps => ColumnsAsSteps ? Columns : Rows;

    /// <summary>Pixels along one step times channels, ordered pixel by pixel with the channels of a pixel together.</summary>
    internal int FeaturesPerStep => (ColumnsAsSteps ? Rows : Columns) * Channels;

    internal int PixelValues => Rows * Columns * Channels;

    internal ImageRowsOptions Validate()
    {
        const string owner = nameof(ImageRowsOptions);
        OptionChecks.ColumnName(owner, nameof(OutputColumnName), OutputColumnName);
        if (InputColumnName is not null)
            OptionChecks.ColumnName(owner, nameof(InputColumnName), InputColumnName);
        OptionChecks.Positive(owner, nameof(Rows), Rows, "image height in pixels");
        OptionChecks.Positive(owner, nameof(Columns), Columns, "image width in pixels");
        OptionChecks.Positive(owner, nameof(Channels), Channels, "values per pixel");
        if ((long)Rows * Columns * Channels > int.MaxValue)
            throw OptionChecks.Bad(owner, nameof(Rows), Rows, $"an image of at most {int.MaxValue} values (Rows × Columns × Channels)");
        if (Normalize && (!float.IsFinite(Scale) || Scale == 0))
            throw OptionChecks.Bad(owner, nameof(Scale), Scale, "a finite, non-zero factor (or Normalize = false)");
        return this;
    }

    /// <summary>A copy, so later edits to the caller's object do not change a constructed estimator.</summary>
    internal ImageRowsOptions Clone() => (ImageRowsOptions)MemberwiseClone();
}
