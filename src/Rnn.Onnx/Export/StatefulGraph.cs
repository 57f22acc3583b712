using Rnn.Onnx.Graph;
using Rnn.Onnx.Heads;

namespace Rnn.Onnx.Export;

/// <summary>
/// The <see cref="OnnxInputLayout.Stateful"/> graph: the batched graph of a unidirectional network whose recurrent
/// nodes start from state inputs and also return their final state, so a sequence can be scored chunk by chunk.
/// States are batch-first [N,H] (as Triton's sequence batcher wants them) and become ONNX's [1,N,H] inside.
/// </summary>
internal static class StatefulGraph
{
    /// <summary>Why <paramref name="network"/> cannot be streamed, or null when it can.</summary>
    public static string? Unsupported(RecurrentNetworkDescription network) =>
        network.Bidirectional
            ? "a bidirectional network reads each sequence backwards from its end, so it cannot be fed in chunks"
            : network.Pooling != RnnPooling.Last
                ? $"its head pools ({network.Pooling}) over every step rather than reading the final state"
                : OnnxHeads.Of(network).WhyNotStateful;

    public static void Build(OnnxGraphBuilder graph, RecurrentNetworkDescription network)
    {
        if (Unsupported(network) is { } why)
            throw new ArgumentException($"The stateful layout needs a unidirectional network whose head reads the final state or every step; {why}.", nameof(network));

        var head = OnnxHeads.Of(network);
        int h = network.HiddenSize;
        bool lstm = network.Cell == RnnCellType.Lstm;
        var (x, lengths) = NetworkGraph.BatchedInputs(graph, network);
        var axis0 = graph.Int64Initializer("state.axis0", 0);
        string? axis1 = null;
        string y = "", finalH = "";
        for (int layer = 0; layer < network.NumLayers; layer++)
        {
            bool last = layer == network.NumLayers - 1;
            var initialH = StateIn(graph, RnnOnnxStateNames.InitialHidden(layer), axis0, h);
            var initialC = lstm ? StateIn(graph, RnnOnnxStateNames.InitialCell(layer), axis0, h) : null;
            var (layerY, yh, yc) = RecurrentLayerEmitter.Emit(graph, network, layer, x, lengths, initialH, initialC,
                wantY: !last || head.ReadsEveryStep, wantYH: true, wantYC: lstm);
            finalH = StateOut(graph, yh, RnnOnnxStateNames.FinalHidden(layer), axis0, h);
            if (lstm)
                StateOut(graph, yc, RnnOnnxStateNames.FinalCell(layer), axis0, h);
            // One direction: Y [S,1,N,H] → [S,N,H] is the next layer's input (or the per-step head's).
            if (layerY.Length > 0)
            {
                axis1 ??= graph.Int64Initializer("state.axis1", 1);
                y = graph.Node("Squeeze", $"layer{layer}.drop_direction", [layerY, axis1], [$"layer{layer}.output"]);
            }

            x = y;
        }

        // The running prediction reads the last layer's state after the chunk, [N,H], as Y_h feeds the batched head; a
        // per-step head reads every step of the chunk, batch-first [N,S,H].
        var features = head.ReadsEveryStep
            ? graph.Node("Transpose", "head.to_batch_major", [y], ["head.input"], OnnxAttribute.Ints("perm", 1, 0, 2))
            : finalH;
        head.EmitBatched(graph, network, features);
    }

    /// <summary>Declares state input [N,H] and returns it as ONNX's [1,N,H].</summary>
    private static string StateIn(OnnxGraphBuilder graph, string name, string axis0, int h)
    {
        graph.Input(name, OnnxElementType.Float, RnnOnnxNames.BatchDimension, h);
        return graph.Node("Unsqueeze", $"{name}.to_onnx", [name, axis0], [$"{name}.dnh"]);
    }

    /// <summary>ONNX's [1,N,H] state as output <paramref name="name"/> [N,H].</summary>
    private static string StateOut(OnnxGraphBuilder graph, string state, string name, string axis0, int h)
    {
        graph.Node("Squeeze", $"{name}.from_onnx", [state, axis0], [name]);
        graph.Output(name, OnnxElementType.Float, RnnOnnxNames.BatchDimension, h);
        return name;
    }
}
