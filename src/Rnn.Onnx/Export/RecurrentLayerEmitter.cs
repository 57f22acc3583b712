using Rnn.Onnx.Graph;

namespace Rnn.Onnx.Export;

/// <summary>Writes one recurrent layer as a single ONNX LSTM, GRU or RNN node with its initializers.</summary>
internal static class RecurrentLayerEmitter
{
    /// <summary>
    /// Adds layer <paramref name="layer"/> reading <paramref name="x"/> [S,N,width].
    /// Returns the names of Y [S,D,N,H] (empty if not wanted) and Y_h [D,N,H] (empty if not wanted).
    /// </summary>
    public static (string Y, string YH) Emit(
        OnnxGraphBuilder graph,
        RecurrentNetworkDescription network,
        int layer,
        string x,
        string? sequenceLengths,
        bool wantY,
        bool wantYH)
    {
        var (y, yh, _) = Emit(graph, network, layer, x, sequenceLengths, null, null, wantY, wantYH, wantYC: false);
        return (y, yh);
    }

    /// <summary>
    /// As above, starting from the state <paramref name="initialH"/> [D,N,H] (and for LSTM <paramref name="initialC"/>)
    /// rather than zeros; also returns Y_c [D,N,H] (LSTM only, empty if not wanted).
    /// </summary>
    public static (string Y, string YH, string YC) Emit(
        OnnxGraphBuilder graph,
        RecurrentNetworkDescription network,
        int layer,
        string x,
        string? sequenceLengths,
        string? initialH,
        string? initialC,
        bool wantY,
        bool wantYH,
        bool wantYC)
    {
        var cell = network.Cell;
        int h = network.HiddenSize;
        int rows = cell.GateCount() * h;
        int width = layer == 0 ? network.InputSize : network.Directions * h;
        int d = network.Directions;

        var w = new float[d * rows * width];
        var r = new float[d * rows * h];
        var b = new float[d * 2 * rows];
        for (int dir = 0; dir < d; dir++)
        {
            var weights = network.Layers[layer][dir];
            GateOrder.Reorder(cell, h, width, weights.InputWeights.Span, w.AsSpan(dir * rows * width, rows * width));
            GateOrder.Reorder(cell, h, h, weights.RecurrentWeights.Span, r.AsSpan(dir * rows * h, rows * h));
            // ONNX packs both biases per direction: input bias, then recurrent bias.
            GateOrder.Reorder(cell, h, 1, weights.InputBias.Span, b.AsSpan(dir * 2 * rows, rows));
            GateOrder.Reorder(cell, h, 1, weights.RecurrentBias.Span, b.AsSpan(dir * 2 * rows + rows, rows));
        }

        string prefix = $"layer{layer}";
        var inputs = new List<string>
        {
            x,
            graph.Initializer($"{prefix}.W", [d, rows, width], w),
            graph.Initializer($"{prefix}.R", [d, rows, h], r),
            graph.Initializer($"{prefix}.B", [d, 2 * rows], b),
        };
        // Optional inputs are positional: an empty name stands for one left out before a later one.
        if (sequenceLengths is not null || initialH is not null)
            inputs.Add(sequenceLengths ?? "");
        if (initialH is not null)
            inputs.Add(initialH);
        if (initialC is not null)
            inputs.Add(initialC);

        string y = wantY ? $"{prefix}.Y" : "";
        string yh = wantYH ? $"{prefix}.Y_h" : "";
        string yc = wantYC ? $"{prefix}.Y_c" : "";
        string[] outputs = wantYC ? [y, yh, yc] : [y, yh];
        graph.Node(OpType(cell), $"{prefix}.{OpType(cell).ToLowerInvariant()}", [.. inputs], outputs, Attributes(network));
        return (y, yh, yc);
    }

    private static string OpType(RnnCellType cell) => cell switch
    {
        RnnCellType.Lstm => "LSTM",
        RnnCellType.Gru => "GRU",
        _ => "RNN",
    };

    private static OnnxAttribute[] Attributes(RecurrentNetworkDescription network)
    {
        var list = new List<OnnxAttribute>
        {
            // ONNX Runtime refuses recurrent nodes without hidden_size.
            OnnxAttribute.Int("hidden_size", network.HiddenSize),
            OnnxAttribute.String("direction", network.Bidirectional ? "bidirectional" : "forward"),
        };
        switch (network.Cell)
        {
            case RnnCellType.Gru:
                // PyTorch applies the reset gate after the recurrent product.
                list.Add(OnnxAttribute.Int("linear_before_reset", 1));
                break;
            case RnnCellType.Tanh or RnnCellType.Relu:
                // One activation per direction; ORT matches the names case-sensitively.
                string activation = network.Cell == RnnCellType.Relu ? "Relu" : "Tanh";
                list.Add(OnnxAttribute.Strings("activations", Enumerable.Repeat(activation, network.Directions)));
                break;
        }
        return [.. list];
    }
}
