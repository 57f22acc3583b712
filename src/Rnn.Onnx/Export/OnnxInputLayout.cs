namespace Rnn.Onnx;

/// <summary>How an exported graph takes its input.</summary>
public enum OnnxInputLayout
{
    /// <summary>
    /// <c>input</c> float [batch, seq, InputSize] (batch-first, zero-padded) plus
    /// <c>sequence_lens</c> int32 [batch]; <c>probabilities</c> float [batch, classes].
    /// For <see cref="RnnOnnxScorer"/> and any app that batches.
    /// </summary>
    Batched,

    /// <summary>
    /// <c>features</c> float [1, steps × InputSize] (one flat, unpadded sequence);
    /// <c>probabilities</c> float [classes], <c>predicted_index</c> int64 [1]. For hosts that feed
    /// one row at a time and allow only one unknown dimension per input, such as ML.NET's
    /// OnnxTransformer (which maps a variable-size vector column onto the second dimension).
    /// </summary>
    SingleRow,
}
