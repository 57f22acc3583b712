using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Rnn.Onnx;

namespace Rnn.MLNet;

/// <summary>
/// A trained recurrent classifier, sequence labeler or regressor as an ML.NET transformer. <see cref="Transform"/> is lazy
/// and scores rows in batches through ONNX Runtime on the exported graph. The columns it adds are its task's: a classifier
/// adds a Score column (class probabilities, slot names = class names) and a PredictedLabel key column with the training
/// label's values, so <c>mlContext.MulticlassClassification.Evaluate</c> works unchanged; a sequence labeler adds per-step
/// probabilities and a key per step; a regressor adds Score alone (a <c>Single</c>, or a vector for several targets) in the
/// label's units, so <c>mlContext.Regression.Evaluate</c> works.
/// <c>mlContext.Model.Save</c> stores it as ML.NET's own ONNX transformer (plus key mapping for classes);
/// <see cref="RnnModelFile.LoadTransformer"/> gets this fast batched form back from such a file.
/// </summary>
public sealed class RnnTransformer : ITransformer, IDisposable
{
    private readonly byte[] _batchedOnnx;
    private readonly object _sessionGate = new();
    // Sessions replaced by a IntraOpNumThreads change: cursors opened before it may still score with them.
    private readonly List<OnnxRuntimeSequenceScorer> _replaced = [];
    // Opened on first use, so a CUDA setting that cannot be honoured fails scoring, never the training that made the model.
    private OnnxRuntimeSequenceScorer? _scorer;
    private int? _intraOpNumThreads;
    private OnnxQuantization _quantization;
    private byte[]? _quantizedOnnx;
    private bool _disposed;
    private ITransformer? _persisted;

    internal RnnTransformer(
        HostContext context, RecurrentNetworkDescription network, RnnColumnNames columns, VectorDataViewType featureType,
        LabelInfo? label, int scoringBatchSize, int maximumSequenceLength, bool scalarScore = false)
    {
        Context = context;
        Network = network;
        Head = TaskHeads.Of(network);
        Columns = columns;
        FeatureType = featureType;
        Label = label;
        ScalarScore = Head.ScoresScalar(scalarScore);
        ScoringBatchSize = scoringBatchSize;
        MaximumSequenceLength = maximumSequenceLength;
        _batchedOnnx = RnnOnnxExporter.ToBytes(network, new OnnxExportOptions { Metadata = OnnxMetadata(), ProducerName = MLNetMetadata.ProducerName });
    }

    /// <summary>The trained network: architecture, weights and class names.</summary>
    public RecurrentNetworkDescription Network { get; }

    /// <summary>Input column: float steps (steps × InputSize values) or token keys, as in training.</summary>
    public string FeatureColumnName => Columns.Features;

    /// <summary>Output column: class probabilities (per step for a labeler), or a regressor's predicted values.</summary>
    public string ScoreColumnName => Columns.Score;

    /// <summary>Output column of the predicted key (one per step for a labeler); a regressor has none.</summary>
    public string PredictedLabelColumnName => Columns.PredictedLabel;

    /// <summary>Rows scored together by <see cref="Transform"/>, which reads 8 batches ahead and scores them in batches of similar length (rows keep their order).</summary>
    public int ScoringBatchSize { get; }

    /// <summary>
    /// The training option of the same name: rows longer than this many steps are refused when this transformer scores
    /// them (Transform and prediction engines fail naming the row), as they were in training; 0 accepts any length.
    /// The ONNX graph itself takes any length, so <see cref="RnnOnnxScorer"/> and the form ML.NET loads back with
    /// <c>mlContext.Model.Load</c> do not apply the limit; <see cref="RnnModelFile.LoadTransformer"/> restores it.
    /// </summary>
    public int MaximumSequenceLength { get; }

    /// <summary>True for a regressor: Score holds predicted values and there is no PredictedLabel.</summary>
    public bool IsRegression => !Head.PredictsClasses;

    /// <summary>A regressor's target names in Score order (the label column's name for a <c>Single</c> label); empty for a classifier.</summary>
    public IReadOnlyList<string> TargetNames => Network.Regression?.Names ?? [];

    /// <summary>Class names in score order (the label's key values as text); empty for a regressor.</summary>
    public IReadOnlyList<string> ClassNames => Network.ClassNames;

