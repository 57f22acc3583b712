namespace Rnn.Onnx;

/// <summary>What a many-series forecaster does with a series id it was not trained on.</summary>
public enum RnnUnknownSeries
{
    /// <summary>
    /// Forecast it as a new series: its scale is taken from the history given (mean absolute value) and its static covariates
    /// are the training series' average.
    /// </summary>
    FromHistory = 0,

    /// <summary>Refuse it, naming the id.</summary>
    Refuse = 1,
}
