namespace Rnn.MLNet.Tests;

/// <summary>A classifier's output row as tests read it back: class probabilities and the predicted key.</summary>
public sealed class ScoredSequence
{
    public float[] Score { get; set; } = [];

    public uint PredictedLabel { get; set; }
}
