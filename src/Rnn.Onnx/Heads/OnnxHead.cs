using Rnn.Onnx.Graph;

namespace Rnn.Onnx.Heads;

/// <summary>
/// Everything on the ONNX side that differs by task (classification, per-step labeling, regression): the outputs a graph
/// ends in (batched, stateful and single-row), the metadata that says which task a file holds, what a scorer accepts and
/// the Triton configuration's outputs. One subclass per task, picked by <see cref="OnnxHeads"/>; the rest of Rnn.Onnx asks
/// the head and never tests the task itself.
/// </summary>
/// <remarks>
/// A head receives the features the network's body computed (<c>NetworkGraph</c>, <c>StatefulGraph</c>): the
/// per-sequence features [N, D*H] (final state or pooled), or, when it <see cref="ReadsEveryStep"/>, every step's.
/// </remarks>
internal abstract class OnnxHead
{
    /// <summary>True when the head scores every step's output (labeling) rather than one summary of the sequence.</summary>
    public virtual bool ReadsEveryStep => false;

    /// <summary>True when the head predicts classes (probabilities over class names); false for numeric targets.</summary>
    public virtual bool HasClasses => true;

    /// <summary>The value of <see cref="RnnOnnxMetadata.Output"/>: <c>sequence</c> or <c>per_step</c>.</summary>
    public virtual string OutputKind => "sequence";

    /// <summary>What the model is, for its description: "classifier" or "regressor".</summary>
    public abstract string ModelNoun { get; }

    /// <summary>What the head's outputs are, for the model's description: "classes" or "targets".</summary>
    public abstract string OutputsNoun { get; }

    /// <summary>The outputs of the batched and stateful graphs, the scored one first, for a head of <paramref name="outputs"/> values.</summary>
    public abstract IReadOnlyList<HeadOutput> BatchedOutputs(int outputs);

    /// <summary>The oldest metadata format version that describes <paramref name="network"/> (see <see cref="RnnOnnxMetadata.FormatVersion"/>).</summary>
    public virtual int FormatVersion(RecurrentNetworkDescription network) => network.Pooling != RnnPooling.Last ? 2 : 1;

    /// <summary>The head's own metadata entries, written after the pooling entry.</summary>
    public virtual IEnumerable<KeyValuePair<string, string>> TaskMetadata(RecurrentNetworkDescription network) => [];

    /// <summary>Why a chunk-by-chunk (stateful) graph of this head cannot be written, or null when it can.</summary>
    public virtual string? WhyNotStateful => null;

    /// <summary>The head of the batched or stateful graph on <paramref name="features"/>, ending in <see cref="BatchedOutputs"/>.</summary>
    public abstract void EmitBatched(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string features);

    /// <summary>The head of the single-row graph on <paramref name="features"/> ([1, D*H], or [S, D*H] for every step), ending in <paramref name="names"/>' outputs.</summary>
    public abstract void EmitSingleRow(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string features, SingleRowTensorNames names);

    /// <summary>What the scorer calls this head serves predict.</summary>
    public abstract ScorerCall Serves { get; }

    /// <summary>The exception for a scorer call that this head does not serve.</summary>
    /// <param name="asked">What the call predicts.</param>
    /// <param name="tokens">True when the call took tokens, so the suggestion names the token variant.</param>
    /// <param name="stream">True for a stream's call (Push…), false for the scorer's (Score…).</param>
    /// <param name="outputs">The model's outputs, as the scorer counts them.</param>
    public abstract InvalidOperationException Refuse(ScorerCall asked, bool tokens, bool stream, ScorerOutputs outputs);

    /// <summary>The dense layer's weight and bias as initializers: every head applies it to the features first.</summary>
    protected static (string Weight, string Bias) HeadWeights(OnnxGraphBuilder graph, RecurrentNetworkDescription network)
    {
        var head = network.Head;
        return (graph.Initializer("head.weight", [head.Outputs, head.Inputs], head.Weights.Span),
            graph.Initializer("head.bias", [head.Outputs], head.Bias.Span));
    }

    /// <summary>
    /// In a graph that quantizes its weights: the dense layer on <paramref name="input"/> [..., D*H] as one <c>com.microsoft</c>
    /// DynamicQuantizeMatMul (8-bit weight [D*H, outputs], one scale per output, float bias) into <paramref name="output"/>
    /// [..., outputs]; returns its name. Otherwise null: the caller writes the float layer.
    /// </summary>
    protected static string? QuantizedDense(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string input, string output)
    {
        if (!graph.QuantizeWeights)
            return null;
        var head = network.Head;
        var quantized = new sbyte[head.Outputs * head.Inputs];
        var scales = new float[head.Outputs];
        Int8Weights.QuantizeRows(head.Weights.Span, head.Outputs, head.Inputs, quantized, scales);
        var names = QuantizedNames.Of(QuantizedNames.HeadWeight);
        var weight = graph.Int8Initializer(names.Weight, [head.Inputs, head.Outputs], quantized);
        var scale = graph.Initializer(names.Scale, [head.Outputs], scales);
        var zeroPoint = graph.Int8Initializer(names.ZeroPoint, [head.Outputs], new sbyte[head.Outputs]);
        var bias = graph.Initializer("head.bias", [head.Outputs], head.Bias.Span);
        graph.UseMicrosoftDomain();
        return graph.Node(OnnxGraphBuilder.MicrosoftDomain, "DynamicQuantizeMatMul", "head.dense", [input, weight, scale, zeroPoint, bias], [output]);
    }

    /// <summary>Declares <see cref="BatchedOutputs"/> as the graph's outputs.</summary>
    protected void DeclareBatchedOutputs(OnnxGraphBuilder graph, RecurrentNetworkDescription network)
    {
        foreach (var output in BatchedOutputs(network.Head.Outputs))
            graph.Output(output.Name, output.Type, output.GraphDims());
    }
}

/// <summary>What a scorer call predicts, so a head that serves another kind can name the call to make instead.</summary>
internal enum ScorerCall
{
    /// <summary>One class per sequence (Score, ScoreBatch, ScoreTokens, Push, PushTokens).</summary>
    SequenceClass,

    /// <summary>One class per step (Tag, TagTokens, PushAndTag, PushAndTagTokens).</summary>
    StepClasses,

    /// <summary>Numeric targets (Predict, PredictBatch, PredictTokens).</summary>
    Values,
}

/// <summary>A model's outputs as a scorer's messages name them.</summary>
/// <param name="ClassCount">Its classes (0 for a regressor).</param>
/// <param name="TargetNames">Its targets (empty for a classifier).</param>
internal sealed record ScorerOutputs(int ClassCount, IReadOnlyList<string> TargetNames);
