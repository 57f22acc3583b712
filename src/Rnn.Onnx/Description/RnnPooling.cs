namespace Rnn.Onnx;

/// <summary>
/// What the output layer of a per-sequence model reads (<c>RnnTrainerOptions.Pooling</c>; recorded in exported models).
/// </summary>
public enum RnnPooling
{
    /// <summary>The final hidden state: forward direction at the last valid step, backward direction at the first. The default.</summary>
    Last,

    /// <summary>
    /// Element-wise maximum of the outputs of every valid step (padding never counts). Long inputs such as documents
    /// often do better with it: a telling word anywhere reaches the output directly rather than through every later step.
    /// </summary>
    Max,

    /// <summary>Element-wise mean of the outputs of every valid step (padding never counts).</summary>
    Mean,
}
