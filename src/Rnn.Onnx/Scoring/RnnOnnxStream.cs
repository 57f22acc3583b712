using Microsoft.ML.OnnxRuntime.Tensors;
using Rnn.Onnx.Heads;
using Rnn.Onnx.Scoring;

namespace Rnn.Onnx;

/// <summary>
/// One sequence scored as its steps arrive (<see cref="RnnOnnxScorer.OpenStream"/>): each push runs the pushed steps
/// from the state the previous push left, so pushing a sequence in chunks of any size gives the scores of scoring it
/// whole. Per-sequence models give a running prediction after each push; per-step models label the pushed steps.
/// </summary>
/// <remarks>
/// Thread-safe: pushes to one stream are serialized (steps are taken in the order the pushes get the stream); distinct
/// streams of one scorer run in parallel. The stream holds no native resources; it stops working when its scorer is disposed.
/// Classifiers answer <see cref="Push"/>/<see cref="PushTokens"/>, sequence labelers <see cref="PushAndTag"/>/<see cref="PushAndTagTokens"/>;
/// the other calls say which to make.
/// </remarks>
public sealed class RnnOnnxStream
{
    private readonly RnnOnnxScorer _scorer;
    private readonly StatefulSession _session;
    private readonly OnnxHead _head;
    private readonly HeadOutput _scored;
    private readonly object _gate = new();
    private float[][] _state;
    private float[][] _next;
    private RnnPrediction? _prediction;
    private int _steps;

    internal RnnOnnxStream(RnnOnnxScorer scorer, StatefulSession session, OnnxHead head)
    {
        _scorer = scorer;
        _session = session;
        _head = head;
        _scored = head.BatchedOutputs(scorer.ClassCount)[0];
        _state = NewState(session);
        _next = NewState(session);
    }

    /// <summary>Steps pushed since the stream was opened or last <see cref="Reset"/>.</summary>
    public int Steps
    {
        get
        {
            lock (_gate)
                return _steps;
        }
    }

    /// <summary>The running prediction of a per-sequence model: the one the last push returned; null before the first push.</summary>
    public RnnPrediction? Prediction
    {
        get
        {
            lock (_gate)
                return _prediction;
        }
    }

    /// <summary>Pushes steps × <see cref="RnnOnnxScorer.InputSize"/> values (step-major) and returns the prediction for the sequence so far.</summary>
    /// <exception cref="ArgumentException">Empty, not a multiple of InputSize, or not finite.</exception>
    /// <exception cref="InvalidOperationException">The model labels every step (use <see cref="PushAndTag"/>) or reads tokens.</exception>
    public RnnPrediction Push(ReadOnlySpan<float> steps)
    {
        RequireValues();
        Require(ScorerCall.SequenceClass, tokens: false);
        return RunValues(steps, new float[_scorer.ClassCount])!;
    }

    /// <summary>Pushes raw tokens (unknown ones map to index 0) and returns the prediction for the sequence so far.</summary>
    /// <exception cref="ArgumentException">No tokens, or a null token.</exception>
    public RnnPrediction PushTokens(IReadOnlyList<string> tokens)
    {
        Require(ScorerCall.SequenceClass, tokens: true);
        return RunTokens(tokens, new float[_scorer.ClassCount])!;
    }

    /// <summary>Pushes steps of a per-step model and returns one prediction per pushed step.</summary>
    /// <exception cref="ArgumentException">Empty, not a multiple of InputSize, or not finite.</exception>
    /// <exception cref="InvalidOperationException">The model predicts one class per sequence (use <see cref="Push"/>) or reads tokens.</exception>
    public IReadOnlyList<RnnPrediction> PushAndTag(ReadOnlySpan<float> steps)
    {
        RequireValues();
        Require(ScorerCall.StepClasses, tokens: false);
        int count = SequenceChecks.Steps(steps, _scorer.InputSize, index: null, nameof(steps));
        var probabilities = new float[count * _scorer.ClassCount];
        RunValues(steps, probabilities);
        return _scorer.PredictSteps(probabilities, count);
    }

    /// <summary>Pushes raw tokens to a per-step model and returns one prediction per pushed token.</summary>
    /// <exception cref="ArgumentException">No tokens, or a null token.</exception>
    public IReadOnlyList<RnnPrediction> PushAndTagTokens(IReadOnlyList<string> tokens)
    {
        Require(ScorerCall.StepClasses, tokens: true);
        var probabilities = new float[(tokens?.Count ?? 0) * _scorer.ClassCount];
        RunTokens(tokens!, probabilities);
        return _scorer.PredictSteps(probabilities, tokens!.Count);
    }

    /// <summary>Forgets the steps pushed so far: the next push starts a new sequence.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            foreach (var state in _state)
                Array.Clear(state);
            _prediction = null;
            _steps = 0;
        }
    }

    private RnnPrediction? RunValues(ReadOnlySpan<float> steps, float[] probabilities)
    {
        int count = SequenceChecks.Steps(steps, _scorer.InputSize, index: null, nameof(steps));
        unsafe
        {
            fixed (float* x = steps)
                return Run(TensorElementType.Float, (IntPtr)x, (long)steps.Length * sizeof(float), [1, count, _scorer.InputSize], count, probabilities);
        }
    }

    private RnnPrediction? RunTokens(IReadOnlyList<string> tokens, float[] probabilities)
    {
        if (!_scorer.UsesTokens)
            throw new InvalidOperationException($"This model reads float steps ({_scorer.InputSize} per step), not tokens; use Push or PushAndTag.");
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0)
            throw new ArgumentException("No tokens to push; expected at least one.", nameof(tokens));
        var indices = new long[tokens.Count];
        for (int t = 0; t < indices.Length; t++)
            indices[t] = _scorer.TokenIndex(tokens[t] ?? throw new ArgumentException($"Token {t} is null.", nameof(tokens)));
        unsafe
        {
            fixed (long* x = indices)
                return Run(TensorElementType.Int64, (IntPtr)x, (long)indices.Length * sizeof(long), [1, indices.Length], indices.Length, probabilities);
        }
    }

    /// <summary>One run from the stream's state; returns the running prediction (per-sequence models) that this push made.</summary>
    private RnnPrediction? Run(TensorElementType type, IntPtr data, long bytes, long[] shape, int count, float[] probabilities)
    {
        long[] probabilityShape = [1, .. _scored.Dims.Select(d => d < 0 ? count : (long)d)];
        lock (_gate)
        {
            _scorer.ThrowIfDisposed();
            _session.Run(type, data, bytes, shape, count, _state, _next, probabilities, probabilityShape);
            (_state, _next) = (_next, _state);
            _steps += count;
            if (!_head.ReadsEveryStep)
                _prediction = RnnPrediction.Of(probabilities, _scorer.ClassNames);
            return _prediction;
        }
    }

    private void RequireValues()
    {
        if (_scorer.UsesTokens)
            throw new InvalidOperationException("This model reads token indices, not float steps; use PushTokens or PushAndTagTokens.");
    }

    /// <summary>Throws the head's suggestion when this model's task does not answer a push that predicts <paramref name="asked"/>.</summary>
    private void Require(ScorerCall asked, bool tokens)
    {
        if (_head.Serves != asked)
            throw _head.Refuse(asked, tokens, stream: true, _scorer.Outputs);
    }

    private static float[][] NewState(StatefulSession session) =>
        [.. Enumerable.Range(0, session.StateCount).Select(_ => new float[session.HiddenSize])];
}
