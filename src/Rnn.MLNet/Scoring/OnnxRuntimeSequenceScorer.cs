using Rnn.Onnx;

namespace Rnn.MLNet;

/// <summary>Scores padded batches through ONNX Runtime on the exported graph, exactly as a deployed model would; safe to share between threads.</summary>
internal sealed class OnnxRuntimeSequenceScorer : IDisposable
{
    private readonly RnnOnnxScorer _scorer;

    public OnnxRuntimeSequenceScorer(RnnOnnxScorer scorer) => _scorer = scorer;

    public RnnOnnxScorer Session => _scorer;

    /// <summary>
    /// Writes the batch's outputs into <paramref name="probabilities"/>, sized exactly for them: [batch.Count, outputs] softmax
    /// probabilities or predicted values, or [batch.Count, batch.MaxSteps, outputs] for a per-step model.
    /// </summary>
    public void Score(PaddedBatch batch, Span<float> probabilities)
    {
        // The reader has checked every row already; the scorer checks again because its public API is all this
        // package may use, and the checks are a small fraction of an ONNX Runtime run.
        if (_scorer.UsesTokens)
            _scorer.ScoreTokenBatch(batch.TokenIndices(), batch.Count, batch.MaxSteps, batch.Lengths, probabilities);
        else
            _scorer.ScoreBatch(batch.Values, batch.Count, batch.MaxSteps, batch.Lengths, probabilities);
    }

    public void Dispose() => _scorer.Dispose();
}
