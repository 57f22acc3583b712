using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>
/// Rnn.MLNet components that have no home among ML.NET's own catalogs: <c>mlContext.Rnn()</c> (sequence labeling and
/// forecasting). Sequence classifiers are on <c>mlContext.MulticlassClassification.Trainers.Rnn</c>, regressors on
/// <c>mlContext.Regression.Trainers.Rnn</c> and the featurizers on <c>mlContext.Transforms</c>.
/// </summary>
public sealed class RnnCatalog
{
    internal RnnCatalog(MLContext mlContext) => Context = HostContext.From(mlContext);

    internal HostContext Context { get; }

    /// <summary>
    /// A recurrent sequence labeler (one label per step, <c>Task = Labeling</c>) configured by
    /// <paramref name="options"/>; the label column is a vector of keys aligned with the input steps.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> asks for another task, or an option is invalid.</exception>
    public RnnTrainer SequenceLabeling(RnnTrainerOptions options) =>
        new(Context, RnnTrainerCatalog.ForTask(options, TaskHeads.Labeling, "mlContext.Rnn().SequenceLabeling"));

    /// <summary>
    /// A recurrent forecaster for a series view (one row per time step, in time order): <c>Fit(series)</c> trains a network that
    /// reads <see cref="RnnForecasterOptions.WindowSize"/> past steps (plus covariates) and forecasts the next
    /// <see cref="RnnForecasterOptions.Horizon"/> steps at once, returning an <see cref="RnnForecaster"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid (the message names it and its value).</exception>
    public RnnForecastingEstimator Forecaster(RnnForecasterOptions options) => new(Context, options);

    /// <summary>
    /// MAE, RMSE and sMAPE per horizon step and overall of any forecasts (an RNN's, a baseline's) against what followed, so
    /// different forecasters can be compared on the same origins. <see cref="RnnForecaster.Evaluate"/> does this for a forecaster.
    /// </summary>
    /// <param name="forecasts">Per origin, the forecast of the next horizon steps (all of the same length).</param>
    /// <param name="actuals">Per origin, the values that followed, as long as the forecasts.</param>
    /// <exception cref="ArgumentException">No origins, lengths that differ, or values that are not finite.</exception>
    public ForecastMetrics EvaluateForecasts(IReadOnlyList<float[]> forecasts, IReadOnlyList<float[]> actuals) =>
        ForecastEvaluator.Evaluate(forecasts, actuals);

    /// <summary>
    /// Token accuracy and per-tag precision/recall/F1 of a sequence labeling model's output, counting real steps only.
    /// </summary>
    /// <param name="data">Scored data holding both columns (e.g. <c>model.Transform(test)</c>).</param>
    /// <param name="labelColumnName">Vector of true keys, one per step.</param>
    /// <param name="predictedLabelColumnName">Vector of predicted keys, one per step.</param>
    public SequenceLabelingMetrics EvaluateSequenceLabeling(
        IDataView data,
        string labelColumnName = RnnTrainerOptions.Defaults.LabelColumnName,
        string predictedLabelColumnName = RnnTrainerOptions.Defaults.PredictedLabelColumnName) =>
        SequenceLabelingEvaluator.Evaluate(data, labelColumnName, predictedLabelColumnName);
}

/// <summary>Adds <c>mlContext.Rnn()</c>.</summary>
public static class RnnMLContextExtensions
{
    /// <summary>Rnn.MLNet's components that have no ML.NET catalog of their own (sequence labeling, forecasting).</summary>
    public static RnnCatalog Rnn(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new RnnCatalog(mlContext);
    }
}
