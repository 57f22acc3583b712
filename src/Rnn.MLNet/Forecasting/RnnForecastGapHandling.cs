namespace Rnn.MLNet;

/// <summary>What the forecaster does with missing values (NaN) in the training series or its covariates.</summary>
public enum RnnForecastGapHandling
{
    /// <summary>Refuse the series with an error naming the column and the first row with a gap (the default).</summary>
    Refuse,

    /// <summary>Train on the windows that hold no gap in their inputs and targets; windows touching a gap are left out.</summary>
    SkipWindows,
}
