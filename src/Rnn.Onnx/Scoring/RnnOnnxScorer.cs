using System.Buffers;
using System.Collections.ObjectModel;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Rnn.Onnx.Metadata;
using Rnn.Onnx.Scoring;

namespace Rnn.Onnx;

/// <summary>
/// Scores sequences with an ONNX model written by <see cref="RnnOnnxExporter"/> in the
/// <see cref="OnnxInputLayout.Batched"/> layout, using ONNX Runtime. Needs neither ML.NET nor TorchSharp.
/// </summary>
/// <remarks>
/// Thread-safe: any number of threads may score at once (each call has its own buffers and one
/// ONNX Runtime run). Do not dispose while calls are in flight.
/// </remarks>
public sealed partial class RnnOnnxScorer : IDisposable
{
    private static readonly string[] InputNames = [RnnOnnxNames.Input, RnnOnnxNames.SequenceLengths];

    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions;
    private readonly RnnModelInfo _info;
    private readonly Lazy<Dictionary<string, int>> _tokenIndex;
    private readonly Lazy<StatefulSession> _stateful;
    private readonly string[] _outputNames;
    private int _disposed;

    /// <summary>Loads the model file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, lacks Rnn.Onnx metadata, or uses the single-row layout.</exception>
    public RnnOnnxScorer(string path, RnnOnnxScorerOptions? options = null)
        : this(SessionFactory.FromFile(path), () => File.ReadAllBytes(path), options, $"ONNX model '{path}'")
    {
    }

