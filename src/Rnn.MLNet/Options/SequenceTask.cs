namespace Rnn.MLNet;

/// <summary>What the network predicts from a sequence.</summary>
public enum SequenceTask
{
    /// <summary>
    /// Many-to-one: one class per sequence, from the final state (the forward direction at the last valid step, a backward
    /// one at the first) or from the max or mean of every valid step's output (<see cref="RnnTrainerOptions.Pooling"/>).
    /// </summary>
    Classification,
    /// <summary>One label per time step (sequence labeling / tagging).</summary>
    Labeling,
    /// <summary>
    /// Many-to-one numeric prediction: a <c>Single</c> label gives a <c>Single</c> Score (ML.NET's regression convention,
    /// so <c>mlContext.Regression.Evaluate</c> works); a known-size <c>Vector&lt;Single&gt;</c> label (several targets,
    /// e.g. a forecast horizon) gives a Score vector of that size.
    /// </summary>
    Regression,
}
