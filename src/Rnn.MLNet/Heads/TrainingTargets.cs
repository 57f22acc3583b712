namespace Rnn.MLNet;

/// <summary>What a head predicts for one training run: the class names in output order, or a regressor's target scaling.</summary>
/// <param name="ClassNames">The classes (the label's key values as text); empty for a regressor.</param>
/// <param name="Scaling">The regressor's per-target mean and spread, measured before training; null for classes.</param>
internal sealed record TrainingTargets(IReadOnlyList<string> ClassNames, TargetScaling? Scaling = null);
