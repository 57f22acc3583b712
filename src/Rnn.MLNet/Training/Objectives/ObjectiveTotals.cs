namespace Rnn.MLNet;

/// <summary>Running sums over the batches of an epoch (or a validation pass), from which loss and metrics are read.</summary>
internal struct ObjectiveTotals
{
    public long Rows;

    /// <summary>Targets counted: rows for classification, real (unpadded) steps for labeling, rows × targets for regression.</summary>
    public long Targets;
    public double LossSum;
    public long Correct;

    /// <summary>Regression: sums of squared and absolute errors in the targets' own units.</summary>
    public double SquaredError;
    public double AbsoluteError;

    /// <summary>The learning rate of the epoch these totals belong to.</summary>
    public double LearningRate;

    public readonly double MeanLoss => Targets == 0 ? 0 : LossSum / Targets;

    public readonly double Accuracy => Targets == 0 ? 0 : (double)Correct / Targets;

    public readonly double RootMeanSquaredError => Targets == 0 ? 0 : Math.Sqrt(SquaredError / Targets);

    public readonly double MeanAbsoluteError => Targets == 0 ? 0 : AbsoluteError / Targets;
}
