namespace Rnn.MLNet;

/// <summary>Turns a padded batch of sequences into class probabilities; implementations are safe to share between threads.</summary>
internal interface ISequenceScorer : IDisposable
{
    int ClassCount { get; }

    /// <summary>Writes row-major [batch.Count, ClassCount] softmax probabilities.</summary>
    void Score(PaddedBatch batch, Span<float> probabilities);
}
