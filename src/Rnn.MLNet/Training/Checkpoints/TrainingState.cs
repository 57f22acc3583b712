namespace Rnn.MLNet;

/// <summary>Where a training run stands after an epoch: what a checkpoint records besides the weights and optimizer.</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="BestScore">Best validation score so far (lower is better; accuracy is stored negated), or null without validation.</param>
/// <param name="BestEpoch">Epoch that reached <paramref name="BestScore"/>.</param>
/// <param name="EpochsWithoutImprovement">Epochs since the best one, for early stopping.</param>
/// <param name="BestWeights">Serialized weights of the best epoch, or null.</param>
/// <param name="ChunkSizes">Rows of each shuffled chunk in an epoch, so a resumed run can replay the shuffle generator.</param>
/// <param name="LearningRate">The rate a stateful schedule (reduce-on-plateau) has reached, or null before it has one.</param>
/// <param name="PlateauEpochs">Epochs without improvement the plateau schedule has counted since its last reduction.</param>
/// <param name="AveragedWeights">The running weight average (<see cref="WeightAverager.ToBytes"/>) when averaging has begun, else null.</param>
internal sealed record TrainingState(
    int Epoch, double? BestScore, int BestEpoch, int EpochsWithoutImprovement, byte[]? BestWeights, int[] ChunkSizes,
    double? LearningRate = null, int PlateauEpochs = 0, byte[]? AveragedWeights = null)
{
    public static TrainingState Start { get; } = new(0, null, 0, 0, null, []);
}
