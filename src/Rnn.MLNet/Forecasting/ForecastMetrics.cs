namespace Rnn.MLNet;

/// <summary>
/// How close forecasts came to what happened, as forecasters are judged: over a set of forecast origins, per horizon step
/// (step 1 = the first value after the origin) and over all steps together.
/// </summary>
public sealed class ForecastMetrics
{
    internal ForecastMetrics(int origins, IReadOnlyList<ForecastStepMetrics> perStep, double mae, double rmse, double smape)
    {
        Origins = origins;
        PerStep = perStep;
        MeanAbsoluteError = mae;
        RootMeanSquaredError = rmse;
        SymmetricMeanAbsolutePercentageError = smape;
    }

    /// <summary>Forecasts compared (one per origin).</summary>
    public int Origins { get; }

    /// <summary>Metrics of each horizon step, step 1 first.</summary>
    public IReadOnlyList<ForecastStepMetrics> PerStep { get; }

    /// <summary>Mean absolute error over every step of every forecast, in the series' units.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>Root mean squared error over every step of every forecast, in the series' units.</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>Symmetric mean absolute percentage error in percent (0–200): the mean of 200 |F − A| / (|F| + |A|), 0 where both are 0.</summary>
    public double SymmetricMeanAbsolutePercentageError { get; }

    /// <summary>
    /// Mean absolute scaled error: the mean absolute error divided by the series' in-sample seasonal-naive error (M4's MASE);
    /// pooled over many series, the mean of the series' MASE. Below 1: better than the seasonal-naive method was in sample.
    /// NaN where the scale is unknown (no in-sample history, or a constant series).
    /// </summary>
    public double MeanAbsoluteScaledError { get; init; } = double.NaN;

    /// <summary>These metrics with MASE (overall and per step) as the mean over <paramref name="series"/>' own, as M4 averages it.</summary>
    internal ForecastMetrics WithScaledErrors(IEnumerable<ForecastMetrics> series)
    {
        var known = series.Where(m => double.IsFinite(m.MeanAbsoluteScaledError)).ToArray();
        if (known.Length == 0)
            return this;
        var steps = PerStep.Select((s, h) => s with { MeanAbsoluteScaledError = known.Average(m => m.PerStep[h].MeanAbsoluteScaledError) }).ToArray();
        return new ForecastMetrics(Origins, steps, MeanAbsoluteError, RootMeanSquaredError, SymmetricMeanAbsolutePercentageError)
        {
            MeanAbsoluteScaledError = known.Average(m => m.MeanAbsoluteScaledError),
        };
    }
}

/// <summary>The metrics of one horizon step over every origin.</summary>
/// <param name="Step">1 for the first value after the origin, up to the horizon.</param>
/// <param name="MeanAbsoluteError">Mean absolute error at this step, in the series' units.</param>
/// <param name="RootMeanSquaredError">Root mean squared error at this step.</param>
/// <param name="SymmetricMeanAbsolutePercentageError">sMAPE at this step, in percent.</param>
public sealed record ForecastStepMetrics(int Step, double MeanAbsoluteError, double RootMeanSquaredError, double SymmetricMeanAbsolutePercentageError)
{
    /// <summary>MASE at this step (see <see cref="ForecastMetrics.MeanAbsoluteScaledError"/>); NaN where unknown.</summary>
    public double MeanAbsoluteScaledError { get; init; } = double.NaN;
}
