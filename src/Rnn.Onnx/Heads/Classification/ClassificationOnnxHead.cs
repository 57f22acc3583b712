using Rnn.Onnx.Graph;

namespace Rnn.Onnx.Heads;

/// <summary>
/// One class per sequence: a dense layer and softmax on the final state (or the max or mean of every valid step), the
/// probabilities and the predicted index as outputs.
/// </summary>
internal sealed class ClassificationOnnxHead : SoftmaxOnnxHead
{
    public override ScorerCall Serves => ScorerCall.SequenceClass;

    public override IReadOnlyList<HeadOutput> BatchedOutputs(int outputs) =>
    [
        new(RnnOnnxNames.Probabilities, OnnxElementType.Float, [outputs], ClassLabelled: true),
        new(RnnOnnxNames.PredictedIndex, OnnxElementType.Int64, []),
    ];

    public override void EmitBatched(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string features)
    {
        var scores = DenseSoftmax(graph, network, features, RnnOnnxNames.Probabilities);
        graph.Node("ArgMax", "predict", [scores], [RnnOnnxNames.PredictedIndex], OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("keepdims", 0));
        DeclareBatchedOutputs(graph, network);
    }

    public override void EmitSingleRow(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string features, SingleRowTensorNames names)
    {
        int classes = network.Head.Outputs;
        var row = DenseSoftmax(graph, network, features, "probabilities.row");
        var probabilities = graph.Node("Reshape", "probabilities.to_vector",
            [row, graph.Int64Initializer("shape.classes", classes)], [names.Probabilities]);
        graph.Node("ArgMax", "predict", [probabilities], [names.PredictedIndex],
            OnnxAttribute.Int("axis", 0), OnnxAttribute.Int("keepdims", 1));
        // The class name, [1] like the index: ML.NET's OnnxTransformer reads rank-0 outputs wrongly.
        var classNames = graph.StringInitializer("class_names", network.ClassNames);
        graph.Node("Gather", "predict.label", [classNames, names.PredictedIndex], [names.PredictedLabel], OnnxAttribute.Int("axis", 0));

        graph.Output(names.Probabilities, OnnxElementType.Float, classes);
        graph.Output(names.PredictedIndex, OnnxElementType.Int64, 1);
        graph.Output(names.PredictedLabel, OnnxElementType.String, 1);
    }

    public override InvalidOperationException Refuse(ScorerCall asked, bool tokens, bool stream, ScorerOutputs outputs) => asked == ScorerCall.Values
        ? NotARegressor(outputs, "Score, ScoreBatch or ScoreTokens")
        : new($"This model predicts one class per sequence; use {(stream ? "Push" : "Score")}{(tokens ? "Tokens" : "")}.");
}
