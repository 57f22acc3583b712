namespace Rnn.MLNet;

/// <summary>What a many-series forecaster does with a series too short for one training window.</summary>
public enum RnnShortSeries
{
    /// <summary>Leave it out of training (one log line says how many); it can still be forecast later.</summary>
    Skip = 0,

    /// <summary>Refuse the data, naming the series.</summary>
    Refuse = 1,
}
