namespace Rnn.Onnx.Heads;

/// <summary>
/// The one place that tells the tasks apart on the ONNX side: which <see cref="OnnxHead"/> a network description or a
/// model file's metadata has. A new task is a new head class plus one line in each method here.
/// </summary>
internal static class OnnxHeads
{
    public static OnnxHead Classification { get; } = new ClassificationOnnxHead();

    public static OnnxHead Labeling { get; } = new LabelingOnnxHead();

    public static OnnxHead Regression { get; } = new RegressionOnnxHead();

    /// <summary>The head of <paramref name="network"/>: a regressor's when it has regression targets, else a labeler's when it scores every step, else a classifier's.</summary>
    public static OnnxHead Of(RecurrentNetworkDescription network) =>
        network.Regression is not null ? Regression
        : network.PerStep ? Labeling
        : Classification;

    /// <summary>The head a model file states: its <see cref="RnnOnnxMetadata.Task"/> (regression and forecasting end in a regressor) and <see cref="RnnOnnxMetadata.Output"/>.</summary>
    /// <param name="task"><c>classification</c>, <c>regression</c> or <c>forecasting</c>.</param>
    /// <param name="output"><c>sequence</c> or <c>per_step</c>.</param>
    public static OnnxHead FromMetadata(string task, string output) =>
        task != "classification" ? Regression
        : output == Labeling.OutputKind ? Labeling
        : Classification;
}
