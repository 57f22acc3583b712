using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Turns an image's pixel vector into a sequence for <see cref="RnnTrainer"/>: each pixel row (or column) is one
/// time step. Input: a vector of <see cref="float"/> or <see cref="byte"/> pixels, row-major
/// (e.g. from ML.NET's <c>ExtractPixels</c> or raw MNIST-style vectors). Output: <c>Vector&lt;Single, steps, features&gt;</c>,
/// so the trainer reads InputSize from the last dimension.
/// </summary>
/// <remarks>
/// Fit needs no data; it builds a tiny ONNX graph (reshape, one gather, multiply) run by ML.NET's ApplyOnnxModel,
/// so a saved pipeline loads with plain <c>mlContext.Model.Load</c>.
/// </remarks>
public sealed class ImageRowsEstimator : IEstimator<ImageRowsTransformer>
{
    internal const string Name = "ImageRows";

    private readonly MLContext _mlContext;
    private readonly DevicePolicy _devices;
    private readonly ImageRowsOptions _options;

    /// <summary>Creates the estimator; the options are validated and copied here.</summary>
    public ImageRowsEstimator(MLContext mlContext, ImageRowsOptions options)
        : this(HostContext.From(mlContext), options)
    {
    }

    internal ImageRowsEstimator(HostContext context, ImageRowsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _mlContext = context.Builder;
        _devices = context.Devices;
        _options = options.Clone().Validate();
    }

    /// <summary>Checks the input column and describes the output (input columns plus the steps column) without fitting.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = ColumnLookup.Find(inputSchema, _options.InputColumn, $"{Name}: input column");
        bool isVector = column.Kind != SchemaShape.Column.VectorKind.Scalar;
        bool byteInput = column.ItemType == NumberDataViewType.Byte;
        if (!isVector || column.IsKey || (column.ItemType != NumberDataViewType.Single && !byteInput))
            throw FeaturizerColumns.WrongType(Name, _options.InputColumn, FeaturizerColumns.Describe(column), ExpectedType);
        return Chain(byteInput, column.Kind == SchemaShape.Column.VectorKind.Vector).GetOutputSchema(inputSchema);
    }

    /// <summary>Checks the input column (and, for variable-size vectors, the first row's length) and returns the fitted transformer.</summary>
    public ImageRowsTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var type = ImageRowsTransformer.CheckColumn(input.Schema, _options);
        CheckFirstRow(input);
        var chain = Chain(type.ItemType == NumberDataViewType.Byte, type.IsKnownSize).Fit(input);
        return new ImageRowsTransformer(chain, _options.Clone(), type);
    }

    internal string ExpectedType => ImageRowsTransformer.Expected(_options);

    private EstimatorChain<ITransformer> Chain(bool byteInput, bool knownSize)
    {
        string input = _options.InputColumn, output = _options.OutputColumnName;
        // ONNX names a tensor once; in place, the pixels go in under a helper name.
        string tensorIn = input == output ? FeaturizerColumns.Temporary(output, "Pixels") : input;
        var graph = ImageRowsGraph.Build(_options, tensorIn, output, byteInput, knownSize);
        var steps = new List<IEstimator<ITransformer>>();
        if (tensorIn != input)
            steps.Add(_mlContext.Transforms.CopyColumns(tensorIn, input));
        steps.Add(OnnxStep.Create(_devices, output, tensorIn, graph));
        if (tensorIn != input)
            steps.Add(_mlContext.Transforms.DropColumns(tensorIn));
        return OnnxStep.Chain(steps);
    }

    // Variable-size vectors are checked by the graph on every row; the first row gets a clear message here.
    private void CheckFirstRow(IDataView input)
    {
        var column = input.Schema[_options.InputColumn];
        if (column.Type is VectorDataViewType { IsKnownSize: true })
            return;
        using var cursor = input.GetRowCursor([column]);
        if (!cursor.MoveNext())
            return;
        int length = ((VectorDataViewType)column.Type).ItemType == NumberDataViewType.Byte ? Length<byte>(cursor, column) : Length<float>(cursor, column);
        if (length != _options.PixelValues)
            throw new InvalidOperationException(
                $"{Name}: input column '{_options.InputColumn}' row 0 has {length} values; expected {_options.PixelValues} " +
                $"(Rows {_options.Rows} × Columns {_options.Columns} × Channels {_options.Channels}).");
    }

    private static int Length<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        VBuffer<T> value = default;
        cursor.GetGetter<VBuffer<T>>(column)(ref value);
        return value.Length;
    }
}
