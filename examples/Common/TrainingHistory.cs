using Rnn.MLNet;

namespace Rnn.Examples.Common;

/// <summary>The end-of-epoch reports of one training run, in order.</summary>
public sealed class TrainingHistory
{
    private readonly List<RnnTrainingProgress> _epochs = [];

    /// <summary>One report per finished epoch.</summary>
    public IReadOnlyList<RnnTrainingProgress> Epochs => _epochs;

    internal void Add(RnnTrainingProgress report)
    {
        if (report.IsEpochEnd)
            _epochs.Add(report);
    }
}
