using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Rnn.Onnx.Forecasting;
using Rnn.Onnx.Scoring;

namespace Rnn.Onnx;

/// <summary>
/// Forecasts with an ONNX model written by <see cref="RnnOnnxForecastExporter"/> (as <c>RnnForecaster.ExportOnnx</c> and
/// <c>RnnForecaster.Save</c> write it), using ONNX Runtime; needs neither ML.NET nor TorchSharp. Thread-safe.
/// </summary>
public sealed class RnnOnnxForecaster : IDisposable
{
    private readonly OnnxSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly ForecastPanel? _series;
    private readonly ForecastQuantiles? _quantiles;

    /// <summary>Loads the forecaster at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a forecaster written by Rnn.Onnx.</exception>
    public RnnOnnxForecaster(string path, RnnOnnxScorerOptions? options = null)
        : this(SessionFactory.FromFile(path), options, $"ONNX model '{path}'")
    {
    }

    private RnnOnnxForecaster(Func<SessionOptions, InferenceSession> open, RnnOnnxScorerOptions? options, string source)
    {
        _session = OnnxSession.Open(open, SessionDevice.From(options), source);
        try
        {
            var info = Rnn.Onnx.Metadata.MetadataReader.Read(Metadata, source);
            if (!info.IsForecaster)
                throw new InvalidDataException($"{source} is not a forecaster (its '{RnnOnnxMetadata.Task}' metadata is not 'forecasting'); score it with RnnOnnxScorer.");
            var settings = ForecastMetadata.Read(Metadata, source);
            (WindowSize, Horizon, Level, CovariateNames) = (settings.WindowSize, settings.Horizon, settings.Level, settings.CovariateNames);
            // Only the ids and the policy matter here: the graph holds the scales and static covariates.
            _series = settings.SeriesIds is { } ids ? new ForecastPanel(ids, Enumerable.Repeat(1f, ids.Count).ToArray(), settings.UnknownSeries) : null;
            _quantiles = settings.QuantileLevels is { } levels ? new ForecastQuantiles(levels, settings.Horizon) : null;
            _inputNames = [RnnOnnxNames.History, .. CovariateCount > 0 ? [RnnOnnxNames.Covariates] : Array.Empty<string>(), .. _series is null ? [] : new[] { RnnOnnxNames.Series }];
            _outputNames = _quantiles is null ? [RnnOnnxNames.Forecast] : [RnnOnnxNames.Forecast, RnnOnnxNames.Quantiles];
            if (!_session.Inputs.ContainsKey(RnnOnnxNames.History) || !_session.Outputs.ContainsKey(RnnOnnxNames.Forecast)
                || (CovariateCount > 0) != _session.Inputs.ContainsKey(RnnOnnxNames.Covariates)
                || (_series is not null) != _session.Inputs.ContainsKey(RnnOnnxNames.Series)
                || (_quantiles is not null) != _session.Outputs.ContainsKey(RnnOnnxNames.Quantiles))
                throw new InvalidDataException($"{source}: its inputs ({string.Join(", ", _session.Inputs.Keys)}) and outputs ({string.Join(", ", _session.Outputs.Keys)}) are not a forecaster's.");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Loads a forecaster from its bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a forecaster written by Rnn.Onnx.</exception>
    public static RnnOnnxForecaster FromBytes(byte[] model, RnnOnnxScorerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        string source = $"ONNX model bytes ({model.Length} bytes)";
        if (model.Length == 0)
            throw new InvalidDataException($"{source} are empty.");
        return new RnnOnnxForecaster(so => new InferenceSession(model, so), options, source);
    }

    /// <summary>Past steps the model reads (a longer history is cut to its last <see cref="WindowSize"/> values).</summary>
    public int WindowSize { get; }

    /// <summary>Steps forecast.</summary>
    public int Horizon { get; }

    /// <summary>How the model takes the level out of a window.</summary>
    public RnnForecastLevel Level { get; }

    /// <summary>Names of the covariates, in the order each step's covariates are given; empty when the model reads values only.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>Covariates per step.</summary>
    public int CovariateCount => CovariateNames.Count;

    /// <summary>The series a many-series forecaster was trained on (empty for a one-series forecaster); a forecast names one.</summary>
    public IReadOnlyList<string> SeriesIds => _series?.SeriesIds ?? [];

    /// <summary>What the forecaster does with a series id it was not trained on.</summary>
    public RnnUnknownSeries UnknownSeries => _series?.UnknownSeries ?? RnnUnknownSeries.FromHistory;

    /// <summary>The quantile levels a probabilistic forecaster predicts (empty for point forecasts).</summary>
    public IReadOnlyList<float> QuantileLevels => _quantiles?.Levels ?? [];

    /// <summary>Whether the session runs on ONNX Runtime's CUDA execution provider.</summary>
    public bool UsesCuda => _session.UsesCuda;

    /// <summary>All metadata of the model.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.Metadata;

    /// <summary>The next <see cref="Horizon"/> values after <paramref name="history"/> (oldest first; its last <see cref="WindowSize"/> values are read).</summary>
    /// <exception cref="InvalidOperationException">The model reads covariates or series ids: use the overload that takes them.</exception>
    /// <exception cref="ArgumentException">The history is shorter than <see cref="WindowSize"/> or holds NaN or infinities.</exception>
    public float[] Forecast(ReadOnlySpan<float> history)
    {
        RequireNoCovariates("Forecast(history, covariates)");
        return Forecast(history, []);
    }

    /// <summary>The next <see cref="Horizon"/> values after <paramref name="history"/>, with the covariates of its steps and of the steps forecast.</summary>
    /// <param name="history">The series so far, oldest first; its last <see cref="WindowSize"/> values are read.</param>
    /// <param name="covariates">
    /// One row of <see cref="CovariateCount"/> values per step of <paramref name="history"/>, then one per step forecast:
    /// (history length + <see cref="Horizon"/>) × <see cref="CovariateCount"/> values, step-major (empty without covariates).
    /// </param>
    /// <exception cref="InvalidOperationException">The model reads series ids: use the overload that takes one.</exception>
    /// <exception cref="ArgumentException">Too short a history, covariates of the wrong length, or a value that is not finite.</exception>
    public float[] Forecast(ReadOnlySpan<float> history, ReadOnlySpan<float> covariates)
    {
        RequireOneSeries($"call Forecast(seriesId, history{(CovariateCount > 0 ? ", covariates" : "")})");
        return One(-1, history, covariates, null);
    }

    /// <summary>The next <see cref="Horizon"/> values of series <paramref name="seriesId"/> after <paramref name="history"/> (a many-series forecaster).</summary>
    /// <exception cref="InvalidOperationException">The model reads covariates, or is a one-series forecaster.</exception>
    /// <exception cref="ArgumentException">The id is unknown and the forecaster refuses unknown ids, or the history is too short or not finite.</exception>
    public float[] Forecast(string seriesId, ReadOnlySpan<float> history)
    {
        RequireNoCovariates("Forecast(seriesId, history, covariates)");
        return Forecast(seriesId, history, []);
    }

    /// <summary>The next <see cref="Horizon"/> values of series <paramref name="seriesId"/>, with the covariates of the history's steps and of the steps forecast.</summary>
    /// <exception cref="InvalidOperationException">The forecaster is a one-series forecaster.</exception>
    /// <exception cref="ArgumentException">The id is unknown and refused, the history is too short, the covariates have the wrong length, or a value is not finite.</exception>
    public float[] Forecast(string seriesId, ReadOnlySpan<float> history, ReadOnlySpan<float> covariates) =>
        One(IndexOf(seriesId), history, covariates, null);

    /// <summary>The quantiles of the next <see cref="Horizon"/> steps after <paramref name="history"/> (a probabilistic one-series forecaster).</summary>
    /// <exception cref="InvalidOperationException">The model predicts no quantiles, reads series ids, or reads covariates (use the overload that takes them).</exception>
    public RnnQuantileForecast ForecastQuantiles(ReadOnlySpan<float> history, ReadOnlySpan<float> covariates = default)
    {
        RequireOneSeries("call ForecastQuantiles(seriesId, history, covariates)");
        return Quantiles(-1, history, covariates);
    }

    /// <summary>The quantiles of the next <see cref="Horizon"/> steps of series <paramref name="seriesId"/> (a probabilistic many-series forecaster).</summary>
    /// <exception cref="InvalidOperationException">The model predicts no quantiles, or is a one-series forecaster.</exception>
    /// <exception cref="ArgumentException">The id is unknown and refused, or the history or covariates are unfit.</exception>
    public RnnQuantileForecast ForecastQuantiles(string seriesId, ReadOnlySpan<float> history, ReadOnlySpan<float> covariates = default) =>
        Quantiles(IndexOf(seriesId), history, covariates);

    /// <summary>
    /// Forecasts <paramref name="batch"/> windows in one ONNX Runtime run, without copies (a one-series point forecaster, or the
    /// first output of any forecaster with <see cref="ForecastBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{long}, int, Span{float}, Span{float})"/>).
    /// </summary>
    /// <param name="windows">[batch, <see cref="WindowSize"/>] values, oldest first.</param>
    /// <param name="covariates">[batch, <see cref="WindowSize"/> + <see cref="Horizon"/>, <see cref="CovariateCount"/>] covariates; empty without covariates.</param>
    /// <param name="batch">Number of windows.</param>
    /// <param name="forecasts">Receives [batch, <see cref="Horizon"/>] forecasts.</param>
    /// <exception cref="InvalidOperationException">The model reads series ids.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length, or a value is not finite.</exception>
    public void ForecastBatch(ReadOnlySpan<float> windows, ReadOnlySpan<float> covariates, int batch, Span<float> forecasts)
    {
        RequireOneSeries("pass each window's series index (ForecastBatch with seriesIndexes)");
        ForecastBatch(windows, covariates, [], batch, forecasts, []);
    }

    /// <summary>
    /// Forecasts <paramref name="batch"/> windows in one ONNX Runtime run: the point forecasts and, for a probabilistic forecaster,
    /// every quantile.
    /// </summary>
    /// <param name="windows">[batch, <see cref="WindowSize"/>] values, oldest first.</param>
    /// <param name="covariates">[batch, <see cref="WindowSize"/> + <see cref="Horizon"/>, <see cref="CovariateCount"/>] covariates; empty without covariates.</param>
    /// <param name="seriesIndexes">[batch] series indexes (<see cref="SeriesIndex"/>) of a many-series forecaster; empty otherwise.</param>
    /// <param name="batch">Number of windows.</param>
    /// <param name="forecasts">Receives [batch, <see cref="Horizon"/>] point forecasts (medians).</param>
    /// <param name="quantiles">Receives [batch, <see cref="Horizon"/>, quantiles]; empty to skip (or for a point forecaster).</param>
    /// <exception cref="ArgumentException">A span has the wrong length, an index is out of range, or a value is not finite.</exception>
    public unsafe void ForecastBatch(
        ReadOnlySpan<float> windows, ReadOnlySpan<float> covariates, ReadOnlySpan<long> seriesIndexes, int batch, Span<float> forecasts, Span<float> quantiles)
    {
        ObjectDisposedException.ThrowIf(_session.IsDisposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        int steps = WindowSize + Horizon, q = _quantiles?.Count ?? 0;
        Expect(windows.Length, (long)batch * WindowSize, nameof(windows), $"batch × WindowSize = {batch} × {WindowSize}");
        Expect(covariates.Length, (long)batch * steps * CovariateCount, nameof(covariates), $"batch × (WindowSize + Horizon) × CovariateCount = {batch} × {steps} × {CovariateCount}");
        Expect(seriesIndexes.Length, _series is null ? 0 : batch, nameof(seriesIndexes), _series is null ? "none for a one-series forecaster" : $"one per window ({batch})");
        Expect(forecasts.Length, (long)batch * Horizon, nameof(forecasts), $"batch × Horizon = {batch} × {Horizon}");
        if (!quantiles.IsEmpty)
            Expect(quantiles.Length, (long)batch * Horizon * q, nameof(quantiles), q == 0 ? "none: this forecaster predicts no quantiles" : $"batch × Horizon × quantiles = {batch} × {Horizon} × {q}");
        if (batch == 0)
            return;
        Finite(windows, WindowSize, "window", nameof(windows));
        Finite(covariates, steps * Math.Max(1, CovariateCount), "covariates of window", nameof(covariates));
        // Non-empty only with a panel (checked above).
        int seriesCount = _series?.Count ?? 0;
        foreach (var index in seriesIndexes)
        {
            if (index < 0 || index > seriesCount)
                throw new ArgumentException($"Series index {index} is outside 0..{seriesCount} (the series, then {seriesCount} for an unknown one).", nameof(seriesIndexes));
        }

        var cpu = OrtMemoryInfo.DefaultInstance;
        // The quantiles output is always produced by the graph; it lands in a scratch buffer when the caller does not want it.
        var scratch = q > 0 && quantiles.IsEmpty ? new float[batch * Horizon * q] : null;
        Span<float> quantileTarget = scratch ?? quantiles;
        fixed (float* history = windows)
        fixed (float* extra = covariates)
        fixed (long* series = seriesIndexes)
        fixed (float* output = forecasts)
        fixed (float* quantileOutput = quantileTarget)
        {
            var inputs = new List<OrtValue> { OrtValue.CreateTensorValueWithData(cpu, TensorElementType.Float, [batch, WindowSize], (IntPtr)history, (long)windows.Length * sizeof(float)) };
            var outputs = new List<OrtValue> { OrtValue.CreateTensorValueWithData(cpu, TensorElementType.Float, [batch, Horizon], (IntPtr)output, (long)forecasts.Length * sizeof(float)) };
            try
            {
                if (CovariateCount > 0)
                    inputs.Add(OrtValue.CreateTensorValueWithData(cpu, TensorElementType.Float, [batch, steps, CovariateCount], (IntPtr)extra, (long)covariates.Length * sizeof(float)));
                if (_series is not null)
                    inputs.Add(OrtValue.CreateTensorValueWithData(cpu, TensorElementType.Int64, [batch], (IntPtr)series, (long)seriesIndexes.Length * sizeof(long)));
                if (q > 0)
                    outputs.Add(OrtValue.CreateTensorValueWithData(cpu, TensorElementType.Float, [batch, Horizon, q], (IntPtr)quantileOutput, (long)quantileTarget.Length * sizeof(float)));
                _session.Run(_inputNames, inputs, _outputNames, outputs);
            }
            finally
            {
                foreach (var value in inputs.Concat(outputs))
                    value.Dispose();
            }
        }
    }

    /// <summary>
    /// The index the graph reads for <paramref name="seriesId"/>: its position in <see cref="SeriesIds"/>, or their count for an
    /// unknown id (forecast from its history alone) unless the forecaster refuses unknown ids.
    /// </summary>
    /// <exception cref="InvalidOperationException">The forecaster is a one-series forecaster.</exception>
    /// <exception cref="ArgumentException">The id is unknown and the forecaster refuses unknown ids.</exception>
    public long SeriesIndex(string seriesId)
    {
        ArgumentNullException.ThrowIfNull(seriesId);
        return IndexOf(seriesId);
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();

    private int IndexOf(string seriesId)
    {
        ArgumentNullException.ThrowIfNull(seriesId);
        if (_series is null)
            throw new InvalidOperationException("This forecaster was trained on one series and reads no series id; call Forecast(history).");
        return _series.IndexOf(seriesId);
    }

    private void RequireOneSeries(string instead)
    {
        if (_series is not null)
            throw new InvalidOperationException($"This forecaster was trained on {_series.Count} series; {instead}.");
    }

    private void RequireNoCovariates(string call)
    {
        if (CovariateCount > 0)
            throw new InvalidOperationException(
                $"This forecaster reads {CovariateCount} covariate(s) ({string.Join(", ", CovariateNames)}) per step; call {call}.");
    }

    private RnnQuantileForecast Quantiles(int seriesIndex, ReadOnlySpan<float> history, ReadOnlySpan<float> covariates)
    {
        var levels = _quantiles ?? throw new InvalidOperationException("This forecaster predicts point forecasts only (it was trained without quantiles); call Forecast.");
        var values = new float[Horizon * levels.Count];
        One(seriesIndex, history, covariates, values);
        return new RnnQuantileForecast(levels, values);
    }

    /// <summary>One window's forecast (and quantiles) from a history, checked; <paramref name="seriesIndex"/> −1 for a one-series forecaster.</summary>
    private float[] One(int seriesIndex, ReadOnlySpan<float> history, ReadOnlySpan<float> covariates, float[]? quantiles)
    {
        int c = CovariateCount;
        if (history.Length < WindowSize)
            throw new ArgumentException($"The history has {history.Length} values; this forecaster reads the last WindowSize = {WindowSize}.", nameof(history));
        if (covariates.Length != (long)(history.Length + Horizon) * c)
            throw new ArgumentException(
                $"{covariates.Length} covariate values; expected (history length {history.Length} + Horizon {Horizon}) × {c} covariates = {(long)(history.Length + Horizon) * c}.",
                nameof(covariates));
        var window = history[^WindowSize..];
        int first = history.Length - WindowSize;
        for (int i = 0; i < window.Length; i++)
        {
            if (!float.IsFinite(window[i]))
                throw new ArgumentException(
                    $"History value {window[i].ToString(CultureInfo.InvariantCulture)} at index {first + i} (one of the last {WindowSize} read) is not a finite number; a forecast needs a complete history (fill gaps first).",
                    nameof(history));
        }

        var forecast = new float[Horizon];
        ReadOnlySpan<long> series = seriesIndex < 0 ? [] : [seriesIndex];
        ForecastBatch(window, covariates.Slice(first * c), series, 1, forecast, quantiles);
        return forecast;
    }

    private static void Expect(int length, long expected, string parameter, string meaning)
    {
        if (length != expected)
            throw new ArgumentException($"{parameter} has {length} values; expected {meaning} = {expected}.", parameter);
    }

    private static void Finite(ReadOnlySpan<float> values, int perRow, string what, string parameter)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ArgumentException(
                    $"Value {values[i].ToString(CultureInfo.InvariantCulture)} at index {i} ({what} {i / perRow}) is not a finite number; a forecast needs a complete history (fill gaps first).", parameter);
        }
    }

}
