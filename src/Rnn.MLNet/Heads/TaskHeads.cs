namespace Rnn.MLNet;

/// <summary>
/// The one place that tells the tasks apart: which <see cref="TaskHead"/> a <see cref="SequenceTask"/> or a trained
/// network description has. A new task is a <see cref="SequenceTask"/> value, a head class in its own folder under Heads/,
/// and one line in each method here (and its Rnn.Onnx head in <c>Rnn.Onnx.Heads.OnnxHeads</c>).
/// </summary>
internal static class TaskHeads
{
    /// <summary>The task of options that do not name one (<see cref="RnnTrainerOptions.Task"/>'s default).</summary>
    public const SequenceTask DefaultTask = SequenceTask.Classification;

    public static TaskHead Classification { get; } = new ClassificationHead();

    public static TaskHead Labeling { get; } = new LabelingHead();

    public static TaskHead Regression { get; } = new RegressionHead();

    /// <summary>The head of <paramref name="task"/>.</summary>
    public static TaskHead For(SequenceTask task) => task switch
    {
        SequenceTask.Classification => Classification,
        SequenceTask.Labeling => Labeling,
        SequenceTask.Regression => Regression,
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task."),
    };

    /// <summary>The head options train with: a regressor of quantiles when they name quantiles (forecasters), else their task's.</summary>
    public static TaskHead For(RnnTrainerOptions options) =>
        options.Quantiles is { } levels && options.Task == SequenceTask.Regression ? new QuantileRegressionHead(levels) : For(options.Task);

    /// <summary>The head a trained network was trained with: a regressor's when it has targets, a labeler's when it scores every step, else a classifier's.</summary>
    public static TaskHead Of(RecurrentNetworkDescription network) =>
        network.Regression is not null ? Regression
        : network.PerStep ? Labeling
        : Classification;
}
