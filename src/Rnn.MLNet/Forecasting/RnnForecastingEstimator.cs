using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Rnn.MLNet;

/// <summary>
/// Trains an <see cref="RnnForecaster"/> on a series (<c>mlContext.Rnn().Forecaster(options)</c>): the series view is read once,
/// in row order; every window of <see cref="RnnForecasterOptions.WindowSize"/> steps whose next
/// <see cref="RnnForecasterOptions.Horizon"/> steps lie in the series becomes a training row, built on the fly from that one copy;
/// a recurrent regressor learns all horizon steps at once (direct multi-horizon) on level-adjusted, standardised windows.
/// </summary>
public sealed class RnnForecastingEstimator : IEstimator<RnnForecaster>
{
    private readonly HostContext _context;
    private readonly IHost _host;
    private readonly RnnForecasterOptions _options;

    /// <summary>Creates the estimator; the options are validated and copied here.</summary>
    public RnnForecastingEstimator(MLContext mlContext, RnnForecasterOptions options)
        : this(HostContext.From(mlContext), options)
    {
    }

    internal RnnForecastingEstimator(HostContext context, RnnForecasterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _context = context;
        _options = options.Clone();
        _host = context.Environment.Register(nameof(RnnForecastingEstimator));
    }

    /// <summary>The estimator's copy of its options.</summary>
    public RnnForecasterOptions Options => _options;

    /// <summary>Checks the series, covariate and id columns and adds the forecast column (a vector of Horizon values), and one column per quantile level.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (var name in _options.CovariateColumnNames.Concat(_options.StaticCovariateColumnNames).Prepend(_options.SeriesColumnName))
        {
            var column = ColumnLookup.Find(inputSchema, name, name == _options.SeriesColumnName ? "The series column" : "The covariate column");
            if (column.Kind != SchemaShape.Column.VectorKind.Scalar || column.ItemType != NumberDataViewType.Single || column.IsKey)
                throw new ArgumentOutOfRangeException(nameof(inputSchema),
                    $"Column '{name}' has type {column.ItemType} ({column.Kind}); the forecaster reads Single values, one per row (time step).");
        }

        if (_options.SeriesIdColumnName is { } id)
        {
            var column = ColumnLookup.Find(inputSchema, id, "The series id column");
            if (column.Kind != SchemaShape.Column.VectorKind.Scalar)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Series id column '{id}' is a vector ({column.Kind}); expected one id per row (text, a key or an integer).");
        }

        var columns = ForecasterColumns.From(_options);
        return OutputSchemaShape.CreateForecast(_context.Builder, inputSchema, _options.ForecastColumnName, _options.Horizon,
            [.. _options.QuantileLevels.Select(columns.QuantileColumn)]);
    }

    /// <summary>Trains on <paramref name="input"/>: one row per time step, in time order within each series.</summary>
    public RnnForecaster Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        var columns = ForecasterColumns.From(o);
        var data = ForecastData.Read(input, columns, allowGaps: o.Gaps == RnnForecastGapHandling.SkipWindows);
        if (o.SeriesEmbeddingSize > 0)
            data = data.WithSeriesIdentity();
        var levels = o.QuantileLevels;
        bool calibrate = levels.Count > 0 && o.Calibrate;
        var plan = ForecastTrainingPlan.Make(data, o, calibrate, _host);
        var window = ForecastWindowStatistics.Measure(data, o, plan.Training, plan.Scales);
        var panel = o.SeriesIdColumnName is null ? null : Panel(data, plan.Scales, o.UnknownSeries);
        var statics = Enumerable.Range(0, data.Series.Count).Select(i => panel?.StandardisedStatics(i) ?? []).ToArray();
        using (var channel = _host.Start(nameof(Fit)))
            channel.Info(MessageSensitivity.None, plan.Describe(data, o, window));

        var trainer = o.Trainer.Clone();
        trainer.Task = SequenceTask.Regression;
        trainer.FeatureColumnName = WindowDataView.FeaturesColumn;
        trainer.LabelColumnName = WindowDataView.LabelColumn;
        trainer.InputSize = window.NetworkInputSize;
        trainer.Quantiles = levels.Count > 0 ? levels : null;
        trainer.ValidationSet = plan.Validation.Count > 0 ? new WindowDataView(data, window, plan.Validation, plan.Scales, statics) : null;
        // The skip reads each window step's value: position t × ValuesPerTimeStep of the flattened input (grouping keeps the layout).
        trainer.InputProjection = o.SeriesEmbeddingSize > 0 ? SeriesEmbedding(window, data.Series.Count, o.SeriesEmbeddingSize) : null;
        trainer.SkipInputs = o.Autoregressive ? [.. Enumerable.Range(0, o.WindowSize).Select(t => t * window.ValuesPerTimeStep)] : null;
        int seed = o.Trainer.Seed ?? _host.Rand.Next();
        var windows = new WindowDataView(data, window, plan.Training, plan.Scales, statics);
        var networks = new List<RecurrentNetworkDescription>();
        for (int member = 0; member < o.EnsembleSize; member++)
        {
            if (o.EnsembleSize > 1)
            {
                using var channel = _host.Start(nameof(Fit));
                channel.Info(MessageSensitivity.None, $"Ensemble member {member + 1} of {o.EnsembleSize}, seed {seed + member}.");
            }

            trainer.Seed = seed + member;
            using var network = new RnnTrainer(_context, trainer).Fit(windows);
            networks.Add(network.Network);
        }

        var quantiles = levels.Count > 0 ? new ForecastQuantiles(levels, o.Horizon) : null;
        if (calibrate)
        {
            quantiles = ConformalCalibration.Calibrate(networks, window, panel, quantiles!, data, plan.Calibration,
                panel is null ? null : [.. plan.Calibration.Select(o => (long)o.Series)], plan.Scales);
            using var channel = _host.Start(nameof(Fit));
            channel.Info(MessageSensitivity.None, ConformalCalibration.Describe(quantiles, plan.Calibration.Count));
        }

        return new RnnForecaster(_context, networks, window, panel, quantiles, columns);
    }

    /// <summary>The one-hot ids (the last <paramref name="series"/> values of each time step) of every time step a network step reads, mapped to <paramref name="size"/> values.</summary>
    private static InputProjection SeriesEmbedding(ForecastWindow window, int series, int size)
    {
        int width = window.ValuesPerTimeStep;
        var positions = Enumerable.Range(0, window.StepsPerNetworkStep).SelectMany(g => Enumerable.Range(g * width + width - series, series)).ToArray();
        return new InputProjection(positions, series, size);
    }

    /// <summary>The table of series a many-series forecaster serves: every series read (short ones too), its scale and static covariates.</summary>
    private static ForecastPanel Panel(ForecastData data, float[] scales, RnnUnknownSeries unknownSeries)
    {
        int s = data.StaticColumns.Count;
        var table = data.Series.SelectMany(series => series.Statics).ToArray();
        var moments = new RunningMoments(s);
        foreach (var series in data.Series)
        {
            for (int k = 0; k < s; k++)
                moments.Add(k, series.Statics[k]);
        }

        return new ForecastPanel([.. data.Series.Select(series => series.Id)], scales, unknownSeries, data.StaticColumns, table, moments.Means(), moments.Scales());
    }
}
