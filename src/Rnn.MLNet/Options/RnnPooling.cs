namespace Rnn.MLNet;

/// <summary>What a sequence classifier's output layer reads (<see cref="RnnTrainerOptions.Pooling"/>).</summary>
public enum RnnPooling
{
    /// <summary>The final hidden state (bidirectional: forward at the last valid step, backward at the first). The default.</summary>
    Last,

    /// <summary>
    /// The element-wise maximum of every valid step's output. Long inputs such as documents often do better with it:
    /// a telling word anywhere in the sequence reaches the output directly rather than through every later step.
    /// </summary>
    Max,

    /// <summary>The element-wise mean of every valid step's output.</summary>
    Mean,
}
