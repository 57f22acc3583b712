using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using TorchSharp;

namespace Rnn.MLNet;

/// <summary>
/// Trains a recurrent network (Elman tanh/ReLU, LSTM or GRU; stacked, optionally bidirectional) with TorchSharp
/// on variable-length float sequences or token sequences, as an ML.NET estimator. Append it to a pipeline after the
/// featurizers and the label the task reads (<see cref="RnnTrainerOptions.Task"/>: a key per row, a key vector with one key
/// per step, or for regression a <c>Single</c> or known-size <c>Single</c> vector); <see cref="Fit"/> returns an
/// <see cref="RnnTransformer"/> that adds Score and (classifiers and labelers) PredictedLabel. What differs by task is the
/// task's head's (<c>TaskHead</c>); this class is the same for every task.
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

    /// <summary>What the network is trained for (read from the options when asked: <see cref="Options"/> is the trainer's own copy).</summary>
    private TaskHead Head => TaskHeads.For(_options);

    /// <summary>Checks libtorch's recurrent kernels before their first use (the process's guard; tests give their own).</summary>
    internal RecurrentKernelGuard? KernelGuard { get; init; }

    /// <summary>Checks the input columns and describes the output (input columns plus Score and, for classifiers, PredictedLabel) without training.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckFeatureShape(inputSchema);
        return Head.OutputSchema(_context.Builder, inputSchema, _options);
    }

    /// <summary>Trains on <paramref name="input"/> and returns the fitted transformer.</summary>
    public RnnTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options.Validate();
        var features = SequenceInput.Resolve(input.Schema, _options);
        var label = Head.ResolveLabel(input.Schema, _options);

        using var channel = _host.Start(nameof(Fit));
        _options.CancellationToken.ThrowIfCancellationRequested();
        using var buffers = LibTorchBuffers.Enter(out var bufferNotice);
        // Before any libtorch work of this Fit, so intra-op threads it starts inherit the flush.
        using var denormals = DenormalFlush.OnThisThread();
        if (bufferNotice is not null)
            channel.Info(MessageSensitivity.None, bufferNotice);
        // A regressor standardises its targets, so it reads the label column once before training.
        var targets = Head.Targets(input, label, _options.CancellationToken);
        var device = _context.Devices.TrainingDevice(_options.Device, channel);
        int seed = _options.Seed ?? _host.Rand.Next();
        var shape = new NetworkShape(
            _options.CellType, features.NetworkInputSize, _options.HiddenSize, _options.NumLayers, _options.Bidirectional,
            _options.Dropout, label.Outputs,
            TokenRows: features.IsTokens ? features.MaxTokenIndex + 1 : 0, LearnedEmbedding: features.EmbeddingSize > 0, ReadsEveryStep: Head.ReadsEveryStep,
            Pooling: _options.Pooling, SkipInputs: Head.SkipInputs(_options, features), Projection: _options.InputProjection);
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
            using var objective = Head.Objective(targets, label, reader, _options, device, channel);
            var validation = _options.ValidationSet is { } validationSet ? Validation(validationSet, features, label, objective) : null;
            var checkpoints = _options.CheckpointDirectory is { } folder ? new CheckpointStore(folder, RunFingerprint.Of(_options, shape, seed)) : null;
            new RnnTrainingLoop(_options, channel, seed, objective).Run(network, reader, features, input.GetRowCount(), device, validation, checkpoints);

            network.to(torch.CPU);
            var description = Head.Describe(network, targets, label, features.Vocabulary);
            var columns = new RnnColumnNames(_options.FeatureColumnName, _options.ScoreColumnName, _options.PredictedLabelColumnName);
            return new RnnTransformer(_context, description, columns, (VectorDataViewType)features.Column.Type,
                Head.LabelInfo(label), _options.ScoringBatchSize, _options.MaximumSequenceLength, scalarScore: label.ScalarTarget);
        }
    }

    private ValidationEvaluator Validation(IDataView data, SequenceInput trainingInput, SequenceLabel trainingLabel, ITrainingObjective objective)
    {
        // The validation rows must look like the training rows: same feature kind and width, same classes.
        var input = SequenceInput.Resolve(data.Schema, _options);
        var label = Head.ResolveLabel(data.Schema, _options);
        if (input.IsTokens != trainingInput.IsTokens || input.ValuesPerStep != trainingInput.ValuesPerStep
            || !(input.Vocabulary ?? []).SequenceEqual(trainingInput.Vocabulary ?? []))
            throw new ArgumentOutOfRangeException(nameof(RnnTrainerOptions.ValidationSet),
                $"The validation feature column '{input.Column.Name}' ({input.Column.Type}) does not match the training column ({trainingInput.Column.Type}).");
        Head.CheckValidationLabel(label, trainingLabel);
        return new ValidationEvaluator(new SequenceReader(data, input, label, _options.ShuffleBufferSize), input, objective, _options.ScoringBatchSize);
    }

    private string Describe(NetworkShape shape, SequenceInput input) =>
        $"{shape.Cell} ×{shape.NumLayers}{(shape.Bidirectional ? " bidirectional" : "")}, hidden {shape.HiddenSize}, " +
        (input.IsTokens
            ? $"{input.MaxTokenIndex} tokens + unknown as {(input.EmbeddingSize > 0 ? $"{input.EmbeddingSize}-wide embeddings" : "one-hot vectors")}, "
            : $"{input.ValuesPerStep} features per step, ") +
        Head.DescribeOutputs(shape.Classes);

    private void CheckFeatureShape(SchemaShape inputSchema)
    {
        var features = ColumnLookup.Find(inputSchema, _options.FeatureColumnName, "The feature column");
        if (features.Kind == SchemaShape.Column.VectorKind.Scalar || !(features.IsKey || features.ItemType == NumberDataViewType.Single))
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Feature column '{_options.FeatureColumnName}' has type {features.ItemType} ({features.Kind}); expected a vector of Single holding " +
                "steps × InputSize values per row, or a vector of token keys.");
    }
}
