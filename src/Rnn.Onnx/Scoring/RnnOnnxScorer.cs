using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Rnn.Onnx.Heads;
using Rnn.Onnx.Metadata;
using Rnn.Onnx.Scoring;

namespace Rnn.Onnx;

/// <summary>
/// Scores sequences with an ONNX model written by <see cref="RnnOnnxExporter"/> in the
/// <see cref="OnnxInputLayout.Batched"/> layout, using ONNX Runtime. Needs neither ML.NET nor TorchSharp.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe: any number of threads may score at once (each call has its own buffers and one
/// ONNX Runtime run). Do not dispose while calls are in flight.
/// </para>
/// <para>
/// One session serves every kind of model; what a call may do depends on the model's task: classifiers answer
/// <c>Score</c>/<c>ScoreBatch</c>/<c>ScoreTokens</c>, sequence labelers <c>Tag</c>/<c>TagTokens</c>, regressors
/// <c>Predict</c>/<c>PredictBatch</c>/<c>PredictTokens</c> (each in its own file), and any other call says which to make.
/// </para>
/// </remarks>
public sealed partial class RnnOnnxScorer : IDisposable
{
    private static readonly string[] InputNames = [RnnOnnxNames.Input, RnnOnnxNames.SequenceLengths];

    private readonly OnnxSession _session;
    private readonly RnnModelInfo _info;
    private readonly OnnxHead _head;
    private readonly HeadOutput _scored;
    private readonly string[] _outputNames;
    private readonly Lazy<Dictionary<string, int>> _tokenIndex;
    private readonly Lazy<StatefulSession> _stateful;

    /// <summary>Loads the model file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, lacks Rnn.Onnx metadata, or uses the single-row layout.</exception>
    public RnnOnnxScorer(string path, RnnOnnxScorerOptions? options = null)
        : this(SessionFactory.FromFile(path), () => File.ReadAllBytes(path), options, $"ONNX model '{path}'")
    {
    }

