using Rnn.Onnx.Graph;

namespace Rnn.Onnx.Export;

/// <summary>
/// A regressor's head: the dense layer (no softmax), then the training scaling undone, so the graph's output is in
/// the targets' own units: <c>(W x + b) × scale + mean</c> per target.
/// </summary>
internal static class RegressionHead
{
    /// <summary>Adds the head on <paramref name="input"/> [N, D*H]; returns <paramref name="output"/>, [N, targets].</summary>
    public static string Emit(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string input, string output)
    {
        var targets = network.Regression ?? throw new InvalidOperationException("The network is not a regressor.");
        var (weight, bias) = ClassifierGraph.HeadWeights(graph, network);
        var standardised = graph.Node("Gemm", "head.dense", [input, weight, bias], ["head.standardised"], OnnxAttribute.Int("transB", 1));
        var scale = graph.Initializer(RnnOnnxNames.TargetScaleInitializer, [targets.Count], targets.Scales.Span);
        var mean = graph.Initializer(RnnOnnxNames.TargetMeanInitializer, [targets.Count], targets.Means.Span);
        var scaled = graph.Node("Mul", "head.unscale", [standardised, scale], ["head.scaled"]);
        return graph.Node("Add", "head.uncentre", [scaled, mean], [output]);
    }
}
