using System.Globalization;

namespace Rnn.MLNet;

/// <summary>The settings a checkpoint must share with the run that resumes it (architecture, data kinds, optimizer, seed).</summary>
internal static class RunFingerprint
{
    public static string Of(RnnTrainerOptions options, NetworkShape shape, int seed) => string.Join(";",
        $"cell={shape.Cell}", $"input={shape.InputSize}", $"hidden={shape.HiddenSize}", $"layers={shape.NumLayers}",
        $"bidirectional={shape.Bidirectional}", $"classes={shape.Classes}", $"tokens={shape.TokenRows}", $"embedding={shape.LearnedEmbedding}",
        $"perStep={shape.ReadsEveryStep}", $"dropout={options.Dropout.ToString(CultureInfo.InvariantCulture)}",
        $"optimizer={options.Optimizer}", $"lr={options.LearningRate.ToString(CultureInfo.InvariantCulture)}",
        $"momentum={options.Momentum.ToString(CultureInfo.InvariantCulture)}", $"batch={options.BatchSize}", $"seed={seed}")
        // Added only when set, so the fingerprint of a run that uses none of them stays as it was.
        + (shape.Pooling == RnnPooling.Last ? "" : $";pooling={shape.Pooling}")
        + (options.LearningRateSchedule is { } schedule ? $";schedule={schedule}" : "")
        + (options.WeightDecay == 0 ? "" : $";weightDecay={options.WeightDecay.ToString(CultureInfo.InvariantCulture)}")
        + (options.ClassWeights is { } weights ? $";classWeights={weights}" : "")
        + (options.LabelSmoothing == 0 ? "" : $";labelSmoothing={options.LabelSmoothing.ToString(CultureInfo.InvariantCulture)}")
        + TaskHeads.For(options).Fingerprint(options)
        + (options.AveragedEpochs > 0 ? $";averaged={options.AveragedEpochs}of{options.Epochs}" : "")
        + (shape.SkipInputs is { } skip ? $";skip={skip.Count}" : "")
        + (shape.Projection is { } projection ? $";projection={projection.Positions.Count}x{projection.Size}" : "")
        + (options.GroupByLength ? "" : ";groupByLength=False")
        // Checkpoints store weights under module names; since the recurrent weights moved into one module per layer and
        // direction, older checkpoints cannot be read, and this marker makes resuming one a clear configuration error.
        + $";{RecurrentWeightsLayout}";

    /// <summary>How the recurrent weights are laid out in a checkpoint (<see cref="RecurrentLayers"/>).</summary>
    public const string RecurrentWeightsLayout = "recurrentWeights=per-layer-and-direction";
}
