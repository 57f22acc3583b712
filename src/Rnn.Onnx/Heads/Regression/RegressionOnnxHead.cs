using System.Text.Json;
using Rnn.Onnx.Graph;

namespace Rnn.Onnx.Heads;

/// <summary>
/// Numeric targets per sequence: the dense layer (no softmax), plus the linear input skip when there is one, then the
/// training scaling undone, so the graph's output is in the targets' own units: <c>(W x + b + skip) × scale + mean</c>
/// per target. A forecaster's graph ends in this head too (<see cref="EmitValues"/>).
/// </summary>
internal sealed class RegressionOnnxHead : OnnxHead
{
    public override bool HasClasses => false;

    public override string ModelNoun => "regressor";

    public override string OutputsNoun => "targets";

    public override ScorerCall Serves => ScorerCall.Values;

    // RnnOnnxStream gives running class predictions; a regressor has none to give.
    public override string WhyNotStateful => "it predicts numeric targets, and a stream gives running class predictions only";

    public override IReadOnlyList<HeadOutput> BatchedOutputs(int outputs) => [new(RnnOnnxNames.Predictions, OnnxElementType.Float, [outputs])];

    public override int FormatVersion(RecurrentNetworkDescription network) => network.InputSkip is null ? 3 : 5;

    public override IEnumerable<KeyValuePair<string, string>> TaskMetadata(RecurrentNetworkDescription network)
    {
        var targets = Targets(network);
        yield return new(RnnOnnxMetadata.Task, "regression");
        yield return new(RnnOnnxMetadata.TargetNames, JsonSerializer.Serialize(targets.Names));
        if (network.InputSkip is { } skip)
            yield return new(RnnOnnxMetadata.InputSkip, JsonSerializer.Serialize(skip.InputPositions));
    }

    public override void EmitBatched(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string features)
    {
        // A skip reads rows of one fixed length, so the padded batch flattened is every row's own input.
        var flat = network.InputSkip is null ? null
            : graph.Node("Reshape", "input.flatten", [RnnOnnxNames.Input, graph.Int64Initializer("shape.rows_flat", 0, -1)], ["input.flat"]);
        EmitValues(graph, network, features, RnnOnnxNames.Predictions, flat);
        DeclareBatchedOutputs(graph, network);
    }

    public override void EmitSingleRow(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string features, SingleRowTensorNames names)
    {
        int count = Targets(network).Count;
        var values = EmitValues(graph, network, features, "predictions.row", network.Tokens is null ? names.Features : null);
        graph.Node("Reshape", "predictions.to_vector", [values, graph.Int64Initializer("shape.targets", count)], [names.Predictions]);
        graph.Output(names.Predictions, OnnxElementType.Float, count);
    }

    /// <summary>Adds the head on <paramref name="input"/> [N, D*H]; returns <paramref name="output"/>, [N, targets].</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="network">The regressor.</param>
    /// <param name="input">The per-sequence features [N, D*H].</param>
    /// <param name="output">Name of the head's output.</param>
    /// <param name="flatInput">Each row's input flattened step-major, [N, steps × InputSize]; needed when the network has an input skip.</param>
    /// <param name="standardised">True to stop before the training scaling is undone (a quantile forecaster undoes it after its own transform).</param>
    public static string EmitValues(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string input, string output, string? flatInput, bool standardised = false)
    {
        var targets = Targets(network);
        var values = QuantizedDense(graph, network, input, "head.standardised") ?? FloatDense(graph, network, input);
        if (network.InputSkip is { } skip)
        {
            var inputs = flatInput ?? throw new InvalidOperationException("A network with an input skip needs its flattened input.");
            var read = graph.Node("Gather", "head.skip_inputs", [inputs, graph.Int64Initializer(RnnOnnxNames.SkipPositionsInitializer, [.. skip.InputPositions.Select(p => (long)p)])],
                ["head.skip_values"], OnnxAttribute.Int("axis", 1));
            var skipWeight = graph.Initializer(RnnOnnxNames.SkipWeightInitializer, [skip.Weights.Outputs, skip.Weights.Inputs], skip.Weights.Weights.Span);
            var skipBias = graph.Initializer(RnnOnnxNames.SkipBiasInitializer, [skip.Weights.Outputs], skip.Weights.Bias.Span);
            var linear = graph.Node("Gemm", "head.skip", [read, skipWeight, skipBias], ["head.skip_out"], OnnxAttribute.Int("transB", 1));
            values = graph.Node("Add", "head.with_skip", [values, linear], ["head.standardised_with_skip"]);
        }

        if (standardised)
            return graph.Node("Identity", "head.standardised_out", [values], [output]);
        var scale = graph.Initializer(RnnOnnxNames.TargetScaleInitializer, [targets.Count], targets.Scales.Span);
        var mean = graph.Initializer(RnnOnnxNames.TargetMeanInitializer, [targets.Count], targets.Means.Span);
        var scaled = graph.Node("Mul", "head.unscale", [values, scale], ["head.scaled"]);
        return graph.Node("Add", "head.uncentre", [scaled, mean], [output]);
    }

    private static string FloatDense(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string input)
    {
        var (weight, bias) = HeadWeights(graph, network);
        return graph.Node("Gemm", "head.dense", [input, weight, bias], ["head.standardised"], OnnxAttribute.Int("transB", 1));
    }

    public override InvalidOperationException Refuse(ScorerCall asked, bool tokens, bool stream, ScorerOutputs outputs) =>
        new($"This model is a regressor (targets {string.Join(", ", outputs.TargetNames)}); use Predict, PredictBatch or PredictTokens.");

    private static RegressionTargets Targets(RecurrentNetworkDescription network) =>
        network.Regression ?? throw new InvalidOperationException("The network is not a regressor.");
}