    private RnnOnnxScorer(Func<SessionOptions, InferenceSession> open, Func<byte[]> modelBytes, RnnOnnxScorerOptions? options, string source)
    {
        var device = SessionDevice.From(options);
        if (ScoringQuantization.Of(options) == OnnxQuantization.DynamicInt8)
        {
            var quantized = ScoringQuantization.Quantize(modelBytes(), source);
            (open, modelBytes) = (so => new InferenceSession(quantized, so), () => quantized);
        }

        _session = OnnxSession.Open(open, device, source, modelBytes);
        try
        {
            _info = MetadataReader.Read(Metadata, source);
            if (_info.IsForecaster)
                throw new InvalidDataException($"{source} is a forecaster (inputs '{RnnOnnxNames.History}' and '{RnnOnnxNames.Covariates}'); score it with RnnOnnxForecaster.");
            if (_info.Layout != OnnxInputLayout.Batched)
                throw new InvalidDataException(
                    $"{source} was exported with the {RnnOnnxMetadata.LayoutName(_info.Layout)} layout" +
                    (_info.Layout == OnnxInputLayout.SingleRow ? " (for ML.NET's OnnxTransformer)" : " (OpenStream builds that graph itself)") +
                    "; RnnOnnxScorer needs a model exported with OnnxInputLayout.Batched.");
            GraphChecks.RequireBatchedInterface(_session, _info, source);
            _head = _info.Head;
            _scored = _head.BatchedOutputs(_info.Outputs)[0];
            _outputNames = [_scored.Name];
            _tokenIndex = new(() => _info.Vocabulary!.Select((token, i) => (token, i)).ToDictionary(p => p.token, p => p.i + 1, StringComparer.Ordinal));
            // The device this scorer's session got, so a fallback there is not reported again.
            var streamDevice = _session.Device;
            _stateful = new(() => StatefulSession.Open(modelBytes(), source, streamDevice));
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>Loads a model from its bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model, lack Rnn.Onnx metadata, or use the single-row layout.</exception>
    public static RnnOnnxScorer FromBytes(byte[] model, RnnOnnxScorerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        string source = $"ONNX model bytes ({model.Length} bytes)";
        if (model.Length == 0)
            throw new InvalidDataException($"{source} are empty.");
        return new RnnOnnxScorer(so => new InferenceSession(model, so), () => model, options, source);
    }

    /// <summary>Features per time step.</summary>
    public int InputSize => _info.InputSize;

    /// <summary>Class names in probability order.</summary>
    public IReadOnlyList<string> ClassNames => _info.ClassNames;

    /// <summary>Number of classes (length of each probability vector).</summary>
    public int ClassCount => _info.ClassNames.Count;

    /// <summary>True when the model reads token indices (use the token methods); false for float steps.</summary>
    public bool UsesTokens => _info.UsesTokens;

    /// <summary>The known tokens of a token model (index = position + 1; 0 = unknown), else null.</summary>
    public IReadOnlyList<string>? Vocabulary => _info.Vocabulary;

    /// <summary>Cell kind recorded in the model.</summary>
    public RnnCellType Cell => _info.Cell;

    /// <summary>Whether the session runs on ONNX Runtime's CUDA execution provider.</summary>
    public bool UsesCuda => _session.UsesCuda;

    /// <summary>
    /// How the weights being scored are stored: <see cref="OnnxQuantization.DynamicInt8"/> for a file exported so, or for a float
    /// file opened with <see cref="RnnOnnxScorerOptions.Quantization"/>; otherwise <see cref="OnnxQuantization.None"/>.
    /// </summary>
    public OnnxQuantization Quantization => _info.Quantization;

    /// <summary>All metadata of the model: the standard <see cref="RnnOnnxMetadata"/> keys and any extra ones.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.Metadata;

    /// <summary>
    /// Low-level batch scoring for callers that pad themselves: one ONNX Runtime run, no copies.
    /// </summary>
    /// <param name="padded">Batch-first [batch, maxSteps, InputSize] values; steps past a sequence's length are ignored.</param>
    /// <param name="batch">Number of sequences.</param>
    /// <param name="maxSteps">Steps per padded row (at least the longest length).</param>
    /// <param name="lengths">[batch] valid steps per sequence, each in 1..maxSteps.</param>
    /// <param name="probabilities">
    /// Receives [batch, ClassCount] probabilities, or [batch, maxSteps, ClassCount] for a sequence labeler (steps past a length
    /// hold meaningless values), or for a regressor [batch, TargetCount] predicted values.
    /// </param>
    /// <exception cref="ArgumentException">Sizes do not match, a length is out of range, or a valid value is not finite.</exception>
    public void ScoreBatch(ReadOnlySpan<float> padded, int batch, int maxSteps, ReadOnlySpan<int> lengths, Span<float> probabilities)
    {
        RequireValues();
        if (!CheckBatch(padded.Length, batch, maxSteps, lengths, probabilities))
            return;
        int rowWidth = maxSteps * InputSize;
        for (int b = 0; b < batch; b++)
            SequenceChecks.Finite(padded.Slice(b * rowWidth, lengths[b] * InputSize), InputSize, b, b * rowWidth, nameof(padded));
        Run(padded, batch, maxSteps, lengths, probabilities);
    }

    /// <summary>
    /// Low-level batch scoring of token models for callers that pad themselves: one ONNX Runtime run, no copies.
    /// </summary>
    /// <param name="padded">Batch-first [batch, maxSteps] token indices (0 = unknown, 1..V = <see cref="Vocabulary"/>); steps past a length are ignored.</param>
    /// <param name="batch">Number of sequences.</param>
    /// <param name="maxSteps">Steps per padded row.</param>
    /// <param name="lengths">[batch] valid steps per sequence, each in 1..maxSteps.</param>
    /// <param name="probabilities">Receives [batch, ClassCount], or [batch, maxSteps, ClassCount] for a sequence labeler, or [batch, TargetCount] for a regressor.</param>
    /// <exception cref="ArgumentException">Sizes do not match, a length is out of range, or an index (padding included) is outside 0..V.</exception>
    public void ScoreTokenBatch(ReadOnlySpan<long> padded, int batch, int maxSteps, ReadOnlySpan<int> lengths, Span<float> probabilities)
    {
        RequireTokens();
        if (!CheckBatch(padded.Length, batch, maxSteps, lengths, probabilities))
            return;
        // Padding past a length is fed to the graph too (and ignored), so it must be a valid index as well.
        SequenceChecks.TokenIndices(padded, maxSteps, Vocabulary!.Count + 1L, nameof(padded));
        RunTokens(padded, batch, maxSteps, lengths, probabilities);
    }

    /// <summary>Index of <paramref name="token"/> in a token model's vocabulary, or 0 (unknown).</summary>
    public int TokenIndex(string token)
    {
        RequireTokens();
        ArgumentNullException.ThrowIfNull(token);
        return _tokenIndex.Value.TryGetValue(token, out int index) ? index : 0;
    }

    /// <summary>
    /// Opens a stream: one sequence scored as its steps arrive, in chunks of any size (see <see cref="RnnOnnxStream"/>).
    /// The first call builds and opens the model's <see cref="OnnxInputLayout.Stateful"/> graph on the same device as
    /// this scorer; streams share it.
    /// </summary>
    /// <exception cref="NotSupportedException">The model is bidirectional, pools over steps or is a regressor, so it needs whole sequences.</exception>
    public RnnOnnxStream OpenStream()
    {
        ThrowIfDisposed();
        return new RnnOnnxStream(this, _stateful.Value, _head);
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        if (_session.IsDisposed)
            return;
        _session.Dispose();
        if (_stateful.IsValueCreated)
            _stateful.Value.Dispose();
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_session.IsDisposed, this);

    /// <summary>The model's outputs as the task heads' messages name them.</summary>
    internal ScorerOutputs Outputs => new(ClassCount, _info.TargetNames ?? []);

    // Values per sequence (or per step) the graph's output holds: classes, or a regressor's targets.
    private int OutputCount => _info.Outputs;

    /// <summary>Throws the head's suggestion when this model's task does not answer a call that predicts <paramref name="asked"/>.</summary>
    private void Require(ScorerCall asked, bool tokens)
    {
        if (_head.Serves != asked)
            throw _head.Refuse(asked, tokens, stream: false, Outputs);
    }

    private void RunTokenSequence(IReadOnlyList<string> tokens, Span<float> probabilities)
    {
        RequireTokens();
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0)
            throw new ArgumentException("The token sequence is empty; expected at least one token.", nameof(tokens));
        var indices = new long[tokens.Count];
        for (int t = 0; t < indices.Length; t++)
            indices[t] = TokenIndex(tokens[t] ?? throw new ArgumentException($"Token {t} is null.", nameof(tokens)));
        RunTokens(indices, 1, indices.Length, [indices.Length], probabilities);
    }

    /// <summary>Checks, pads (batch-first, zeros past each length) and runs float sequences; returns [batch, OutputCount] outputs.</summary>
    private float[] RunSequences(IReadOnlyList<float[]> sequences)
    {
        int batch = sequences.Count;
        if (batch == 0)
            return [];

        var lengths = new int[batch];
        int maxSteps = 0;
        for (int b = 0; b < batch; b++)
        {
            var sequence = sequences[b] ?? throw new ArgumentException($"Sequence {b} is null; expected an array of steps × {InputSize} values.", nameof(sequences));
            lengths[b] = SequenceChecks.Steps(sequence, InputSize, b, nameof(sequences));
            maxSteps = Math.Max(maxSteps, lengths[b]);
        }

        int rowWidth = maxSteps * InputSize;
        int total = checked(batch * rowWidth);
        var padded = ArrayPool<float>.Shared.Rent(total);
        try
        {
            // The graph ignores steps past each length anyway.
            var span = padded.AsSpan(0, total);
            span.Clear();
            for (int b = 0; b < batch; b++)
                sequences[b].CopyTo(span.Slice(b * rowWidth));

            var outputs = new float[batch * OutputCount];
            Run(span, batch, maxSteps, lengths, outputs);
            return outputs;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
        }
    }

    /// <summary>One ORT run over caller memory: the spans are pinned and wrapped, not copied.</summary>
    private unsafe void Run(ReadOnlySpan<float> padded, int batch, int maxSteps, ReadOnlySpan<int> lengths, Span<float> probabilities)
    {
        fixed (float* x = padded)
            RunCore(TensorElementType.Float, [batch, maxSteps, InputSize], (IntPtr)x, (long)padded.Length * sizeof(float), batch, maxSteps, lengths, probabilities);
    }

    private unsafe void RunTokens(ReadOnlySpan<long> padded, int batch, int maxSteps, ReadOnlySpan<int> lengths, Span<float> probabilities)
    {
        fixed (long* x = padded)
            RunCore(TensorElementType.Int64, [batch, maxSteps], (IntPtr)x, (long)padded.Length * sizeof(long), batch, maxSteps, lengths, probabilities);
    }

    private unsafe void RunCore(TensorElementType type, long[] shape, IntPtr data, long bytes, int batch, int maxSteps, ReadOnlySpan<int> lengths, Span<float> probabilities)
    {
        ThrowIfDisposed();
        var cpu = OrtMemoryInfo.DefaultInstance;
        long[] outputShape = [batch, .. _scored.Dims.Select(d => d < 0 ? maxSteps : (long)d)];
        fixed (int* len = lengths)
        fixed (float* p = probabilities)
        {
            using var input = OrtValue.CreateTensorValueWithData(cpu, type, shape, data, bytes);
            using var sequenceLengths = OrtValue.CreateTensorValueWithData(
                cpu, TensorElementType.Int32, [batch], (IntPtr)len, (long)lengths.Length * sizeof(int));
            using var output = OrtValue.CreateTensorValueWithData(
                cpu, TensorElementType.Float, outputShape, (IntPtr)p, (long)probabilities.Length * sizeof(float));
            _session.Run(InputNames, [input, sequenceLengths], _outputNames, [output]);
        }
    }

    /// <summary>
    /// The size and length checks both padded batch methods share (a step is InputSize floats or one token index).
    /// Returns false for an empty batch: nothing to run.
    /// </summary>
    private bool CheckBatch(int paddedLength, int batch, int maxSteps, ReadOnlySpan<int> lengths, Span<float> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if (batch == 0)
            return false;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);

        long expected = (long)batch * maxSteps * (UsesTokens ? 1 : InputSize);
        if (paddedLength != expected)
            throw new ArgumentException(
                UsesTokens
                    ? $"padded has {paddedLength} indices; expected batch × maxSteps = {batch} × {maxSteps} = {expected}."
                    : $"padded has {paddedLength} values; expected batch × maxSteps × InputSize = {batch} × {maxSteps} × {InputSize} = {expected}.",
                "padded");
        if (lengths.Length != batch)
            throw new ArgumentException($"lengths has {lengths.Length} entries; expected one per sequence ({batch}).", nameof(lengths));

        // The scored output is [batch, (maxSteps,) outputs]: its size, and how the message spells it.
        bool perStep = _scored.Dims.Length > 1;
        long outputs = (long)batch * (perStep ? maxSteps : 1) * OutputCount;
        if (probabilities.Length != outputs)
        {
            string count = _head.HasClasses ? "ClassCount" : "TargetCount";
            throw new ArgumentException(
                perStep
                    ? $"probabilities has room for {probabilities.Length} values; expected batch × maxSteps × {count} = {batch} × {maxSteps} × {OutputCount} = {outputs}."
                    : $"probabilities has room for {probabilities.Length} values; expected batch × {count} = {batch} × {OutputCount} = {outputs}.",
                nameof(probabilities));
        }

        for (int b = 0; b < batch; b++)
        {
            if (lengths[b] < 1 || lengths[b] > maxSteps)
                throw new ArgumentException($"Length {lengths[b]} at index {b} is out of range; expected 1 to maxSteps ({maxSteps}).", nameof(lengths));
        }

        return true;
    }

    private void RequireValues()
    {
        if (UsesTokens)
            throw new InvalidOperationException("This model reads token indices, not float steps; use ScoreTokens, TagTokens or ScoreTokenBatch.");
    }

    private void RequireTokens()
    {
        if (!UsesTokens)
            throw new InvalidOperationException($"This model reads float steps ({InputSize} per step), not tokens; use Score, Tag or ScoreBatch.");
    }
}
