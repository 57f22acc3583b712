using Rnn.Onnx.Graph;

namespace Rnn.MLNet;

/// <summary>
/// The ONNX graph that cuts a row of text tokens to a maximum length, on axis 1 of [1, tokens]. KeepHead slices
/// [0, max); KeepTail slices [-max, end), which ONNX clamps to the row's start when it is shorter. KeepHeadAndTail
/// concatenates [0, h) and [max(n − t, h), n) with h = ⌈max/2⌉, t = max − h: for n ≤ max the two parts meet exactly.
/// </summary>
internal static class TruncationGraph
{
    public static byte[] Build(string inputTensor, string outputTensor, int maximumLength, SequenceTruncation truncation, int? knownLength)
    {
        var b = new OnnxGraphBuilder("rnn_truncate_tokens");
        // ML.NET feeds known-size vectors with the declared shape, variable-size ones with a computed one.
        b.Input(inputTensor, OnnxElementType.String, 1, knownLength is int n ? n : "tokens");
        var axes = b.Int64Initializer("rnn.axes", 1);
        if (truncation == SequenceTruncation.KeepHeadAndTail)
        {
            long head = (maximumLength + 1) / 2, tail = maximumLength - head;
            var first = b.Node("Slice", "rnn.head",
                [inputTensor, b.Int64Initializer("rnn.head_starts", 0), b.Int64Initializer("rnn.head_ends", head), axes], ["rnn.head_tokens"]);
            var shape = b.Node("Shape", "rnn.shape", [inputTensor], ["rnn.shape_out"]);
            var length = b.Node("Slice", "rnn.length",
                [shape, b.Int64Initializer("rnn.length_starts", 1), b.Int64Initializer("rnn.length_ends", 2)], ["rnn.length_out"]);
            var fromEnd = b.Node("Sub", "rnn.tail_from_end", [length, b.Int64Initializer("rnn.tail", tail)], ["rnn.tail_from_end_out"]);
            var start = b.Node("Max", "rnn.tail_start", [fromEnd, b.Int64Initializer("rnn.head_length", head)], ["rnn.tail_start_out"]);
            var last = b.Node("Slice", "rnn.tail_slice",
                [inputTensor, start, b.Int64Initializer("rnn.tail_ends", long.MaxValue), axes], ["rnn.tail_tokens"]);
            b.Node("Concat", "rnn.concat", [first, last], [outputTensor], OnnxAttribute.Int("axis", 1));
        }
        else
        {
            var (start, end) = truncation == SequenceTruncation.KeepHead ? (0L, (long)maximumLength) : (-(long)maximumLength, long.MaxValue);
            b.Node("Slice", "rnn.slice", [inputTensor, b.Int64Initializer("rnn.starts", start), b.Int64Initializer("rnn.ends", end), axes], [outputTensor]);
        }

        b.Output(outputTensor, OnnxElementType.String, 1, "kept");
        return b.ToModelBytes(MLNetMetadata.ProducerName, $"Token truncation: {truncation}, at most {maximumLength} tokens.");
    }
}
