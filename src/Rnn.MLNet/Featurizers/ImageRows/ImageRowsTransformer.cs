using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// A fitted <see cref="ImageRowsEstimator"/>: adds <see cref="OutputColumnName"/> as
/// <c>Vector&lt;Single, <see cref="Steps"/>, <see cref="FeaturesPerStep"/>&gt;</c>. Saved as ML.NET's ApplyOnnxModel
/// (plus CopyColumns/DropColumns when it works in place).
/// </summary>
public sealed class ImageRowsTransformer : FeaturizerTransformer
{
    private readonly ImageRowsOptions _options;
    private readonly VectorDataViewType _fittedType;

    internal ImageRowsTransformer(TransformerChain<ITransformer> chain, ImageRowsOptions options, VectorDataViewType fittedType)
        : base(chain)
    {
        _options = options;
        _fittedType = fittedType;
    }

    /// <summary>Column of pixels read.</summary>
    public string InputColumnName => _options.InputColumn;

    /// <summary>Column of steps written.</summary>
    public string OutputColumnName => _options.OutputColumnName;

    /// <summary>Time steps per image: rows, or columns with <see cref="ImageRowsOptions.ColumnsAsSteps"/>.</summary>
    public int Steps => _options.Steps;

    /// <summary>Values per step (pixels along a step × channels): the trainer's InputSize.</summary>
    public int FeaturesPerStep => _options.FeaturesPerStep;

    private protected override void CheckInput(DataViewSchema inputSchema)
    {
        var type = CheckColumn(inputSchema, _options);
        // The graph's input is typed at Fit: byte or float, and a fixed length only for known-size vectors.
        if (type.ItemType != _fittedType.ItemType || (type.IsKnownSize && !_fittedType.IsKnownSize))
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"{ImageRowsEstimator.Name}: input column '{_options.InputColumn}' has type {type}; the featurizer was fitted on {_fittedType}. Fit it on data of this type.");
    }

    /// <summary>Throws unless the pixel column is a float or byte vector of the right (or variable) size; returns its type.</summary>
    internal static VectorDataViewType CheckColumn(DataViewSchema schema, ImageRowsOptions options)
    {
        var column = ColumnLookup.Find(schema, options.InputColumn, $"{ImageRowsEstimator.Name}: input column");
        if (column.Type is not VectorDataViewType vector
            || (vector.ItemType != NumberDataViewType.Single && vector.ItemType != NumberDataViewType.Byte))
            throw FeaturizerColumns.WrongType(ImageRowsEstimator.Name, options.InputColumn, column.Type, Expected(options));
        if (vector.IsKnownSize && vector.Size != options.PixelValues)
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{ImageRowsEstimator.Name}: input column '{options.InputColumn}' has {vector.Size} values per row; expected {options.PixelValues} " +
                $"(Rows {options.Rows} × Columns {options.Columns} × Channels {options.Channels}).");
        return vector;
    }

    internal static string Expected(ImageRowsOptions options) =>
        $"a vector of Single or Byte pixels with {options.PixelValues} values (Rows {options.Rows} × Columns {options.Columns} × Channels {options.Channels})";
}
