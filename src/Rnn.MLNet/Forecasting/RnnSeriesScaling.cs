namespace Rnn.MLNet;

/// <summary>How each series' values are scaled before the network reads them (and its forecasts scaled back).</summary>
public enum RnnSeriesScaling
{
    /// <summary><see cref="MeanAbsolute"/> for many series (<see cref="RnnForecasterOptions.SeriesIdColumnName"/>), <see cref="None"/> for one.</summary>
    Auto = 0,

    /// <summary>No per-series scaling (the window's level handling and the global standardisation only).</summary>
    None = 1,

    /// <summary>
    /// Each series divided by its mean absolute value over the training data, so series whose levels differ by orders of
    /// magnitude train alike; a series not seen in training takes the mean absolute value of the history it is forecast from.
    /// </summary>
    MeanAbsolute = 2,
}
