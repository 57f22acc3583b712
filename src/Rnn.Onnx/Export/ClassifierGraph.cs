using Rnn.Onnx.Graph;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx.Export;

/// <summary>
/// The whole classifier graph: input → seq-major [S,N,I] → one recurrent node per layer →
/// last layer's final hidden state (forward then backward) → dense head → softmax.
/// </summary>
internal static class ClassifierGraph
{
    public static GraphProto Build(RecurrentNetworkDescription network, OnnxInputLayout layout, int? fixedSteps, SingleRowTensorNames names)
    {
        var graph = new OnnxGraphBuilder("rnn_classifier");
        return layout switch
        {
            OnnxInputLayout.Batched => BuildBatched(graph, network),
            OnnxInputLayout.SingleRow => BuildSingleRow(graph, network, fixedSteps, names),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown input layout."),
        };
    }

    private static GraphProto BuildBatched(OnnxGraphBuilder graph, RecurrentNetworkDescription network)
    {
        int classes = network.Head.Outputs;
        var input = graph.Input(RnnOnnxNames.Input, OnnxDataType.Float,
            RnnOnnxNames.BatchDimension, RnnOnnxNames.SequenceDimension, network.InputSize);
        var lengths = graph.Input(RnnOnnxNames.SequenceLengths, OnnxDataType.Int32, RnnOnnxNames.BatchDimension);

        // ORT's CPU recurrent kernels only take layout 0 (seq-major), so transpose batch-first input.
        var x = graph.Node("Transpose", "input.to_seq_major", [input], ["x.seq_major"], OnnxAttributes.Ints("perm", 1, 0, 2));
        var finalState = Layers(graph, network, x, lengths);

        // Y_h [D,N,H] → [N,D,H] → [N,D*H]: forward state first, as PyTorch concatenates.
        var perBatch = graph.Node("Transpose", "head.to_batch_major", [finalState], ["head.state"], OnnxAttributes.Ints("perm", 1, 0, 2));
        var flat = graph.Node("Reshape", "head.flatten", [perBatch, graph.Int64Initializer("shape.batch_flat", 0, -1)], ["head.input"]);
        var probabilities = Head(graph, network, flat, RnnOnnxNames.Probabilities);
        graph.Node("ArgMax", "predict", [probabilities], [RnnOnnxNames.PredictedIndex],
            OnnxAttributes.Int("axis", 1), OnnxAttributes.Int("keepdims", 0));

        graph.Output(RnnOnnxNames.Probabilities, OnnxDataType.Float, RnnOnnxNames.BatchDimension, classes);
        graph.Output(RnnOnnxNames.PredictedIndex, OnnxDataType.Int64, RnnOnnxNames.BatchDimension);
        return graph.Graph;
    }

    private static GraphProto BuildSingleRow(OnnxGraphBuilder graph, RecurrentNetworkDescription network, int? fixedSteps, SingleRowTensorNames names)
    {
        int classes = network.Head.Outputs;
        // [1, values], not [values]: ML.NET's OnnxTransformer takes an unknown first dimension for
        // the batch and pins it to 1; only later unknown dimensions follow the row's length.
        var length = fixedSteps is int steps ? OnnxDim.Fixed((long)steps * network.InputSize) : OnnxDim.Named(RnnOnnxNames.ValuesDimension);
        var features = graph.Input(names.Features, OnnxDataType.Float, 1, length);

        // One unpadded sequence: [1, steps*I] → [steps, 1, I]; Reshape infers steps and fails if
        // the length is not a multiple of I. No sequence_lens: every step is valid.
        var x = graph.Node("Reshape", "features.to_seq_major",
            [features, graph.Int64Initializer("shape.steps_1_input", -1, 1, network.InputSize)], ["x.seq_major"]);
        var finalState = Layers(graph, network, x, sequenceLengths: null);

        // Batch of one: [D,1,H] → [1,D*H] keeps forward before backward without a transpose.
        var flat = graph.Node("Reshape", "head.flatten", [finalState, graph.Int64Initializer("shape.one_flat", 1, -1)], ["head.input"]);
        var row = Head(graph, network, flat, "probabilities.row");
        var probabilities = graph.Node("Reshape", "probabilities.to_vector",
            [row, graph.Int64Initializer("shape.classes", classes)], [names.Probabilities]);
        graph.Node("ArgMax", "predict", [probabilities], [names.PredictedIndex],
            OnnxAttributes.Int("axis", 0), OnnxAttributes.Int("keepdims", 1));

        // The class name, [1] like the index: ML.NET's OnnxTransformer reads rank-0 outputs wrongly.
        var classNames = graph.StringInitializer("class_names", network.ClassNames);
        graph.Node("Gather", "predict.label", [classNames, names.PredictedIndex], [names.PredictedLabel], OnnxAttributes.Int("axis", 0));

        graph.Output(names.Probabilities, OnnxDataType.Float, classes);
        graph.Output(names.PredictedIndex, OnnxDataType.Int64, 1);
        graph.Output(names.PredictedLabel, OnnxDataType.String, 1);
        return graph.Graph;
    }

    /// <summary>Stacks the layers on seq-major <paramref name="x"/>; returns the last layer's Y_h [D,N,H].</summary>
    private static string Layers(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string x, string? sequenceLengths)
    {
        string? shape = null;
        for (int layer = 0; ; layer++)
        {
            bool last = layer == network.NumLayers - 1;
            var (y, yh) = RecurrentLayerEmitter.Emit(graph, network, layer, x, sequenceLengths, wantY: !last, wantYH: last);
            if (last)
                return yh;

            // Y [S,D,N,H] → [S,N,D,H] → [S,N,D*H]: the next layer reads forward then backward features.
            shape ??= graph.Int64Initializer("shape.seq_batch_flat", 0, 0, -1);
            var t = graph.Node("Transpose", $"layer{layer}.to_features", [y], [$"layer{layer}.Y_sndh"], OnnxAttributes.Ints("perm", 0, 2, 1, 3));
            x = graph.Node("Reshape", $"layer{layer}.flatten", [t, shape], [$"layer{layer}.output"]);
        }
    }

    /// <summary>Dense layer (Gemm with the [C, D*H] weight transposed) and softmax.</summary>
    private static string Head(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string input, string output)
    {
        var head = network.Head;
        var weight = graph.Initializer("head.weight", [head.Outputs, head.Inputs], head.Weights);
        var bias = graph.Initializer("head.bias", [head.Outputs], head.Bias);
        var logits = graph.Node("Gemm", "head.dense", [input, weight, bias], ["logits"], OnnxAttributes.Int("transB", 1));
        return graph.Node("Softmax", "head.softmax", [logits], [output], OnnxAttributes.Int("axis", -1));
    }
}
