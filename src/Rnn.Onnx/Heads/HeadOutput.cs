using Rnn.Onnx.Graph;

namespace Rnn.Onnx.Heads;

/// <summary>
/// One output of a head's batched (and stateful) graph, which the graph declares, the scorer checks a loaded model against
/// and a Triton configuration lists.
/// </summary>
/// <param name="Name">The tensor's name (<see cref="RnnOnnxNames"/>).</param>
/// <param name="Type">Its element type.</param>
/// <param name="Dims">Its dimensions after the batch dimension; -1 is the sequence's steps, none is one value per row.</param>
/// <param name="ClassLabelled">True when its last dimension runs over the class names (Triton's labels file).</param>
internal sealed record HeadOutput(string Name, OnnxElementType Type, int[] Dims, bool ClassLabelled = false)
{
    /// <summary>The dimensions of the graph's tensor: the batch, then <see cref="Dims"/> with the steps named.</summary>
    public OnnxDim[] GraphDims() =>
        [RnnOnnxNames.BatchDimension, .. Dims.Select(d => d < 0 ? (OnnxDim)RnnOnnxNames.SequenceDimension : d)];
}