    /// <summary>
    /// Threads ONNX Runtime may use inside one operator when this transformer scores; null (the default) keeps ONNX
    /// Runtime's own choice, one per physical core. One thread scores single rows about as fast and holds up better
    /// when other busy processes share the cores. Setting a new value opens a new session for the scoring that follows;
    /// cursors already open may finish on the old one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int? IntraOpNumThreads
    {
        get => _intraOpNumThreads;
        set
        {
            if (value is < 1)
                throw new ArgumentOutOfRangeException(nameof(IntraOpNumThreads), value,
                    $"{nameof(RnnTransformer)}.{nameof(IntraOpNumThreads)} is {value}; expected a whole number ≥ 1, or null for ONNX Runtime's default (one thread per core).");
            lock (_sessionGate)
            {
                if (value == _intraOpNumThreads)
                    return;
                if (_scorer is { } current)
                    Replace(current, OpenSession(value, _quantization));

                _intraOpNumThreads = value;
            }
        }
    }

    /// <summary>
    /// How the graph that <see cref="Transform"/> scores and that <see cref="ExportOnnx(string)"/> and
    /// <see cref="ExportTritonModel"/> write stores its weights: <see cref="OnnxQuantization.None"/> (the default: float, any
    /// ONNX runtime) or <see cref="OnnxQuantization.DynamicInt8"/> (8-bit LSTM layers and head through ONNX Runtime's
    /// <c>com.microsoft</c> operators: faster on CPUs, scores within the rounding of the float ones, ONNX Runtime only; GRU
    /// and Elman layers stay float). Setting a new value opens a new session for the scoring that follows; cursors already
    /// open may finish on the old one. <c>mlContext.Model.Save</c> stores the float weights whatever this says (set it again
    /// after <see cref="RnnModelFile.LoadTransformer"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a known quantization.</exception>
    public OnnxQuantization Quantization
    {
        get => _quantization;
        set
        {
            if (!Enum.IsDefined(value))
                throw new ArgumentOutOfRangeException(nameof(Quantization), value,
                    $"{nameof(RnnTransformer)}.{nameof(Quantization)} is {(int)value}; expected {nameof(OnnxQuantization.None)} or {nameof(OnnxQuantization.DynamicInt8)}.");
            lock (_sessionGate)
            {
                if (value == _quantization)
                    return;
                if (_scorer is { } current)
                    Replace(current, OpenSession(_intraOpNumThreads, value));

                _quantization = value;
            }
        }
    }

    /// <summary>
    /// Whether ONNX Runtime scores on a CUDA device. The device follows ML.NET's convention, read when the first row is
    /// scored: <c>MLContext.GpuDeviceId</c> (null = CPU) and, when CUDA is unusable, <c>MLContext.FallbackToCpu</c>
    /// (true: score on the CPU after one warning in the MLContext log; false: scoring throws saying why).
    /// </summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for, is unusable, and MLContext.FallbackToCpu is false.</exception>
    public bool UsesCuda => Session().Session.UsesCuda;

    /// <summary>Always true: the transformer maps each row on its own, so prediction engines work.</summary>
    public bool IsRowToRowMapper => true;

    internal HostContext Context { get; }

    /// <summary>What the network was trained for: its task's head, which owns the output columns and the saved form.</summary>
    internal TaskHead Head { get; }

    internal RnnColumnNames Columns { get; }

    internal VectorDataViewType FeatureType { get; }

    /// <summary>The training label's key type and values; null for a regressor.</summary>
    internal LabelInfo? Label { get; }

    /// <summary>A one-target regressor trained on a <c>Single</c> label: Score is a <c>Single</c> rather than a vector.</summary>
    internal bool ScalarScore { get; }

    internal OnnxRuntimeSequenceScorer Scorer => Session();

