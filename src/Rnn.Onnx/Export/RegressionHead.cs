using Rnn.Onnx.Graph;

namespace Rnn.Onnx.Export;

/// <summary>
/// A regressor's head: the dense layer (no softmax), plus the linear input skip when there is one, then the training
/// scaling undone, so the graph's output is in the targets' own units: <c>(W x + b + skip) × scale + mean</c> per target.
/// </summary>
internal static class RegressionHead
{
    /// <summary>Adds the head on <paramref name="input"/> [N, D*H]; returns <paramref name="output"/>, [N, targets].</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="network">The regressor.</param>
    /// <param name="input">The per-sequence features [N, D*H].</param>
    /// <param name="output">Name of the head's output.</param>
    /// <param name="flatInput">Each row's input flattened step-major, [N, steps × InputSize]; needed when the network has an input skip.</param>
    public static string Emit(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string input, string output, string? flatInput = null)
    {
        var targets = network.Regression ?? throw new InvalidOperationException("The network is not a regressor.");
        var (weight, bias) = ClassifierGraph.HeadWeights(graph, network);
        var standardised = graph.Node("Gemm", "head.dense", [input, weight, bias], ["head.standardised"], OnnxAttribute.Int("transB", 1));
        if (network.InputSkip is { } skip)
        {
            var inputs = flatInput ?? throw new InvalidOperationException("A network with an input skip needs its flattened input.");
            var read = graph.Node("Gather", "head.skip_inputs", [inputs, graph.Int64Initializer(RnnOnnxNames.SkipPositionsInitializer, [.. skip.InputPositions.Select(p => (long)p)])],
                ["head.skip_values"], OnnxAttribute.Int("axis", 1));
            var skipWeight = graph.Initializer(RnnOnnxNames.SkipWeightInitializer, [skip.Weights.Outputs, skip.Weights.Inputs], skip.Weights.Weights.Span);
            var skipBias = graph.Initializer(RnnOnnxNames.SkipBiasInitializer, [skip.Weights.Outputs], skip.Weights.Bias.Span);
            var linear = graph.Node("Gemm", "head.skip", [read, skipWeight, skipBias], ["head.skip_out"], OnnxAttribute.Int("transB", 1));
            standardised = graph.Node("Add", "head.with_skip", [standardised, linear], ["head.standardised_with_skip"]);
        }

        var scale = graph.Initializer(RnnOnnxNames.TargetScaleInitializer, [targets.Count], targets.Scales.Span);
        var mean = graph.Initializer(RnnOnnxNames.TargetMeanInitializer, [targets.Count], targets.Means.Span);
        var scaled = graph.Node("Mul", "head.unscale", [standardised, scale], ["head.scaled"]);
        return graph.Node("Add", "head.uncentre", [scaled, mean], [output]);
    }
}
