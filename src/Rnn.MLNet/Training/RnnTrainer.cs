using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using TorchSharp;

namespace Rnn.MLNet;

/// <summary>
/// Trains a recurrent network (Elman tanh/ReLU, LSTM or GRU; stacked, optionally bidirectional) with TorchSharp
/// on variable-length float sequences, as an ML.NET estimator. Append it to a pipeline after the featurizers and
/// a key-typed label (or, for <see cref="SequenceTask.Regression"/>, a <c>Single</c> or known-size <c>Single</c> vector label);
/// <see cref="Fit"/> returns an <see cref="RnnTransformer"/> that adds Score and (classifiers) PredictedLabel.
/// </summary>
public sealed class RnnTrainer : IEstimator<RnnTransformer>
{
    // libtorch's random state is process-wide; seeding plus initialisation must not interleave between Fits.
    private static readonly object SeedGate = new();

    private readonly HostContext _context;
    private readonly IHost _host;
    private readonly RnnTrainerOptions _options;

    /// <summary>Creates the trainer; the options are validated and copied here, so later edits to them do not change it.</summary>
    /// <remarks>
    /// The catalog methods (<c>mlContext.MulticlassClassification.Trainers.Rnn</c>, <c>mlContext.Regression.Trainers.Rnn</c>,
    /// <c>mlContext.Rnn().SequenceLabeling</c>) create the same trainer.
    /// </remarks>
    public RnnTrainer(MLContext mlContext, RnnTrainerOptions options)
        : this(HostContext.From(mlContext), options)
    {
    }

    internal RnnTrainer(HostContext context, RnnTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _context = context;
        _options = options.Clone();
        _host = context.Environment.Register(nameof(RnnTrainer));
    }

    /// <summary>The trainer's copy of the options it was created with.</summary>
    public RnnTrainerOptions Options => _options;

    /// <summary>Checks libtorch's recurrent kernels before their first use (the process's guard; tests give their own).</summary>
    internal RecurrentKernelGuard? KernelGuard { get; init; }

    /// <summary>Checks the input columns and describes the output (input columns plus Score and, for classifiers, PredictedLabel) without training.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (_options.Task == SequenceTask.Regression)
        {
            var target = CheckRegressionInputShape(inputSchema);
            return OutputSchemaShape.CreateRegression(_context.Builder, inputSchema, _options.ScoreColumnName, scalar: target.Kind == SchemaShape.Column.VectorKind.Scalar);
        }

