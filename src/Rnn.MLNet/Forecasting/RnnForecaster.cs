using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// A trained recurrent forecaster: reads the last <see cref="WindowSize"/> values of a series (plus covariates) and forecasts
/// the next <see cref="Horizon"/> values at once; trained on many series, it forecasts any of them by id (and a new one from
/// its history), and trained with quantiles, it also gives calibrated prediction intervals (<see cref="ForecastQuantiles(ReadOnlySpan{float}, ReadOnlySpan{float})"/>). It scores through ONNX Runtime on the same graph <see cref="ExportOnnx(string)"/>
/// writes (level handling and standardisation inside it), so what is evaluated here is what is served elsewhere
/// (<see cref="RnnOnnxForecaster"/>). <see cref="Transform"/> adds the forecast made at every row of a series view.
/// The device follows ML.NET's convention as <see cref="RnnTransformer"/> does, read at the first forecast: <c>MLContext.GpuDeviceId</c>
/// (null = CPU) and, when CUDA is unusable, <c>MLContext.FallbackToCpu</c> (true: the CPU after one warning in the MLContext log;
/// false: forecasting throws <see cref="InvalidOperationException"/> saying why).
/// </summary>
public sealed partial class RnnForecaster : ITransformer, IDisposable
{
    private readonly byte[] _onnx;
    private readonly object _sessionGate = new();
    // Opened on first use through the context's device policy, so a CUDA setting that cannot be honoured fails forecasting,
    // never the training that made the model.
    private RnnOnnxForecaster? _scorer;
    private bool _disposed;

    internal RnnForecaster(
        HostContext context, IReadOnlyList<RecurrentNetworkDescription> networks, ForecastWindow window, ForecastPanel? panel, ForecastQuantiles? quantiles, ForecasterColumns columns)
        : this(context, networks, window, panel, quantiles, columns,
            RnnOnnxForecastExporter.ToBytes(networks, window, panel, quantiles, columns.ToMetadata(), MLNetMetadata.ProducerName))
    {
    }

    private RnnForecaster(
        HostContext context, IReadOnlyList<RecurrentNetworkDescription> networks, ForecastWindow window, ForecastPanel? panel, ForecastQuantiles? quantiles,
        ForecasterColumns columns, byte[] onnx)
    {
        Context = context;
        Networks = [.. networks];
        Window = window;
        Panel = panel;
        Quantiles = quantiles;
        Columns = columns;
        _onnx = onnx;
    }

    /// <summary>
    /// The trained networks (one, or an ensemble's members, whose forecasts are averaged): regressors with one target per horizon
    /// step, in level-adjusted units.
    /// </summary>
    public IReadOnlyList<RecurrentNetworkDescription> Networks { get; }

    /// <summary>How windows become the network's input and its output becomes forecasts.</summary>
    public ForecastWindow Window { get; }

    /// <summary>The series a many-series forecaster was trained on (ids, scales, static covariates); null for one series.</summary>
    public ForecastPanel? Panel { get; }

    /// <summary>The quantiles and their conformal adjustments of a probabilistic forecaster; null for point forecasts.</summary>
    public ForecastQuantiles? Quantiles { get; }

    /// <summary>The quantile levels forecast (empty for point forecasts).</summary>
    public IReadOnlyList<float> QuantileLevels => Quantiles?.Levels ?? [];

    /// <summary>The ids of the series trained on (empty for a one-series forecaster).</summary>
    public IReadOnlyList<string> SeriesIds => Panel?.SeriesIds ?? [];

    /// <summary>The series column read.</summary>
    public string SeriesColumnName => Columns.Series;

    /// <summary>The series id column of a many-series forecaster, or null.</summary>
    public string? SeriesIdColumnName => Columns.SeriesId;

    /// <summary>The static covariate columns read (constant within each series).</summary>
    public IReadOnlyList<string> StaticCovariateColumnNames => Columns.Statics;

    /// <summary>The covariate columns read, in input order.</summary>
    public IReadOnlyList<string> CovariateColumnNames => Columns.Covariates;

    /// <summary>The column <see cref="Transform"/> adds.</summary>
    public string ForecastColumnName => Columns.Forecast;

    /// <summary>Past steps each forecast reads.</summary>
    public int WindowSize => Window.WindowSize;

    /// <summary>Steps forecast at once.</summary>
    public int Horizon => Window.Horizon;

    /// <summary>The level handling the forecaster was trained with.</summary>
    public RnnForecastLevel Level => Window.Level;

    /// <summary>False: a forecast reads many rows, so there is no row-to-row mapping.</summary>
    public bool IsRowToRowMapper => false;

    internal HostContext Context { get; }

    internal ForecasterColumns Columns { get; }

    /// <summary>The next <see cref="Horizon"/> values after <paramref name="history"/> (oldest first; its last <see cref="WindowSize"/> values are read).</summary>
    /// <exception cref="InvalidOperationException">The forecaster reads covariates: use the overload that takes them.</exception>
    /// <exception cref="ArgumentException">The history is shorter than <see cref="WindowSize"/>, or holds NaN or infinities.</exception>
    public float[] Forecast(ReadOnlySpan<float> history) => Session().Forecast(history);

