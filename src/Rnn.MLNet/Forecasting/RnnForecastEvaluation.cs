namespace Rnn.MLNet;

/// <summary>
/// A rolling-origin evaluation over a held-out tail (<see cref="RnnForecaster.Evaluate"/>): one forecast from every origin
/// whose horizon lies in the tail, made from the real history up to it, next to what followed, and their metrics.
/// </summary>
public sealed class RnnForecastEvaluation
{
    internal RnnForecastEvaluation(int[] origins, float[][] forecasts, float[][] actuals)
    {
        Origins = origins;
        Forecasts = forecasts;
        Actuals = actuals;
        Metrics = ForecastEvaluator.Evaluate(forecasts, actuals);
    }

    /// <summary>Per forecast, the row (0-based, of the evaluated series) of the last value it read.</summary>
    public IReadOnlyList<int> Origins { get; }

    /// <summary>Per origin, the forecast of the next Horizon values.</summary>
    public IReadOnlyList<float[]> Forecasts { get; }

    /// <summary>Per origin, the values that followed.</summary>
    public IReadOnlyList<float[]> Actuals { get; }

    /// <summary>MAE, RMSE and sMAPE per horizon step and overall.</summary>
    public ForecastMetrics Metrics { get; }
}
