namespace Rnn.Onnx;

/// <summary>How a per-sequence classifier reduces the last layer's outputs over the steps to the one vector its head reads.</summary>
public enum SequencePooling
{
    /// <summary>The final hidden state: forward direction at the last valid step, backward direction at the first.</summary>
    Last,

    /// <summary>Element-wise maximum of the outputs of every valid step (padding never counts).</summary>
    Max,

    /// <summary>Element-wise mean of the outputs of every valid step (padding never counts).</summary>
    Mean,
}