        var (classes, labelHasKeyValues) = CheckInputShape(inputSchema);
        return OutputSchemaShape.Create(_context.Builder, inputSchema, _options.ScoreColumnName, _options.PredictedLabelColumnName, classes, labelHasKeyValues,
            perStep: _options.Task == SequenceTask.Labeling);
    }

    /// <summary>Trains on <paramref name="input"/> and returns the fitted transformer.</summary>
    public RnnTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options.Validate();
        var features = SequenceInput.Resolve(input.Schema, _options);
        var label = SequenceLabel.Resolve(input.Schema, _options);
        string[] classNames = label.IsRegression ? [] : KeyValuesCodec.ClassNames(label.Column, label.ClassCount);

        using var channel = _host.Start(nameof(Fit));
        _options.CancellationToken.ThrowIfCancellationRequested();
        using var buffers = LibTorchBuffers.Enter(out var bufferNotice);
        if (bufferNotice is not null)
            channel.Info(MessageSensitivity.None, bufferNotice);
        // A regressor standardises its targets, so it reads the label column once before training.
        var scaling = label.IsRegression ? TargetScaling.Measure(input, label, _options.CancellationToken) : null;
        var device = _context.Devices.TrainingDevice(_options.Device, channel);
        int seed = _options.Seed ?? _host.Rand.Next();
        var shape = new NetworkShape(
            _options.CellType, features.NetworkInputSize, _options.HiddenSize, _options.NumLayers, _options.Bidirectional,
            _options.Dropout, label.Outputs,
            TokenRows: features.IsTokens ? features.MaxTokenIndex + 1 : 0, LearnedEmbedding: features.EmbeddingSize > 0, PerStep: label.PerStep,
            Pooling: _options.Pooling, SkipInputs: SkipInputs(features, label));
        channel.Info(MessageSensitivity.None, $"Training {Describe(shape, features)} on {device.type} with {torch.get_num_threads()} threads, seed {seed}.");

        RnnSequenceNetwork network;
        lock (SeedGate)
        {
            torch.random.manual_seed(seed);
            network = new RnnSequenceNetwork(shape);
        }

        network.Recurrent.Guard = KernelGuard ?? RecurrentKernelGuard.Shared;
        network.Recurrent.KernelNotice = message => channel.Warning(MessageSensitivity.None, message);

        using (network)
        {
            network.to(device);
            var reader = new SequenceReader(input, features, label, _options.ShuffleBufferSize);
            using var objective = Objective(label, classNames, scaling, reader, device, channel);
            var validation = _options.ValidationSet is { } validationSet ? Validation(validationSet, features, label, objective) : null;
            var checkpoints = _options.CheckpointDirectory is { } folder ? new CheckpointStore(folder, RunFingerprint.Of(_options, shape, seed)) : null;
            new RnnTrainingLoop(_options, channel, seed, objective).Run(network, reader, features, input.GetRowCount(), device, validation, checkpoints);

            network.to(torch.CPU);
            var description = NetworkWeights.Describe(network, classNames, features.Vocabulary, scaling?.Describe(RegressionLabel.TargetNames(label)));
            var columns = new RnnColumnNames(_options.FeatureColumnName, _options.ScoreColumnName, _options.PredictedLabelColumnName);
            return new RnnTransformer(_context, description, columns, (VectorDataViewType)features.Column.Type,
                label.KeyType is { } key ? new LabelInfo(key, label.Column.Annotations) : null, _options.ScoringBatchSize, _options.MaximumSequenceLength,
                scalarScore: label.ScalarTarget);
        }
    }

    /// <summary>What the network trains for: standardised targets for a regressor, else cross-entropy with the class weights resolved.</summary>
    private ITrainingObjective Objective(SequenceLabel label, string[] classNames, TargetScaling? scaling, SequenceReader reader, torch.Device device, IChannel channel)
    {
        if (scaling is not null)
            return new RegressionObjective(scaling, _options.RegressionLoss, _options.HuberDelta);
        var classWeights = _options.ClassWeights?.Resolve(classNames, () => LabelCounts.Count(reader, label.ClassCount, label.PerStep, _options.CancellationToken));
        if (classWeights is not null)
            channel.Info(MessageSensitivity.None, $"Class weights ({_options.ClassWeights}): {string.Join(", ", classNames.Zip(classWeights, (c, w) => $"{c} {w:G4}"))}.");
        return new ClassificationObjective(label.PerStep, label.ClassCount, classWeights, _options.LabelSmoothing, device);
    }

    /// <summary>The linear skip's positions, checked against fixed-length float rows of a regressor.</summary>
    private IReadOnlyList<int>? SkipInputs(SequenceInput features, SequenceLabel label)
    {
        if (_options.SkipInputs is not { } positions)
            return null;
        var type = (VectorDataViewType)features.Column.Type;
        if (!label.IsRegression || features.IsTokens || !type.IsKnownSize || positions.Any(p => p < 0 || p >= type.Size))
            throw new InvalidOperationException(
                $"A linear input skip needs a regressor over a fixed-size float feature column with every position within it; '{features.Column.Name}' is {type}.");
        return positions;
    }

    private ValidationEvaluator Validation(IDataView data, SequenceInput trainingInput, SequenceLabel trainingLabel, ITrainingObjective objective)
    {
        // The validation rows must look like the training rows: same feature kind and width, same classes.
        var input = SequenceInput.Resolve(data.Schema, _options);
        var label = SequenceLabel.Resolve(data.Schema, _options);
        if (input.IsTokens != trainingInput.IsTokens || input.ValuesPerStep != trainingInput.ValuesPerStep
            || !(input.Vocabulary ?? []).SequenceEqual(trainingInput.Vocabulary ?? []))
            throw new ArgumentOutOfRangeException(nameof(RnnTrainerOptions.ValidationSet),
                $"The validation feature column '{input.Column.Name}' ({input.Column.Type}) does not match the training column ({trainingInput.Column.Type}).");
        if (label.IsRegression && (label.TargetCount != trainingLabel.TargetCount || label.ScalarTarget != trainingLabel.ScalarTarget))
            throw new ArgumentOutOfRangeException(nameof(RnnTrainerOptions.ValidationSet),
                $"The validation label column '{label.Column.Name}' ({label.Column.Type}) does not match the training label column ({trainingLabel.Column.Type}).");
        if (label.ClassCount != trainingLabel.ClassCount)
            throw new ArgumentOutOfRangeException(nameof(RnnTrainerOptions.ValidationSet),
                $"The validation label column '{label.Column.Name}' has {label.ClassCount} classes; the training label has {trainingLabel.ClassCount}. Key both with the same fitted MapValueToKey.");
        return new ValidationEvaluator(new SequenceReader(data, input, label, _options.ShuffleBufferSize), input, objective, _options.ScoringBatchSize);
    }

    private string Describe(NetworkShape shape, SequenceInput input) =>
        $"{shape.Cell} ×{shape.NumLayers}{(shape.Bidirectional ? " bidirectional" : "")}, hidden {shape.HiddenSize}, " +
        (input.IsTokens
            ? $"{input.MaxTokenIndex} tokens + unknown as {(input.EmbeddingSize > 0 ? $"{input.EmbeddingSize}-wide embeddings" : "one-hot vectors")}, "
            : $"{input.ValuesPerStep} features per step, ") +
        (_options.Task == SequenceTask.Regression ? $"{shape.Classes} regression target(s)" : $"{shape.Classes} classes {(shape.PerStep ? "per step" : "per sequence")}");

    private SchemaShape.Column CheckRegressionInputShape(SchemaShape inputSchema)
    {
        CheckFeatureShape(inputSchema);
        var label = ColumnLookup.Find(inputSchema, _options.LabelColumnName, "The label column");
        RegressionLabel.Check(label);
        return label;
    }

    private void CheckFeatureShape(SchemaShape inputSchema)
    {
        var features = ColumnLookup.Find(inputSchema, _options.FeatureColumnName, "The feature column");
        if (features.Kind == SchemaShape.Column.VectorKind.Scalar || !(features.IsKey || features.ItemType == NumberDataViewType.Single))
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Feature column '{_options.FeatureColumnName}' has type {features.ItemType} ({features.Kind}); expected a vector of Single holding " +
                "steps × InputSize values per row, or a vector of token keys.");
    }

    private (int Classes, bool HasKeyValues) CheckInputShape(SchemaShape inputSchema)
    {
        CheckFeatureShape(inputSchema);
        var label = ColumnLookup.Find(inputSchema, _options.LabelColumnName, "The label column");
        bool perStep = _options.Task == SequenceTask.Labeling;
        bool labelIsVector = label.Kind != SchemaShape.Column.VectorKind.Scalar;
        if (!label.IsKey || labelIsVector != perStep)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Label column '{_options.LabelColumnName}' has type {label.ItemType} ({label.Kind}); expected " +
                (perStep ? "a vector of keys (one class per step)" : "a key type (one class per row)") + ". " +
                $"Add mlContext.Transforms.Conversion.MapValueToKey(\"{_options.LabelColumnName}\") before the trainer" +
                (labelIsVector && !perStep ? ", or set Task = SequenceTask.Labeling for one label per step." : "."));
        int classes = label.ItemType is KeyDataViewType { Count: > 0 and <= int.MaxValue } key ? (int)key.Count : 0;
        bool hasKeyValues = label.Annotations.Any(a => a.Name == AnnotationNames.KeyValues);
        return (classes, hasKeyValues);
    }
}
