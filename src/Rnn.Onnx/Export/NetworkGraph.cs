using Rnn.Onnx.Graph;
using Rnn.Onnx.Heads;

namespace Rnn.Onnx.Export;

/// <summary>
/// The whole network as a graph: input (float steps, or token indices looked up in an embedding or one-hot table)
/// → seq-major [S,N,I] → one recurrent node per layer → the features the task's head reads (the last layer's final
/// hidden state or the max or mean of its valid steps' outputs, or every step's output) → the head
/// (<see cref="OnnxHead"/>: softmax classes, per-step classes, or a regressor's values).
/// </summary>
internal static class NetworkGraph
{
    public static OnnxGraphBuilder Build(
        RecurrentNetworkDescription network, OnnxInputLayout layout, int? fixedSteps, SingleRowTensorNames names, OnnxQuantization quantization = OnnxQuantization.None)
    {
        // The graph's name is in every file written so far, whatever the task: it stays, so exports keep their bytes.
        var graph = new OnnxGraphBuilder("rnn_classifier") { QuantizeWeights = quantization == OnnxQuantization.DynamicInt8 };
        switch (layout)
        {
            case OnnxInputLayout.Batched:
                BuildBatched(graph, network);
                break;
            case OnnxInputLayout.SingleRow:
                BuildSingleRow(graph, network, fixedSteps, names);
                break;
            case OnnxInputLayout.Stateful:
                StatefulGraph.Build(graph, network);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown input layout.");
        }

        return graph;
    }

    private static void BuildBatched(OnnxGraphBuilder graph, RecurrentNetworkDescription network)
    {
        var head = OnnxHeads.Of(network);
        var (x, lengths) = BatchedInputs(graph, network);
        string features;
        if (head.ReadsEveryStep)
        {
            var (y, _) = Layers(graph, network, head, x, lengths);
            // Y [S,D,N,H] → [N,S,D,H] → [N,S,D*H]: each step's forward then backward features.
            var perBatch = graph.Node("Transpose", "head.to_batch_major", [y!], ["head.steps"], OnnxAttribute.Ints("perm", 2, 0, 1, 3));
            features = graph.Node("Reshape", "head.flatten", [perBatch, graph.Int64Initializer("shape.batch_seq_flat", 0, 0, -1)], ["head.input"]);
        }
        else
        {
            features = SequenceFeatures(graph, network, x, lengths);
        }

        head.EmitBatched(graph, network, features);
    }

    /// <summary>The batched layout's inputs (batch-first steps or tokens, and sequence_lens); returns the steps seq-major [S,N,I].</summary>
    internal static (string X, string Lengths) BatchedInputs(OnnxGraphBuilder graph, RecurrentNetworkDescription network)
    {
        if (network.Tokens is null)
            graph.Input(RnnOnnxNames.Input, OnnxElementType.Float, RnnOnnxNames.BatchDimension, RnnOnnxNames.SequenceDimension, network.InputSize);
        else
            graph.Input(RnnOnnxNames.Input, OnnxElementType.Int64, RnnOnnxNames.BatchDimension, RnnOnnxNames.SequenceDimension);
        var lengths = graph.Input(RnnOnnxNames.SequenceLengths, OnnxElementType.Int32, RnnOnnxNames.BatchDimension);

        // ORT's CPU recurrent kernels only take layout 0 (seq-major), so transpose batch-first input.
        var x = network.Tokens is { } tokens
            ? Lookup(graph, tokens, graph.Node("Transpose", "input.to_seq_major", [RnnOnnxNames.Input], ["tokens.seq_major"], OnnxAttribute.Ints("perm", 1, 0)))
            : graph.Node("Transpose", "input.to_seq_major", [RnnOnnxNames.Input], ["x.seq_major"], OnnxAttribute.Ints("perm", 1, 0, 2));
        return (x, lengths);
    }

