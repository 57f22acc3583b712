using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using TorchSharp;

namespace Rnn.MLNet;

/// <summary>
/// Trains a recurrent network (Elman tanh/ReLU, LSTM or GRU; stacked, optionally bidirectional) with TorchSharp
/// on variable-length float sequences, as an ML.NET estimator. Append it to a pipeline after the featurizers and
/// a key-typed label; <see cref="Fit"/> returns an <see cref="RnnTransformer"/> that adds Score and PredictedLabel.
/// </summary>
public sealed class RnnTrainer : IEstimator<RnnTransformer>
{
    // libtorch's random state is process-wide; seeding plus initialisation must not interleave between Fits.
    private static readonly object SeedGate = new();

    private readonly MLContext _mlContext;
    private readonly IHost _host;
    private readonly RnnTrainerOptions _options;

    /// <summary>Creates the trainer; the options are validated here and copied when <see cref="Fit"/> runs.</summary>
    public RnnTrainer(MLContext mlContext, RnnTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _mlContext = mlContext;
        _options = options;
        _host = ((IHostEnvironment)mlContext).Register(nameof(RnnTrainer));
    }

    /// <summary>The options this trainer was created with.</summary>
    public RnnTrainerOptions Options => _options;

    /// <summary>Checks the input columns and describes the output (input columns plus Score and PredictedLabel) without training.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var (classes, labelHasKeyValues) = CheckInputShape(inputSchema);
        return OutputSchemaShape.Create(_mlContext, inputSchema, _options.ScoreColumnName, _options.PredictedLabelColumnName, classes, labelHasKeyValues);
    }

    /// <summary>Trains on <paramref name="input"/> and returns the fitted transformer.</summary>
    public RnnTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options.Validate();
        var features = SequenceColumnChecks.FeatureColumn(input.Schema, _options.FeatureColumnName);
        var (label, keyType) = SequenceColumnChecks.LabelColumn(input.Schema, _options.LabelColumnName);
        int classes = (int)keyType.Count;
        var classNames = KeyValuesCodec.ClassNames(label, classes);

        using var channel = _host.Start(nameof(Fit));
        var device = DeviceSelector.Resolve(_options.Device);
        int seed = _options.Seed ?? _host.Rand.Next();
        channel.Info(MessageSensitivity.None,
            $"Training {_options.CellType} ×{_options.NumLayers}{(_options.Bidirectional ? " bidirectional" : "")}, hidden {_options.HiddenSize}, " +
            $"{classes} classes, on {device.type} with {torch.get_num_threads()} threads, seed {seed}.");

        RnnClassifierNetwork network;
        lock (SeedGate)
        {
            torch.random.manual_seed(seed);
            network = new RnnClassifierNetwork(
                _options.CellType, _options.InputSize, _options.HiddenSize, _options.NumLayers, _options.Bidirectional, _options.Dropout, classes);
        }

        using (network)
        {
            network.to(device);
            var reader = new SequenceReader(input, features, label, _options.InputSize, classes, _options.ShuffleBufferSize);
            new RnnTrainingLoop(_options, channel, seed).Run(network, reader, input.GetRowCount(), device);

            network.to(torch.CPU);
            var description = NetworkWeights.Describe(
                network, _options.CellType, _options.InputSize, _options.HiddenSize, _options.NumLayers, _options.Bidirectional, classNames);
            var columns = new RnnColumnNames(_options.FeatureColumnName, _options.ScoreColumnName, _options.PredictedLabelColumnName);
            return new RnnTransformer(_mlContext, description, columns, (VectorDataViewType)features.Type,
                new LabelInfo(keyType, label.Annotations), _options.ScoringBatchSize);
        }
    }

    private (int Classes, bool HasKeyValues) CheckInputShape(SchemaShape inputSchema)
    {
        if (Find(inputSchema, _options.FeatureColumnName) is not { } features)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The feature column '{_options.FeatureColumnName}' was not found in the input.");
        if (features.Kind == SchemaShape.Column.VectorKind.Scalar || features.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Feature column '{_options.FeatureColumnName}' has type {features.ItemType} ({features.Kind}); expected a vector of Single holding steps × InputSize values per row.");
        if (Find(inputSchema, _options.LabelColumnName) is not { } label)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The label column '{_options.LabelColumnName}' was not found in the input.");
        if (!label.IsKey)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Label column '{_options.LabelColumnName}' has type {label.ItemType}; expected a key type (one class per row). " +
                $"Add mlContext.Transforms.Conversion.MapValueToKey(\"{_options.LabelColumnName}\") before the trainer.");
        int classes = label.ItemType is KeyDataViewType { Count: > 0 and <= int.MaxValue } key ? (int)key.Count : 0;
        bool hasKeyValues = label.Annotations.Any(a => a.Name == AnnotationNames.KeyValues);
        return (classes, hasKeyValues);
    }

    // SchemaShape's own lookup is internal; the last column of a name is the visible one.
    private static SchemaShape.Column? Find(SchemaShape shape, string name)
    {
        SchemaShape.Column? found = null;
        foreach (var column in shape)
        {
            if (column.Name == name)
                found = column;
        }

        return found;
    }
}
