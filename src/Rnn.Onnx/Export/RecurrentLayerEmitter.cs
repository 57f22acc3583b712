using Rnn.Onnx.Graph;

namespace Rnn.Onnx.Export;

/// <summary>
/// Writes one recurrent layer as a single ONNX LSTM, GRU or RNN node with its initializers; an LSTM of a graph that quantizes
/// its weights as one <c>com.microsoft</c> DynamicQuantizeLSTM node instead (ONNX Runtime has no 8-bit GRU or RNN kernel).
/// </summary>
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
        string name = $"{prefix}.{OpType(cell).ToLowerInvariant()}";
        string y = wantY ? $"{prefix}.Y" : "";
        string yh = wantYH ? $"{prefix}.Y_h" : "";
        string yc = wantYC ? $"{prefix}.Y_c" : "";
        string[] outputs = wantYC ? [y, yh, yc] : [y, yh];
        if (graph.QuantizeWeights && cell == RnnCellType.Lstm)
        {
            var (wq, wScale, wZero) = QuantizedWeights(graph, $"{prefix}.W", w, d, rows, width);
            var (rq, rScale, rZero) = QuantizedWeights(graph, $"{prefix}.R", r, d, rows, h);
            var bias = graph.Initializer($"{prefix}.B", [d, 2 * rows], b);
            graph.UseMicrosoftDomain();
            // ONNX's LSTM inputs with W and R as 8-bit [D, inputs, 4H], no peephole, then the scales and zero points; same attributes.
            graph.Node(OnnxGraphBuilder.MicrosoftDomain, "DynamicQuantizeLSTM", name,
                [x, wq, rq, bias, sequenceLengths ?? "", initialH ?? "", initialC ?? "", "", wScale, wZero, rScale, rZero], outputs, Attributes(network));
            return (y, yh, yc);
        }

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

        graph.Node(OpType(cell), name, [.. inputs], outputs, Attributes(network));
        return (y, yh, yc);
    }

    /// <summary>
    /// Writes ONNX-order weights [D, G*H, columns] as 8-bit [D, columns, G*H] with scales and zero points [D, G*H] (one per gate
    /// row of each direction); returns their names: weight, scale, zero point.
    /// </summary>
    private static (string Weight, string Scale, string ZeroPoint) QuantizedWeights(OnnxGraphBuilder graph, string name, float[] weights, int d, int rows, int columns)
    {
        var quantized = new sbyte[weights.Length];
        var scales = new float[d * rows];
        for (int dir = 0; dir < d; dir++)
        {
            Int8Weights.QuantizeRows(weights.AsSpan(dir * rows * columns, rows * columns), rows, columns,
                quantized.AsSpan(dir * rows * columns, rows * columns), scales.AsSpan(dir * rows, rows));
        }

        var names = QuantizedNames.Of(name);
        return (graph.Int8Initializer(names.Weight, [d, columns, rows], quantized),
            graph.Initializer(names.Scale, [d, rows], scales),
            graph.Int8Initializer(names.ZeroPoint, [d, rows], new sbyte[d * rows]));
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
