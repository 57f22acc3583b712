namespace Rnn.MLNet;

/// <summary>The validation metric that decides the best epoch and early stopping.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>Mean cross-entropy on the validation set (lower is better).</summary>
    Loss,
    /// <summary>Accuracy on the validation set (token accuracy for labeling; higher is better).</summary>
    Accuracy,
}
