using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// A trained recurrent forecaster: reads the last <see cref="WindowSize"/> values of a series (plus covariates) and forecasts
/// the next <see cref="Horizon"/> values at once. It scores through ONNX Runtime on the same graph <see cref="ExportOnnx(string)"/>
/// writes (level handling and standardisation inside it), so what is evaluated here is what is served elsewhere
/// (<see cref="RnnOnnxForecaster"/>). <see cref="Transform"/> adds the forecast made at every row of a series view.
/// The device follows ML.NET's convention as <see cref="RnnTransformer"/> does, read at the first forecast: <c>MLContext.GpuDeviceId</c>
/// (null = CPU) and, when CUDA is unusable, <c>MLContext.FallbackToCpu</c> (true: the CPU after one warning in the MLContext log;
/// false: forecasting throws <see cref="InvalidOperationException"/> saying why).
/// </summary>
public sealed class RnnForecaster : ITransformer, IDisposable
{
    // Windows forecast per ONNX Runtime run by Transform and Evaluate.
    private const int BatchSize = 256;

    private readonly byte[] _onnx;
    private readonly object _sessionGate = new();
    // Opened on first use through the context's device policy, so a CUDA setting that cannot be honoured fails forecasting,
    // never the training that made the model.
    private RnnOnnxForecaster? _scorer;
    private bool _disposed;

    internal RnnForecaster(HostContext context, IReadOnlyList<RecurrentNetworkDescription> networks, ForecastWindow window, ForecasterColumns columns)
        : this(context, networks, window, columns, RnnOnnxForecastExporter.ToBytes(networks, window, columns.ToMetadata(), MLNetMetadata.ProducerName))
    {
    }

    private RnnForecaster(HostContext context, IReadOnlyList<RecurrentNetworkDescription> networks, ForecastWindow window, ForecasterColumns columns, byte[] onnx)
    {
        Context = context;
        Networks = [.. networks];
        Window = window;
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

    /// <summary>The series column read.</summary>
    public string SeriesColumnName => Columns.Series;

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

    /// <summary>
    /// Rolling-origin evaluation over the last <paramref name="testSteps"/> rows of <paramref name="series"/>: a forecast from
    /// every origin whose <see cref="Horizon"/> steps all lie in that tail, each made from the real history up to the origin
    /// (the model is not refitted), scored with MAE, RMSE and sMAPE per horizon step and overall. Origins whose window or
    /// targets touch a gap (NaN) are left out.
    /// </summary>
    /// <param name="series">The whole series (history and tail), one row per step in time order, with the training columns.</param>
    /// <param name="testSteps">Rows at the end held out, at least <see cref="Horizon"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testSteps"/> is below <see cref="Horizon"/> or leaves less than a window of history.</exception>
    public RnnForecastEvaluation Evaluate(IDataView series, int testSteps)
    {
        ArgumentNullException.ThrowIfNull(series);
        var data = ForecastSeries.Read(series, Columns.Series, Columns.Covariates, Columns.Time, allowGaps: true);
        if (testSteps < Horizon || testSteps > data.Length - WindowSize)
            throw new ArgumentOutOfRangeException(nameof(testSteps), testSteps,
                $"testSteps is {testSteps}; expected Horizon ({Horizon}) to series length − WindowSize ({data.Length} − {WindowSize} = {data.Length - WindowSize}).");
        int firstOrigin = data.Length - testSteps - 1;
        var origins = ForecastOrigins.Between(data, WindowSize, Horizon, 0, data.Length - 1).Where(o => o >= firstOrigin).ToArray();
        if (origins.Length == 0)
            throw new InvalidOperationException($"Every origin in the last {testSteps} rows of column '{Columns.Series}' touches a gap (NaN); nothing to evaluate.");
        var forecasts = ForecastAt(data, origins);
        var actuals = origins.Select(o => data.Values.AsSpan(o + 1, Horizon).ToArray()).ToArray();
        return new RnnForecastEvaluation(origins, forecasts, actuals);
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
        var (networks, window, metadata) = RnnOnnxImporter.ReadForecaster(bytes, $"'{path}'");
        return new RnnForecaster(HostContext.From(mlContext), networks, window, ForecasterColumns.FromMetadata(metadata, $"'{path}'"), bytes);
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

    /// <summary>Forecasts from each origin of <paramref name="series"/>, in batches.</summary>
    internal float[][] ForecastAt(ForecastSeries series, IReadOnlyList<int> origins)
    {
        var scorer = Session();
        int w = WindowSize, h = Horizon, c = series.CovariateCount, steps = w + h;
        var windows = new float[BatchSize * w];
        var covariates = new float[BatchSize * steps * c];
        var output = new float[BatchSize * h];
        var forecasts = new float[origins.Count][];
        for (int start = 0; start < origins.Count; start += BatchSize)
        {
            int count = Math.Min(BatchSize, origins.Count - start);
            for (int i = 0; i < count; i++)
            {
                int first = origins[start + i] - w + 1;
                series.Values.AsSpan(first, w).CopyTo(windows.AsSpan(i * w));
                if (c > 0)
                    series.CovariatesOf(first, steps).CopyTo(covariates.AsSpan(i * steps * c));
            }

            scorer.ForecastBatch(windows.AsSpan(0, count * w), covariates.AsSpan(0, count * steps * c), count, output.AsSpan(0, count * h));
            for (int i = 0; i < count; i++)
                forecasts[start + i] = output.AsSpan(i * h, h).ToArray();
        }

        return forecasts;
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
