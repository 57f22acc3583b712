using Rnn.Onnx;

namespace Rnn.MLNet;

/// <summary>Scores through ONNX Runtime on the exported graph, exactly as a deployed model would.</summary>
internal sealed class OnnxRuntimeSequenceScorer : ISequenceScorer
{
    private readonly RnnOnnxScorer _scorer;

    public OnnxRuntimeSequenceScorer(RnnOnnxScorer scorer) => _scorer = scorer;

    public int ClassCount => _scorer.ClassCount;

    public RnnOnnxScorer Session => _scorer;

    public void Score(PaddedBatch batch, Span<float> probabilities) =>
        _scorer.ScoreBatch(batch.Values, batch.Count, batch.MaxSteps, batch.Lengths, probabilities[..(batch.Count * ClassCount)]);

    public void Dispose() => _scorer.Dispose();
}
