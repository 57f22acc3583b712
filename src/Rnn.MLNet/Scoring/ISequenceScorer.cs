namespace Rnn.MLNet;

/// <summary>Turns a padded batch of sequences into class probabilities; implementations are safe to share between threads.</summary>
internal interface ISequenceScorer : IDisposable
{
    int ClassCount { get; }

    /// <summary>True when there is one prediction per step.</summary>
    bool PerStep { get; }

    /// <summary>Writes row-major [batch.Count, ClassCount] softmax probabilities, or [batch.Count, batch.MaxSteps, ClassCount] per step.</summary>
    void Score(PaddedBatch batch, Span<float> probabilities);
}
