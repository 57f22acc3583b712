using Rnn.Onnx;

namespace Rnn.MLNet;

/// <summary>Scores through ONNX Runtime on the exported graph, exactly as a deployed model would.</summary>
internal sealed class OnnxRuntimeSequenceScorer : ISequenceScorer
{
    private readonly RnnOnnxScorer _scorer;

    public OnnxRuntimeSequenceScorer(RnnOnnxScorer scorer) => _scorer = scorer;

    public int ClassCount => _scorer.ClassCount;

    public bool PerStep => _scorer.PerStep;

    public RnnOnnxScorer Session => _scorer;

    public void Score(PaddedBatch batch, Span<float> probabilities)
    {
        int count = PerStep ? batch.Count * batch.MaxSteps * ClassCount : batch.Count * ClassCount;
        // SequenceRowReader checked every value (finite floats, tokens in range) and every length when it read
        // the rows, so the scorer's own per-value checks would only repeat that work.
        if (_scorer.UsesTokens)
            _scorer.ScoreTokenBatchUnchecked(batch.TokenIndices(), batch.Count, batch.MaxSteps, batch.Lengths, probabilities[..count]);
        else
            _scorer.ScoreBatchUnchecked(batch.Values, batch.Count, batch.MaxSteps, batch.Lengths, probabilities[..count]);
    }

    public void Dispose() => _scorer.Dispose();
}
