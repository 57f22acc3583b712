using Rnn.Onnx.Graph;

namespace Rnn.MLNet;

/// <summary>
/// The ONNX graph that cuts a row of text tokens to a maximum length: one Slice on axis 1 of [1, tokens].
/// KeepHead slices [0, max); KeepTail slices [-max, end), which ONNX clamps to the row's start when it is shorter.
/// </summary>
internal static class TruncationGraph
{
    public static byte[] Build(string inputTensor, string outputTensor, int maximumLength, SequenceTruncation truncation, int? knownLength)
    {
        var b = new OnnxGraphBuilder("rnn_truncate_tokens");
        // ML.NET feeds known-size vectors with the declared shape, variable-size ones with a computed one.
        b.Input(inputTensor, OnnxElementType.String, 1, knownLength is int n ? n : "tokens");
        var (start, end) = truncation == SequenceTruncation.KeepHead ? (0L, (long)maximumLength) : (-(long)maximumLength, long.MaxValue);
        b.Node("Slice", "rnn.slice",
            [inputTensor, b.Int64Initializer("rnn.starts", start), b.Int64Initializer("rnn.ends", end), b.Int64Initializer("rnn.axes", 1)],
            [outputTensor]);
        b.Output(outputTensor, OnnxElementType.String, 1, "kept");
        return b.ToModelBytes("Rnn.MLNet", $"Token truncation: {truncation}, at most {maximumLength} tokens.");
    }
}
