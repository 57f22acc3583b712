using Rnn.Onnx.Graph;

namespace Rnn.Onnx.Heads;

/// <summary>
/// One class per step (sequence labeling): the dense layer and softmax applied to every step's output (forward and
/// backward features of that step), per-step probabilities and predicted indices as outputs.
/// </summary>
internal sealed class LabelingOnnxHead : SoftmaxOnnxHead
{
    public override bool ReadsEveryStep => true;

    public override string OutputKind => "per_step";

    public override ScorerCall Serves => ScorerCall.StepClasses;

    public override IReadOnlyList<HeadOutput> BatchedOutputs(int outputs) =>
    [
        new(RnnOnnxNames.Probabilities, OnnxElementType.Float, [-1, outputs], ClassLabelled: true),
        new(RnnOnnxNames.PredictedIndex, OnnxElementType.Int64, [-1]),
    ];

    /// <param name="graph">The graph being built.</param>
    /// <param name="network">The labeler.</param>
    /// <param name="features">Every step's features, batch-first [N, S, D*H].</param>
    public override void EmitBatched(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string features)
    {
        var probabilities = StepDenseSoftmax(graph, network, features, RnnOnnxNames.Probabilities);
        graph.Node("ArgMax", "predict", [probabilities], [RnnOnnxNames.PredictedIndex], OnnxAttribute.Int("axis", -1), OnnxAttribute.Int("keepdims", 0));
        DeclareBatchedOutputs(graph, network);
    }

    /// <param name="graph">The graph being built.</param>
    /// <param name="network">The labeler.</param>
    /// <param name="features">Every step's features, [S, D*H].</param>
    /// <param name="names">The single-row graph's tensor names.</param>
    public override void EmitSingleRow(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string features, SingleRowTensorNames names)
    {
        var perStep = StepDenseSoftmax(graph, network, features, "probabilities.steps");
        var stepClassNames = graph.StringInitializer("class_names", network.ClassNames);
        // ML.NET pins an unknown first output dimension to 1 as well, so every output leads with it.
        graph.Node("Reshape", "probabilities.to_vector", [perStep, graph.Int64Initializer("shape.one_flat_scores", 1, -1)], [names.Probabilities]);
        var index = graph.Node("ArgMax", "predict", [perStep], ["predicted_index.steps"], OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("keepdims", 0));
        var one = graph.Int64Initializer("shape.one_steps", 1, -1);
        graph.Node("Reshape", "predict.index_row", [index, one], [names.PredictedIndex]);
        var labels = graph.Node("Gather", "predict.label", [stepClassNames, index], ["predicted_label.steps"], OnnxAttribute.Int("axis", 0));
        graph.Node("Reshape", "predict.label_row", [labels, one], [names.PredictedLabel]);
        graph.Output(names.Probabilities, OnnxElementType.Float, 1, OnnxDim.Named("step_scores"));
        graph.Output(names.PredictedIndex, OnnxElementType.Int64, 1, OnnxDim.Named("steps"));
        graph.Output(names.PredictedLabel, OnnxElementType.String, 1, OnnxDim.Named("steps"));
    }

    public override InvalidOperationException Refuse(ScorerCall asked, bool tokens, bool stream, ScorerOutputs outputs) => asked == ScorerCall.Values
        ? NotARegressor(outputs, "Tag or TagTokens")
        : new($"This model labels every step; use {(stream ? "PushAndTag" : "Tag")}{(tokens ? "Tokens" : "")}.");
}
