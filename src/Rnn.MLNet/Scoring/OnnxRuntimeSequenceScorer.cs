using System.Buffers;
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
        if (!_scorer.UsesTokens)
        {
            _scorer.ScoreBatch(batch.Values, batch.Count, batch.MaxSteps, batch.Lengths, probabilities[..count]);
            return;
        }

        // Token indices travel through the batch as floats (exact below 2^24); ONNX wants int64.
        var values = batch.Values;
        var indices = ArrayPool<long>.Shared.Rent(values.Length);
        try
        {
            for (int i = 0; i < values.Length; i++)
                indices[i] = (long)values[i];
            _scorer.ScoreTokenBatch(indices.AsSpan(0, values.Length), batch.Count, batch.MaxSteps, batch.Lengths, probabilities[..count]);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(indices);
        }
    }

    public void Dispose() => _scorer.Dispose();
}