    /// <summary>
    /// Writes the network as an ONNX model (batched input, see <see cref="RnnOnnxNames"/>) that <see cref="RnnOnnxScorer"/> or any
    /// ONNX runtime can score (ONNX Runtime alone when <see cref="Quantization"/> is <see cref="OnnxQuantization.DynamicInt8"/>).
    /// </summary>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllBytes(path, Onnx(Quantization));
    }

    /// <summary>Writes the network as an ONNX model to <paramref name="stream"/> (left open), with the weights <see cref="Quantization"/> says.</summary>
    public void ExportOnnx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Onnx(Quantization));
        stream.Flush();
    }

    /// <summary>
    /// Writes the network as model <paramref name="modelName"/> of a Triton Inference Server model repository
    /// (config.pbtxt, &lt;version&gt;/model.onnx, labels.txt; see <see cref="TritonModelRepository"/>), served by Triton's
    /// ONNX Runtime backend on GPUs by default. The model file has the weights <see cref="Quantization"/> says (8-bit operators run
    /// on the CPU even in a GPU instance: choose <see cref="TritonInstanceKind.Cpu"/> for them).
    /// </summary>
    /// <returns>The model's folder.</returns>
    /// <exception cref="ArgumentException">A name or option is invalid, or Streaming is asked for a network that needs whole sequences.</exception>
    public string ExportTritonModel(string repositoryDirectory, string modelName, TritonExportOptions? options = null) =>
        TritonModelRepository.Export(Onnx(Quantization), repositoryDirectory, modelName, options);

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateSchema(inputSchema).Output;

    /// <summary>Returns a lazy view of <paramref name="input"/> with Score (and a classifier's PredictedLabel) added; rows are scored in batches as they are read.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RnnScoredDataView(this, input, CreateSchema(input.Schema));
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new RnnRowMapper(this, CreateSchema(inputSchema));

    /// <summary>Saves as built-in ML.NET transformers (ONNX scoring + key mapping), which any ML.NET app can load.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)PersistedForm).Save(ctx);

    /// <summary>The built-in chain this transformer is saved as; its outputs equal this transformer's.</summary>
    internal ITransformer PersistedForm => _persisted ??= PersistedChain.Build(this);

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        lock (_sessionGate)
        {
            _disposed = true;
            _scorer?.Dispose();
            _scorer = null;
            foreach (var replaced in _replaced)
                replaced.Dispose();
            _replaced.Clear();
        }

        (_persisted as IDisposable)?.Dispose();
    }

    /// <summary>Metadata that lets an ONNX file be turned back into this transformer.</summary>
    internal IDictionary<string, string> OnnxMetadata() => new Dictionary<string, string>
    {
        [MLNetMetadata.FeatureColumn] = Columns.Features,
        [MLNetMetadata.ScoreColumn] = Columns.Score,
        [MLNetMetadata.PredictedLabelColumn] = Columns.PredictedLabel,
        [MLNetMetadata.FeatureSize] = FeatureType.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [MLNetMetadata.ScoringBatchSize] = ScoringBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [MLNetMetadata.MaximumSequenceLength] = MaximumSequenceLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [MLNetMetadata.KeyValuesType] = Label is null ? "" : KeyValuesCodec.TypeName(Label) ?? "Text",
        [MLNetMetadata.ScoreKind] = Head.ScoreKind(ScalarScore),
    };

    private OnnxRuntimeSequenceScorer Session()
    {
        if (Volatile.Read(ref _scorer) is { } scorer)
            return scorer;
        lock (_sessionGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_scorer is null)
                Volatile.Write(ref _scorer, OpenSession(_intraOpNumThreads, _quantization));
            return _scorer!;
        }
    }

    // Under _sessionGate: cursors opened before may still score with the old session, so it is kept until Dispose.
    private void Replace(OnnxRuntimeSequenceScorer current, OnnxRuntimeSequenceScorer next)
    {
        _replaced.Add(current);
        Volatile.Write(ref _scorer, next);
    }

    private OnnxRuntimeSequenceScorer OpenSession(int? threads, OnnxQuantization quantization) =>
        new(RnnOnnxScorer.FromBytes(Onnx(quantization), Context.Devices.ScorerOptions(nameof(RnnTransformer), threads)));

    /// <summary>The batched graph with float or 8-bit weights (the 8-bit one written on first use).</summary>
    private byte[] Onnx(OnnxQuantization quantization) => quantization == OnnxQuantization.None
        ? _batchedOnnx
        : LazyInitializer.EnsureInitialized(ref _quantizedOnnx, () => RnnOnnxExporter.ToBytes(Network, new OnnxExportOptions
        {
            Metadata = OnnxMetadata(),
            ProducerName = MLNetMetadata.ProducerName,
            Quantization = OnnxQuantization.DynamicInt8,
        }));

    private ScoredSchema CreateSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ScoredSchema(inputSchema, Columns, Label, Network, Head, MaximumSequenceLength, ScalarScore);
    }
}