    /// <summary>The next <see cref="Horizon"/> values after <paramref name="history"/>, given the covariates of its steps and of the steps forecast.</summary>
    /// <param name="history">The series so far, oldest first; its last <see cref="WindowSize"/> values are read.</param>
    /// <param name="covariates">
    /// One row of covariates (in <see cref="CovariateColumnNames"/> order) per step of <paramref name="history"/>, then one per
    /// step forecast: (history length + <see cref="Horizon"/>) × covariates values, step-major.
    /// </param>
    /// <exception cref="ArgumentException">Too short a history, covariates of the wrong length, or a value that is not finite.</exception>
    public float[] Forecast(ReadOnlySpan<float> history, ReadOnlySpan<float> covariates) => Session().Forecast(history, covariates);

    /// <summary>The next <see cref="Horizon"/> values of series <paramref name="seriesId"/> after <paramref name="history"/> (a many-series forecaster).</summary>
    /// <exception cref="InvalidOperationException">The forecaster reads covariates, or was trained on one series.</exception>
    /// <exception cref="ArgumentException">The id is unknown and the forecaster refuses unknown ids, or the history is unfit.</exception>
    public float[] Forecast(string seriesId, ReadOnlySpan<float> history) => Session().Forecast(seriesId, history);

    /// <summary>The next <see cref="Horizon"/> values of series <paramref name="seriesId"/>, given the covariates of the history's steps and of the steps forecast.</summary>
    /// <exception cref="InvalidOperationException">The forecaster was trained on one series.</exception>
    /// <exception cref="ArgumentException">The id is unknown and refused, or the history or covariates are unfit.</exception>
    public float[] Forecast(string seriesId, ReadOnlySpan<float> history, ReadOnlySpan<float> covariates) => Session().Forecast(seriesId, history, covariates);

    /// <summary>The quantiles of the next <see cref="Horizon"/> steps after <paramref name="history"/>: <see cref="RnnQuantileForecast.Point"/>, <see cref="RnnQuantileForecast.Lower"/>, <see cref="RnnQuantileForecast.Upper"/>.</summary>
    /// <exception cref="InvalidOperationException">The forecaster was trained without quantiles, or on many series (use the overload with an id).</exception>
    public RnnQuantileForecast ForecastQuantiles(ReadOnlySpan<float> history, ReadOnlySpan<float> covariates = default) => Session().ForecastQuantiles(history, covariates);

    /// <summary>The quantiles of the next <see cref="Horizon"/> steps of series <paramref name="seriesId"/>.</summary>
    /// <exception cref="InvalidOperationException">The forecaster was trained without quantiles, or on one series.</exception>
    /// <exception cref="ArgumentException">The id is unknown and refused, or the history or covariates are unfit.</exception>
    public RnnQuantileForecast ForecastQuantiles(string seriesId, ReadOnlySpan<float> history, ReadOnlySpan<float> covariates = default) =>
        Session().ForecastQuantiles(seriesId, history, covariates);

    /// <summary>
    /// Rolling-origin evaluation over the last <paramref name="testSteps"/> rows of every series in <paramref name="series"/>: a
    /// forecast from every origin whose <see cref="Horizon"/> steps all lie in that tail, each made from the real history up to
    /// the origin (the model is not refitted), scored per horizon step and overall, per series and pooled: MAE, RMSE, sMAPE and
    /// MASE (each series' errors scaled by its in-sample seasonal-naive error before the tail, as in the M4 competition), and for
    /// a probabilistic forecaster the coverage and mean width of every interval and the weighted quantile loss. Origins whose
    /// window or targets touch a gap (NaN) are left out.
    /// </summary>
    /// <param name="series">Every series (history and tail), one row per step in time order, with the training columns.</param>
    /// <param name="testSteps">Rows at the end of each series held out, at least <see cref="Horizon"/>.</param>
    /// <param name="seasonality">The season of MASE's naive forecast: 0 (the default) takes the forecaster's <see cref="ForecastWindow.SeasonLength"/>, or 1 without one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testSteps"/> is below <see cref="Horizon"/> or leaves less than a window of history.</exception>
    public RnnForecastEvaluation Evaluate(IDataView series, int testSteps, int seasonality = 0)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfNegative(seasonality);
        var data = ForecastData.Read(series, Columns, allowGaps: true);
        int shortest = data.Series.Min(s => s.Length);
        if (testSteps < Horizon || testSteps > shortest - WindowSize)
            throw new ArgumentOutOfRangeException(nameof(testSteps), testSteps,
                $"testSteps is {testSteps}; expected Horizon ({Horizon}) to series length − WindowSize ({shortest} − {WindowSize} = {shortest - WindowSize}" +
                $"{(data.Series.Count > 1 ? ", the shortest series" : "")}).");
        var origins = new List<ForecastOrigin>();
        for (int k = 0; k < data.Series.Count; k++)
        {
            var s = data.Series[k];
            origins.AddRange(ForecastOrigins.InTail(s, WindowSize, Horizon, testSteps).Select(o => new ForecastOrigin(k, o)));
        }

