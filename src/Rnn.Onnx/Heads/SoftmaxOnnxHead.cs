using Rnn.Onnx.Graph;

namespace Rnn.Onnx.Heads;

/// <summary>
/// What the two class heads share: a dense layer and a softmax over the class names (so every output is a probability
/// vector) and the predicted class as its arg-max.
/// </summary>
internal abstract class SoftmaxOnnxHead : OnnxHead
{
    public override string ModelNoun => "classifier";

    public override string OutputsNoun => "classes";

    /// <summary>Dense layer on [N, D*H] (Gemm with the [C, D*H] weight transposed, or its 8-bit form) and softmax.</summary>
    protected static string DenseSoftmax(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string input, string output)
    {
        var logits = QuantizedDense(graph, network, input, "logits") ?? FloatDense(graph, network, input);
        return graph.Node("Softmax", "head.softmax", [logits], [output], OnnxAttribute.Int("axis", -1));
    }

    /// <summary>Dense layer on any [..., D*H] (MatMul with the transposed weight, plus bias) and softmax over the last axis.</summary>
    protected static string StepDenseSoftmax(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string input, string output)
    {
        var logits = QuantizedDense(graph, network, input, "logits") ?? FloatStepDense(graph, network, input);
        return graph.Node("Softmax", "head.softmax", [logits], [output], OnnxAttribute.Int("axis", -1));
    }

    private static string FloatDense(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string input)
    {
        var (weight, bias) = HeadWeights(graph, network);
        return graph.Node("Gemm", "head.dense", [input, weight, bias], ["logits"], OnnxAttribute.Int("transB", 1));
    }

    private static string FloatStepDense(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string input)
    {
        var (weight, bias) = HeadWeights(graph, network);
        var transposed = graph.Node("Transpose", "head.weight_t", [weight], ["head.weight.T"], OnnxAttribute.Ints("perm", 1, 0));
        var product = graph.Node("MatMul", "head.matmul", [input, transposed], ["head.product"]);
        return graph.Node("Add", "head.bias_add", [product, bias], ["logits"]);
    }

    /// <summary>The suggestion for a regressor's calls made on a class model.</summary>
    protected static InvalidOperationException NotARegressor(ScorerOutputs outputs, string instead) =>
        new($"This model is a classifier ({outputs.ClassCount} classes); use {instead}.");
}