    private RnnOnnxScorer(Func<SessionOptions, InferenceSession> open, Func<byte[]> modelBytes, RnnOnnxScorerOptions? options, string source)
    {
        options ??= new RnnOnnxScorerOptions();
        if (options.IntraOpNumThreads is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.IntraOpNumThreads, "IntraOpNumThreads must be at least 1 (or null for the default).");

        (_session, _sessionOptions, UsesCuda) = SessionFactory.Open(open, options, source);
        _runOptions = new RunOptions();
        try
        {
            Metadata = new ReadOnlyDictionary<string, string>(_session.ModelMetadata.CustomMetadataMap);
            _info = MetadataReader.Read(Metadata, source);
            if (_info.IsForecaster)
                throw new InvalidDataException($"{source} is a forecaster (inputs '{RnnOnnxNames.History}' and '{RnnOnnxNames.Covariates}'); score it with RnnOnnxForecaster.");
            if (_info.Layout != OnnxInputLayout.Batched)
                throw new InvalidDataException(
                    $"{source} was exported with the {RnnOnnxMetadata.LayoutName(_info.Layout)} layout" +
                    (_info.Layout == OnnxInputLayout.SingleRow ? " (for ML.NET's OnnxTransformer)" : " (OpenStream builds that graph itself)") +
                    "; RnnOnnxScorer needs a model exported with OnnxInputLayout.Batched.");
            GraphChecks.RequireBatchedInterface(_session, _info, source);
            _outputNames = [_info.IsRegression ? RnnOnnxNames.Predictions : RnnOnnxNames.Probabilities];
            _tokenIndex = new(() => _info.Vocabulary!.Select((token, i) => (token, i)).ToDictionary(p => p.token, p => p.i + 1, StringComparer.Ordinal));
            // A copy taken now, so later edits to the caller's options cannot reach the stream session.
            var streamOptions = options.Clone();
            _stateful = new(() =>
            {
                // The device this scorer's session got, so a fallback there is not reported again.
                streamOptions.UseCuda = UsesCuda;
                return StatefulSession.Open(modelBytes(), source, streamOptions);
            });
        }
        catch
        {
            DisposeNative();
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

    /// <summary>True for sequence labeling models: one prediction per step (see <see cref="Tag"/> and <see cref="TagTokens"/>).</summary>
    public bool PerStep => _info.PerStep;

    /// <summary>Cell kind recorded in the model.</summary>
    public RnnCellType Cell => _info.Cell;

    /// <summary>Whether the session runs on ONNX Runtime's CUDA execution provider.</summary>
    public bool UsesCuda { get; }

    /// <summary>All metadata of the model: the standard <see cref="RnnOnnxMetadata"/> keys and any extra ones.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Scores one sequence of steps × <see cref="InputSize"/> values (step-major).</summary>
    /// <exception cref="ArgumentException">Empty, not a multiple of <see cref="InputSize"/>, or not finite.</exception>
    public RnnPrediction Score(ReadOnlySpan<float> sequence)
    {
        RequireValues();
        RequireSequenceOutput(nameof(Tag));
        int steps = SequenceChecks.Steps(sequence, InputSize, index: null, nameof(sequence));
        var probabilities = new float[ClassCount];
        Run(sequence, 1, steps, [steps], probabilities);
        return ToPrediction(probabilities);
    }

    /// <summary>Scores many sequences of possibly different lengths in one ONNX Runtime run.</summary>
    /// <exception cref="ArgumentException">A sequence is null, empty, not a multiple of <see cref="InputSize"/>, or not finite.</exception>
    public IReadOnlyList<RnnPrediction> ScoreBatch(IReadOnlyList<float[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        RequireValues();
        RequireSequenceOutput(nameof(Tag));
        var probabilities = RunSequences(sequences);
        var predictions = new RnnPrediction[sequences.Count];
        for (int b = 0; b < predictions.Length; b++)
            predictions[b] = ToPrediction(probabilities.AsSpan(b * ClassCount, ClassCount).ToArray());
        return predictions;
    }

    /// <summary>
    /// Low-level batch scoring for callers that pad themselves: one ONNX Runtime run, no copies.
    /// </summary>
    /// <param name="padded">Batch-first [batch, maxSteps, InputSize] values; steps past a sequence's length are ignored.</param>
    /// <param name="batch">Number of sequences.</param>
    /// <param name="maxSteps">Steps per padded row (at least the longest length).</param>
    /// <param name="lengths">[batch] valid steps per sequence, each in 1..maxSteps.</param>
    /// <param name="probabilities">
    /// Receives [batch, ClassCount] probabilities, or [batch, maxSteps, ClassCount] for <see cref="PerStep"/> models (steps past a
    /// length hold meaningless values), or for a regressor (<see cref="IsRegression"/>) [batch, TargetCount] predicted values.
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
    /// <param name="probabilities">Receives [batch, ClassCount], or [batch, maxSteps, ClassCount] for <see cref="PerStep"/> models, or [batch, TargetCount] for a regressor.</param>
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

    /// <summary>Classifies one sequence of raw tokens (unknown tokens map to index 0).</summary>
    /// <exception cref="ArgumentException">The sequence is empty.</exception>
    public RnnPrediction ScoreTokens(IReadOnlyList<string> tokens)
    {
        RequireSequenceOutput(nameof(TagTokens));
        var probabilities = new float[ClassCount];
        RunTokenSequence(tokens, probabilities);
        return ToPrediction(probabilities);
    }

    /// <summary>Labels every token of one sequence (for <see cref="PerStep"/> models).</summary>
    /// <exception cref="ArgumentException">The sequence is empty.</exception>
    public IReadOnlyList<RnnPrediction> TagTokens(IReadOnlyList<string> tokens)
    {
        RequirePerStep(nameof(ScoreTokens));
        var probabilities = new float[tokens.Count * ClassCount];
        RunTokenSequence(tokens, probabilities);
        return PredictSteps(probabilities, tokens.Count);
    }

    /// <summary>Labels every step of one sequence of float steps (for <see cref="PerStep"/> models).</summary>
    /// <exception cref="ArgumentException">Empty, not a multiple of <see cref="InputSize"/>, or not finite.</exception>
    public IReadOnlyList<RnnPrediction> Tag(ReadOnlySpan<float> sequence)
    {
        RequireValues();
        RequirePerStep(nameof(Score));
        int steps = SequenceChecks.Steps(sequence, InputSize, index: null, nameof(sequence));
        var probabilities = new float[steps * ClassCount];
        Run(sequence, 1, steps, [steps], probabilities);
        return PredictSteps(probabilities, steps);
    }

    /// <summary>
    /// Opens a stream: one sequence scored as its steps arrive, in chunks of any size (see <see cref="RnnOnnxStream"/>).
    /// The first call builds and opens the model's <see cref="OnnxInputLayout.Stateful"/> graph on the same device as
    /// this scorer; streams share it.
    /// </summary>
    /// <exception cref="NotSupportedException">The model is bidirectional or pools over steps, so it needs whole sequences.</exception>
    public RnnOnnxStream OpenStream()
    {
        ThrowIfDisposed();
        return new RnnOnnxStream(this, _stateful.Value);
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            DisposeNative();
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
        long[] outputShape = PerStep ? [batch, maxSteps, OutputCount] : [batch, OutputCount];
        fixed (int* len = lengths)
        fixed (float* p = probabilities)
        {
            using var input = OrtValue.CreateTensorValueWithData(cpu, type, shape, data, bytes);
            using var sequenceLengths = OrtValue.CreateTensorValueWithData(
                cpu, TensorElementType.Int32, [batch], (IntPtr)len, (long)lengths.Length * sizeof(int));
            using var output = OrtValue.CreateTensorValueWithData(
                cpu, TensorElementType.Float, outputShape, (IntPtr)p, (long)probabilities.Length * sizeof(float));
            _session.Run(_runOptions, InputNames, [input, sequenceLengths], _outputNames, [output]);
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

        long outputs = PerStep ? (long)batch * maxSteps * OutputCount : (long)batch * OutputCount;
        if (probabilities.Length != outputs)
            throw new ArgumentException(
                PerStep
                    ? $"probabilities has room for {probabilities.Length} values; expected batch × maxSteps × ClassCount = {batch} × {maxSteps} × {ClassCount} = {outputs}."
                    : $"probabilities has room for {probabilities.Length} values; expected batch × {(IsRegression ? "TargetCount" : "ClassCount")} = {batch} × {OutputCount} = {outputs}.",
                nameof(probabilities));

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

    private void RequireSequenceOutput(string instead)
    {
        RequireClassifier();
        if (PerStep)
            throw new InvalidOperationException($"This model labels every step; use {instead}.");
    }

    private void RequirePerStep(string instead)
    {
        RequireClassifier();
        if (!PerStep)
            throw new InvalidOperationException($"This model predicts one class per sequence; use {instead}.");
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed != 0, this);

    internal IReadOnlyList<RnnPrediction> PredictSteps(float[] probabilities, int steps)
    {
        var predictions = new RnnPrediction[steps];
        for (int t = 0; t < steps; t++)
            predictions[t] = ToPrediction(probabilities.AsSpan(t * ClassCount, ClassCount).ToArray());
        return predictions;
    }

    internal RnnPrediction ToPrediction(float[] probabilities)
    {
        int best = 0;
        for (int c = 1; c < probabilities.Length; c++)
            if (probabilities[c] > probabilities[best])
                best = c;
        return new RnnPrediction(probabilities, best, ClassNames[best]);
    }

    private void DisposeNative()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
        _runOptions.Dispose();
        if (_stateful is { IsValueCreated: true })
            _stateful.Value.Dispose();
    }
}