    private static void BuildSingleRow(OnnxGraphBuilder graph, RecurrentNetworkDescription network, int? fixedSteps, SingleRowTensorNames names)
    {
        int valuesPerStep = network.Tokens is null ? network.InputSize : 1;
        // [1, values], not [values]: ML.NET's OnnxTransformer takes an unknown first dimension for
        // the batch and pins it to 1; only later unknown dimensions follow the row's length.
        var length = fixedSteps is int steps ? OnnxDim.Fixed((long)steps * valuesPerStep) : OnnxDim.Named(RnnOnnxNames.ValuesDimension);

        string x;
        if (network.Tokens is { } tokens)
        {
            // ML.NET feeds key columns as their raw uint32 values: 1..V = token, 0 = unknown.
            var features = graph.Input(names.Features, OnnxElementType.UInt32, 1, length);
            var indices = graph.Node("Cast", "features.to_int64", [features], ["tokens.int64"], OnnxAttribute.Int("to", (long)OnnxElementType.Int64));
            var column = graph.Node("Reshape", "tokens.to_seq_major", [indices, graph.Int64Initializer("shape.steps_1", -1, 1)], ["tokens.seq_major"]);
            x = Lookup(graph, tokens, column);
        }
        else
        {
            var features = graph.Input(names.Features, OnnxElementType.Float, 1, length);
            // One unpadded sequence: [1, steps*I] → [steps, 1, I]; Reshape infers steps and fails if
            // the length is not a multiple of I. No sequence_lens: every step is valid.
            x = graph.Node("Reshape", "features.to_seq_major",
                [features, graph.Int64Initializer("shape.steps_1_input", -1, 1, network.InputSize)], ["x.seq_major"]);
        }

        var head = OnnxHeads.Of(network);
        var (y, finalState) = Layers(graph, network, head, x, sequenceLengths: null);
        string headInput;
        if (head.ReadsEveryStep)
        {
            // Y [S,D,1,H] → [S,1,D,H] → [S,D*H]; the head's outputs are flattened to vectors for ML.NET.
            var stepMajor = graph.Node("Transpose", "head.to_step_major", [y!], ["head.steps"], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
            headInput = graph.Node("Reshape", "head.flatten", [stepMajor, graph.Int64Initializer("shape.steps_flat", -1, network.Directions * network.HiddenSize)], ["head.input"]);
        }
        else
        {
            // Batch of one: [D,1,H] → [1,D*H] keeps forward before backward without a transpose. Every step is valid.
            var summary = network.Pooling switch
            {
                RnnPooling.Max => graph.Node("ReduceMax", "pool.max", [y!], ["pool.output"], OnnxAttribute.Ints("axes", 0), OnnxAttribute.Int("keepdims", 0)),
                RnnPooling.Mean => graph.Node("ReduceMean", "pool.mean", [y!], ["pool.output"], OnnxAttribute.Ints("axes", 0), OnnxAttribute.Int("keepdims", 0)),
                _ => finalState!,
            };
            headInput = graph.Node("Reshape", "head.flatten", [summary, graph.Int64Initializer("shape.one_flat", 1, -1)], ["head.input"]);
        }

        head.EmitSingleRow(graph, network, headInput, names);
    }

    /// <summary>
    /// The per-sequence features a head reads, [N, D*H] (forward state first, as PyTorch concatenates): the last layer's
    /// Y_h, or its Y pooled over each row's valid steps (every step when <paramref name="lengths"/> is null).
    /// </summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="network">The network.</param>
    /// <param name="x">Seq-major [S,N,I] input of the first layer.</param>
    /// <param name="lengths">int32 [N] valid steps per row, or null when every row uses all S steps.</param>
    internal static string SequenceFeatures(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string x, string? lengths)
    {
        var (y, finalState) = Layers(graph, network, OnnxHeads.Of(network), x, lengths);
        var summary = network.Pooling switch
        {
            RnnPooling.Last => finalState!,
            _ when lengths is not null => PoolValidSteps(graph, network.Pooling, y!, lengths),
            RnnPooling.Max => graph.Node("ReduceMax", "pool.max", [y!], ["pool.output"], OnnxAttribute.Ints("axes", 0), OnnxAttribute.Int("keepdims", 0)),
            _ => graph.Node("ReduceMean", "pool.mean", [y!], ["pool.output"], OnnxAttribute.Ints("axes", 0), OnnxAttribute.Int("keepdims", 0)),
        };

        // [D,N,H] → [N,D,H] → [N,D*H].
        var state = graph.Node("Transpose", "head.to_batch_major", [summary], ["head.state"], OnnxAttribute.Ints("perm", 1, 0, 2));
        return graph.Node("Reshape", "head.flatten", [state, graph.Int64Initializer("shape.batch_flat", 0, -1)], ["head.input"]);
    }

    /// <summary>Token indices [...] → [..., Width]: rows of the embedding table, or one-hot vectors.</summary>
    internal static string Lookup(OnnxGraphBuilder graph, TokenLookup tokens, string indices)
    {
        if (tokens.Weights is { } table)
        {
            var weights = graph.Initializer("input.embedding", [tokens.Rows, tokens.Width], table.Span);
            return graph.Node("Gather", "input.lookup", [weights, indices], ["x.looked_up"], OnnxAttribute.Int("axis", 0));
        }

        var depth = graph.Int64Initializer("input.one_hot_depth", tokens.Rows);
        var values = graph.Initializer("input.one_hot_values", [2], [0f, 1f]);
        return graph.Node("OneHot", "input.one_hot", [indices, depth, values], ["x.looked_up"], OnnxAttribute.Int("axis", -1));
    }

    /// <summary>
    /// Stacks the layers on seq-major <paramref name="x"/>; returns the last layer's Y [S,D,N,H] (when the head reads every
    /// step, or pools) or Y_h [D,N,H].
    /// </summary>
    private static (string? Y, string? FinalState) Layers(OnnxGraphBuilder graph, RecurrentNetworkDescription network, OnnxHead head, string x, string? sequenceLengths)
    {
        string? shape = null;
        for (int layer = 0; ; layer++)
        {
            bool last = layer == network.NumLayers - 1;
            bool pooled = network.Pooling != RnnPooling.Last;
            bool wantY = !last || head.ReadsEveryStep || pooled;
            bool wantYH = last && !head.ReadsEveryStep && !pooled;
            var (y, yh) = RecurrentLayerEmitter.Emit(graph, network, layer, x, sequenceLengths, wantY, wantYH);
            if (last)
                return (wantY ? y : null, wantYH ? yh : null);

            // Y [S,D,N,H] → [S,N,D,H] → [S,N,D*H]: the next layer reads forward then backward features.
            shape ??= graph.Int64Initializer("shape.seq_batch_flat", 0, 0, -1);
            var t = graph.Node("Transpose", $"layer{layer}.to_features", [y], [$"layer{layer}.Y_sndh"], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
            x = graph.Node("Reshape", $"layer{layer}.flatten", [t, shape], [$"layer{layer}.output"]);
        }
    }

    /// <summary>
    /// Max or mean of Y [S,D,N,H] over the steps each row really has (step t of row n counts when t &lt; lengths[n]),
    /// so padding never reaches the head: [D,N,H]. The mask is built rather than trusting the kernels to zero padding.
    /// </summary>
    private static string PoolValidSteps(OnnxGraphBuilder graph, RnnPooling pooling, string y, string lengths)
    {
        var shape = graph.Node("Shape", "pool.y_shape", [y], ["pool.shape"]);
        var steps = graph.Node("Gather", "pool.step_count", [shape, graph.Int64Scalar("pool.zero", 0)], ["pool.steps"], OnnxAttribute.Int("axis", 0));
        var index = graph.Node("Range", "pool.step_index", [graph.Int64Scalar("pool.start", 0), steps, graph.Int64Scalar("pool.delta", 1)], ["pool.index"]);
        var column = graph.Node("Unsqueeze", "pool.index_column", [index, graph.Int64Initializer("pool.axes_1", 1)], ["pool.index_s1"]);
        var counts = graph.Node("Cast", "pool.lengths_int64", [lengths], ["pool.lengths"], OnnxAttribute.Int("to", (long)OnnxElementType.Int64));
        var valid = graph.Node("Less", "pool.valid", [column, counts], ["pool.valid_sn"]);
        var mask = graph.Node("Unsqueeze", "pool.mask", [valid, graph.Int64Initializer("pool.axes_1_3", 1, 3)], ["pool.valid_s1n1"]);
        if (pooling == RnnPooling.Max)
        {
            var lowest = graph.Initializer("pool.minus_infinity", [], [float.NegativeInfinity]);
            var masked = graph.Node("Where", "pool.mask_padding", [mask, y, lowest], ["pool.masked"]);
            return graph.Node("ReduceMax", "pool.max", [masked], ["pool.output"], OnnxAttribute.Ints("axes", 0), OnnxAttribute.Int("keepdims", 0));
        }

        var weights = graph.Node("Cast", "pool.mask_float", [mask], ["pool.weights"], OnnxAttribute.Int("to", (long)OnnxElementType.Float));
        var kept = graph.Node("Mul", "pool.zero_padding", [y, weights], ["pool.kept"]);
        var sum = graph.Node("ReduceSum", "pool.sum", [kept, graph.Int64Initializer("pool.axes_0", 0)], ["pool.sum_dnh"], OnnxAttribute.Int("keepdims", 0));
        var lengthsFloat = graph.Node("Cast", "pool.lengths_float", [lengths], ["pool.lengths_f"], OnnxAttribute.Int("to", (long)OnnxElementType.Float));
        var divisor = graph.Node("Unsqueeze", "pool.lengths_1n1", [lengthsFloat, graph.Int64Initializer("pool.axes_0_2", 0, 2)], ["pool.divisor"]);
        return graph.Node("Div", "pool.mean", [sum, divisor], ["pool.output"]);
    }
}
