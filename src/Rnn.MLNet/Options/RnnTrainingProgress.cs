namespace Rnn.MLNet;

/// <summary>A snapshot of training, reported after every batch and at the end of every epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TotalEpochs">Number of epochs requested.</param>
/// <param name="RowsSeen">Rows trained on so far in this epoch.</param>
/// <param name="TotalRows">Rows per epoch, when known (after the first epoch or from the data view's row count); otherwise null.</param>
/// <param name="Loss">Mean loss over the rows seen in this epoch: cross-entropy, or a regressor's squared error or Huber loss on standardised targets.</param>
/// <param name="Accuracy">Training accuracy over the rows seen in this epoch (predictions made while training); NaN for a regressor (see <see cref="RootMeanSquaredError"/>).</param>
/// <param name="Elapsed">Time since <c>Fit</c> started.</param>
/// <param name="IsEpochEnd">True for the one report that closes an epoch.</param>
public sealed record RnnTrainingProgress(
    int Epoch,
    int TotalEpochs,
    long RowsSeen,
    long? TotalRows,
    double Loss,
    double Accuracy,
    TimeSpan Elapsed,
    bool IsEpochEnd)
{
    /// <summary>Mean loss on <see cref="RnnTrainerOptions.ValidationSet"/> (epoch-end reports only), or null.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Accuracy on <see cref="RnnTrainerOptions.ValidationSet"/> (token accuracy for labeling; epoch-end reports only), or null.</summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>The learning rate of this epoch (see <see cref="RnnTrainerOptions.LearningRateSchedule"/>).</summary>
    public double LearningRate { get; init; }
    /// <summary>A regressor's training RMSE over the rows seen in this epoch, in the label's units (all targets pooled); null for classifiers.</summary>
    public double? RootMeanSquaredError { get; init; }

    /// <summary>A regressor's training MAE over the rows seen in this epoch, in the label's units; null for classifiers.</summary>
    public double? MeanAbsoluteError { get; init; }

    /// <summary>A regressor's RMSE on <see cref="RnnTrainerOptions.ValidationSet"/> (epoch-end reports only), or null.</summary>
    public double? ValidationRootMeanSquaredError { get; init; }

    /// <summary>A regressor's MAE on <see cref="RnnTrainerOptions.ValidationSet"/> (epoch-end reports only), or null.</summary>
    public double? ValidationMeanAbsoluteError { get; init; }

    /// <summary>True on the epoch-end report of the best validation epoch so far.</summary>
    public bool IsBestEpoch { get; init; }
}
