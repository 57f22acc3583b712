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

    /// <summary>Checks the series and covariate columns and adds the forecast column (a vector of Horizon values).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (var name in _options.CovariateColumnNames.Prepend(_options.SeriesColumnName))
        {
            var column = ColumnLookup.Find(inputSchema, name, name == _options.SeriesColumnName ? "The series column" : "The covariate column");
            if (column.Kind != SchemaShape.Column.VectorKind.Scalar || column.ItemType != NumberDataViewType.Single || column.IsKey)
                throw new ArgumentOutOfRangeException(nameof(inputSchema),
                    $"Column '{name}' has type {column.ItemType} ({column.Kind}); the forecaster reads Single values, one per row (time step).");
        }

        return OutputSchemaShape.CreateForecast(_context.Builder, inputSchema, _options.ForecastColumnName, _options.Horizon);
    }

    /// <summary>Trains on <paramref name="input"/>, one row per time step in time order.</summary>
    public RnnForecaster Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        var series = ForecastSeries.Read(input, o.SeriesColumnName, o.CovariateColumnNames, o.TimeColumnName, allowGaps: o.Gaps == RnnForecastGapHandling.SkipWindows);
        int n = series.Length;
        if (n < o.WindowSize + o.Horizon + o.ValidationSteps)
            throw new ArgumentOutOfRangeException(nameof(input),
                $"The series in column '{o.SeriesColumnName}' has {n} rows; WindowSize ({o.WindowSize}) + Horizon ({o.Horizon})" +
                (o.ValidationSteps > 0 ? $" + ValidationSteps ({o.ValidationSteps})" : "") +
                $" = {o.WindowSize + o.Horizon + o.ValidationSteps} are needed for one training window. Use a smaller window or horizon, or a longer series.");
        if (o.ValidationSteps is > 0 and var held && held < o.Horizon)
            throw OptionChecks.Bad(nameof(RnnForecasterOptions), nameof(RnnForecasterOptions.ValidationSteps), held,
                $"0 or at least Horizon ({o.Horizon}), so that one window's targets fit in the held-out steps");

        int lastTrainingStep = n - 1 - o.ValidationSteps;
        var training = ForecastOrigins.Between(series, o.WindowSize, o.Horizon, 0, lastTrainingStep);
        int possible = lastTrainingStep - o.WindowSize - o.Horizon + 2;
        if (training.Length == 0)
            throw new InvalidOperationException($"Every training window of column '{o.SeriesColumnName}' touches a gap (NaN); no window is complete.");
        var validation = o.ValidationSteps > 0
            ? ForecastOrigins.Between(series, o.WindowSize, o.Horizon, 0, n - 1).Where(origin => origin > lastTrainingStep - 1).ToArray()
            : [];
        if (o.ValidationSteps > 0 && validation.Length == 0)
            throw new InvalidOperationException($"Every validation window (the last {o.ValidationSteps} steps) of column '{o.SeriesColumnName}' touches a gap (NaN).");

        var window = ForecastWindowStatistics.Measure(series, o, training);
        using (var channel = _host.Start(nameof(Fit)))
        {
            channel.Info(MessageSensitivity.None,
                $"Forecaster: {n} steps, {training.Length} training windows ({possible - training.Length} left out for gaps), {validation.Length} validation windows; " +
                $"window {o.WindowSize}, horizon {o.Horizon}, level {o.Level}, {series.CovariateCount} covariate(s); network input {window.NetworkSteps} steps × {window.NetworkInputSize}.");
        }

        var trainer = o.Trainer.Clone();
        trainer.Task = TaskHeads.Regression.Task;
        trainer.FeatureColumnName = WindowDataView.FeaturesColumn;
        trainer.LabelColumnName = WindowDataView.LabelColumn;
        trainer.InputSize = window.NetworkInputSize;
        trainer.ValidationSet = validation.Length > 0 ? new WindowDataView(series, window, validation) : null;
        // The skip reads each window step's value: position t × ValuesPerTimeStep of the flattened input (grouping keeps the layout).
        trainer.SkipInputs = o.Autoregressive ? [.. Enumerable.Range(0, o.WindowSize).Select(t => t * window.ValuesPerTimeStep)] : null;
        int seed = o.Trainer.Seed ?? _host.Rand.Next();
        var windows = new WindowDataView(series, window, training);
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

        return new RnnForecaster(_context, networks, window, ForecasterColumns.From(o));
    }
}