        if (origins.Count == 0)
            throw new InvalidOperationException($"Every origin in the last {testSteps} rows of column '{Columns.Series}' touches a gap (NaN); nothing to evaluate.");
        var (points, quantiles) = ForecastAt(data, origins);
        int season = seasonality > 0 ? seasonality : Math.Max(1, Window.SeasonLength);
        return RnnForecastEvaluation.Create(data, origins, points, quantiles, Quantiles, Horizon, testSteps, season);
    }

    /// <summary>Writes the forecaster as one ONNX model: raw history (and covariates) in, forecast out; <see cref="RnnOnnxForecaster"/> scores it.</summary>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllBytes(path, _onnx);
    }

    /// <summary>Writes the forecaster as an ONNX model to <paramref name="stream"/> (left open).</summary>
    public void ExportOnnx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(_onnx);
        stream.Flush();
    }

    /// <summary>
    /// Writes the forecaster as model <paramref name="modelName"/> of a Triton Inference Server model repository (ONNX Runtime
    /// backend, dynamic batching): see <see cref="TritonModelRepository.ExportForecaster"/> for its inputs and outputs.
    /// </summary>
    /// <returns>The model's folder.</returns>
    /// <exception cref="ArgumentException">A name or option is invalid, or Streaming is asked for.</exception>
    public string ExportTritonModel(string repositoryDirectory, string modelName, TritonExportOptions? options = null) =>
        TritonModelRepository.ExportForecaster(_onnx, repositoryDirectory, modelName, options);

    /// <summary>
    /// Saves the forecaster for <see cref="Load"/>: the file is its ONNX model (as <see cref="ExportOnnx(string)"/> writes it), whose
    /// metadata also names the columns read, so it is at once the saved model and the deployable one.
    /// </summary>
    public void Save(string path) => ExportOnnx(path);

    /// <summary>Loads a forecaster saved by <see cref="Save"/> or <see cref="ExportOnnx(string)"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a forecaster saved by RnnForecaster.</exception>
    public static RnnForecaster Load(MLContext mlContext, string path)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No forecaster at '{path}'.", path);
        var bytes = File.ReadAllBytes(path);
        var model = RnnOnnxImporter.ReadForecastModel(bytes, $"'{path}'");
        return new RnnForecaster(HostContext.From(mlContext), model.Networks, model.Window, model.Panel, model.Quantiles,
            ForecasterColumns.FromMetadata(model.Metadata, $"'{path}'"), bytes);
    }

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return ForecastDataView.OutputSchema(inputSchema, this);
    }

    /// <summary>
    /// The series with a forecast column added: at row t, the <see cref="Horizon"/> values forecast from rows up to t (the
    /// covariates of rows t + 1 .. t + Horizon included). Rows with fewer than <see cref="WindowSize"/> rows up to them, without
    /// the covariates of the steps they forecast, or whose window touches a gap hold NaN. Read in order; the series is read
    /// once (into memory) when the first cursor needs the forecasts.
    /// </summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ForecastDataView(input, this);
    }

    /// <summary>Not supported: a forecast depends on earlier rows, not on one row alone.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("RnnForecaster reads windows of rows, so it has no row-to-row mapping; call Forecast or Transform.");

    /// <summary>Not supported by ML.NET's model files (a forecaster reads many rows); use <see cref="Save"/> and <see cref="Load"/>.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("mlContext.Model.Save cannot store an RnnForecaster (ML.NET's transformers map one row at a time); use forecaster.Save(path) and RnnForecaster.Load(mlContext, path).");

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        lock (_sessionGate)
        {
            _disposed = true;
            _scorer?.Dispose();
            _scorer = null;
        }
    }

    /// <summary>
    /// Forecasts from each origin, in batches: points [origins × Horizon] and quantiles [origins × Horizon × levels]. A series
    /// reads its own row of the panel; one the forecaster was not trained on reads the unknown row (or is refused).
    /// </summary>
    internal (float[] Points, float[] Quantiles) ForecastAt(ForecastData data, IReadOnlyList<ForecastOrigin> origins)
    {
        long[]? indexes = null;
        if (Panel is { } panel)
        {
            var bySeries = data.Series.Select(s => (long)panel.IndexOf(s.Id)).ToArray();
            indexes = [.. origins.Select(o => bySeries[o.Series])];
        }

        return ForecastBatches.Run(Session(), data, origins, Window, indexes);
    }

    private RnnOnnxForecaster Session()
    {
        if (Volatile.Read(ref _scorer) is { } scorer)
            return scorer;
        lock (_sessionGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _scorer ??= RnnOnnxForecaster.FromBytes(_onnx, Context.Devices.ScorerOptions(nameof(RnnForecaster), intraOpNumThreads: null));
            return _scorer;
        }
    }
}
