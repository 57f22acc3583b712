using Rnn.Onnx;

namespace Rnn.MLNet;

/// <summary>Scores through ONNX Runtime on the exported graph, exactly as a deployed model would.</summary>
internal sealed class OnnxRuntimeSequenceScorer : ISequenceScorer
{
    private readonly RnnOnnxScorer _scorer;

    public OnnxRuntimeSequenceScorer(RnnOnnxScorer scorer) => _scorer = scorer;

    public int Outputs => _scorer.IsRegression ? _scorer.TargetCount : _scorer.ClassCount;

    public bool PerStep => _scorer.PerStep;

    public RnnOnnxScorer Session => _scorer;

    public void Score(PaddedBatch batch, Span<float> probabilities)
    {
        int count = PerStep ? batch.Count * batch.MaxSteps * Outputs : batch.Count * Outputs;
        // The reader has checked every row already; the scorer checks again because its public API is all this
        // package may use, and the checks are a small fraction of an ONNX Runtime run.
        if (_scorer.UsesTokens)
            _scorer.ScoreTokenBatch(batch.TokenIndices(), batch.Count, batch.MaxSteps, batch.Lengths, probabilities[..count]);
        else
            _scorer.ScoreBatch(batch.Values, batch.Count, batch.MaxSteps, batch.Lengths, probabilities[..count]);
    }

    public void Dispose() => _scorer.Dispose();
}
