namespace Rnn.MLNet;

/// <summary>The loss a regressor (<c>RnnTrainerOptions.Task = Regression</c>) minimises, on targets standardised by the trainer.</summary>
public enum RnnRegressionLoss
{
    /// <summary>Mean squared error (the default).</summary>
    SquaredError,
    /// <summary>Huber loss: squared below <see cref="RnnTrainerOptions.HuberDelta"/> standard deviations, linear above, so outliers pull less.</summary>
    Huber,
}
