namespace Rnn.Onnx;

/// <summary>
/// How a forecaster takes the level out of each window before the network sees it, and puts it back into the forecast,
/// so that a series that trends beyond the range seen in training is still forecast from its own recent values.
/// </summary>
public enum RnnForecastLevel
{
    /// <summary>Raw values (standardised by the training series' mean and spread): the network must know every level it will meet.</summary>
    None,

    /// <summary>Each window and its targets minus the window's last value: forecasts are changes from the last observation.</summary>
    LastValue,

    /// <summary>Each window and its targets minus the window's mean: forecasts are offsets from the recent average level.</summary>
    WindowMean,

    /// <summary>Each window and its targets divided by the window's mean, minus 1: relative changes, for series whose swings grow with their level (needs a positive mean).</summary>
    WindowMeanRatio,

    /// <summary>Inputs are step-to-step differences (the first step reads 0); targets are changes from the last value.</summary>
    Differences,
}
