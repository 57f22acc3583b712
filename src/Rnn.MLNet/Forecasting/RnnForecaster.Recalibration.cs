using Microsoft.ML;

namespace Rnn.MLNet;

public sealed partial class RnnForecaster
{
    /// <summary>
    /// A forecaster with the same networks whose intervals are calibrated again, on the windows whose targets lie in the last
    /// <paramref name="calibrationSteps"/> rows of each series in <paramref name="recent"/> (conformalized quantile regression
    /// per horizon step, as at training). Call it as new data arrives, so that intervals follow a change the training data did
    /// not show: the networks are not retrained, and windows of series this forecaster was not trained on are left out.
    /// </summary>
    /// <param name="recent">Series with the training columns, one row per step in time order, ending with the newest data.</param>
    /// <param name="calibrationSteps">Rows at the end of each series whose windows calibrate, at least <see cref="Horizon"/>.</param>
    /// <returns>A new forecaster; this one is unchanged.</returns>
    /// <exception cref="InvalidOperationException">The forecaster was trained without quantiles, or no series gives a whole window.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="calibrationSteps"/> is below <see cref="Horizon"/>.</exception>
    public RnnForecaster Recalibrate(IDataView recent, int calibrationSteps)
    {
        ArgumentNullException.ThrowIfNull(recent);
        var levels = Quantiles ?? throw new InvalidOperationException("This forecaster predicts point forecasts only (it was trained without Quantiles); there are no intervals to calibrate.");
        if (calibrationSteps < Horizon)
            throw new ArgumentOutOfRangeException(nameof(calibrationSteps), calibrationSteps,
                $"calibrationSteps is {calibrationSteps}; expected at least Horizon ({Horizon}), so that one window's targets fit in it.");
        var data = ForecastData.Read(recent, Columns, allowGaps: true);
        var origins = new List<ForecastOrigin>();
        var indexes = new List<long>();
        var scales = new float[data.Series.Count];
        for (int k = 0; k < data.Series.Count; k++)
        {
            var series = data.Series[k];
            if (Panel is { } panel && !panel.Contains(series.Id))
                continue;
            int index = Panel?.IndexOf(series.Id) ?? 0;
            scales[k] = Panel?.SeriesScales.Span[index] ?? 1f;
            foreach (int step in ForecastOrigins.InTail(series, WindowSize, Horizon, calibrationSteps))
            {
                origins.Add(new ForecastOrigin(k, step));
                indexes.Add(index);
            }
        }

        if (origins.Count == 0)
            throw new InvalidOperationException(
                $"No series of column '{Columns.Series}' in the data{(Panel is null ? "" : " known to this forecaster")} has a whole window (WindowSize {WindowSize} + Horizon {Horizon}, no gap) ending in its last {calibrationSteps} rows; nothing to calibrate on.");
        var calibrated = ConformalCalibration.Calibrate(
            Networks, Window, Panel, levels.WithAdjustments(new float[levels.Horizon * levels.Count]), data, origins, Panel is null ? null : [.. indexes], scales);
        return new RnnForecaster(Context, Networks, Window, Panel, calibrated, Columns);
    }
}
