namespace Rnn.MLNet;

/// <summary>Turns a padded batch of sequences into class probabilities (or a regressor's values); implementations are safe to share between threads.</summary>
internal interface ISequenceScorer : IDisposable
{
    /// <summary>Values per row (or per step): classes, or a regressor's targets.</summary>
    int Outputs { get; }

    /// <summary>True when there is one prediction per step.</summary>
    bool PerStep { get; }

    /// <summary>Writes row-major [batch.Count, Outputs] softmax probabilities or predicted values, or [batch.Count, batch.MaxSteps, Outputs] per step.</summary>
    void Score(PaddedBatch batch, Span<float> probabilities);
}
