namespace Rnn.MLNet;

/// <summary>The optimizer that updates the weights.</summary>
public enum RnnOptimizer
{
    /// <summary>Adam (adaptive moments); a good default.</summary>
    Adam,
    /// <summary>Stochastic gradient descent, optionally with momentum (<see cref="RnnTrainerOptions.Momentum"/>).</summary>
    Sgd,
}
