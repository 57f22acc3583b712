using System.Globalization;

namespace Rnn.MLNet;

/// <summary>The settings a checkpoint must share with the run that resumes it (architecture, data kinds, optimizer, seed).</summary>
internal static class RunFingerprint
{
    public static string Of(RnnTrainerOptions options, NetworkShape shape, int seed) => string.Join(";",
        $"cell={shape.Cell}", $"input={shape.InputSize}", $"hidden={shape.HiddenSize}", $"layers={shape.NumLayers}",
        $"bidirectional={shape.Bidirectional}", $"classes={shape.Classes}", $"tokens={shape.TokenRows}", $"embedding={shape.LearnedEmbedding}",
        $"perStep={shape.PerStep}", $"dropout={options.Dropout.ToString(CultureInfo.InvariantCulture)}",
        $"optimizer={options.Optimizer}", $"lr={options.LearningRate.ToString(CultureInfo.InvariantCulture)}",
        $"momentum={options.Momentum.ToString(CultureInfo.InvariantCulture)}", $"batch={options.BatchSize}", $"seed={seed}")
        // Added only when set, so checkpoints written before pooling existed still resume.
        + (shape.Pooling == RnnPooling.Last ? "" : $";pooling={shape.Pooling}")
        + (options.Task == SequenceTask.Regression ? $";task=regression;loss={options.RegressionLoss}:{options.HuberDelta.ToString(CultureInfo.InvariantCulture)}" : "")
        + (options.AveragedEpochs > 0 ? $";averaged={options.AveragedEpochs}of{options.Epochs}" : "")
        + (shape.SkipInputs is { } skip ? $";skip={skip.Count}" : "");
}
