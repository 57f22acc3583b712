namespace Rnn.MLNet;

/// <summary>The validation metric that decides the best epoch and early stopping.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>Mean loss on the validation set: cross-entropy, or a regressor's squared error or Huber loss on standardised targets (lower is better).</summary>
    Loss,
    /// <summary>Accuracy on the validation set (token accuracy for labeling; higher is better).</summary>
    Accuracy,
}
