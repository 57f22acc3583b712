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

    /// <summary>
    /// The <see cref="Batched"/> inputs and outputs plus the recurrent state: per layer an input
    /// <c>initial_h.layer{k}</c> float [batch, HiddenSize] (LSTM also <c>initial_c.layer{k}</c>) and an output
    /// <c>final_h.layer{k}</c> (and <c>final_c.layer{k}</c>), see <see cref="RnnOnnxStateNames"/>. Feeding a chunk's final
    /// state as the next chunk's initial state scores a sequence in pieces of any size exactly as in one piece; zeros
    /// start a sequence. For unidirectional networks whose head reads the final state or every step
    /// (<see cref="RnnPooling.Last"/> or per-step); used by <see cref="RnnOnnxStream"/> and Triton's sequence batcher.
    /// </summary>
    Stateful,
}
