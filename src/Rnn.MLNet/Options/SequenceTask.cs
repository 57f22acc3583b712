namespace Rnn.MLNet;

/// <summary>What the network predicts from a sequence.</summary>
public enum SequenceTask
{
    /// <summary>Many-to-one: one class per sequence, read from the last valid step.</summary>
    Classification,
    /// <summary>One label per time step (sequence labeling / tagging).</summary>
    Labeling,
}
