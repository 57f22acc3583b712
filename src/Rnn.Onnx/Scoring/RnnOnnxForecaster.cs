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
            _inputNames = CovariateCount > 0 ? [RnnOnnxNames.History, RnnOnnxNames.Covariates] : [RnnOnnxNames.History];
            if (!_session.Inputs.ContainsKey(RnnOnnxNames.History) || !_session.Outputs.ContainsKey(RnnOnnxNames.Forecast)
                || (CovariateCount > 0) != _session.Inputs.ContainsKey(RnnOnnxNames.Covariates))
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

    /// <summary>Whether the session runs on ONNX Runtime's CUDA execution provider.</summary>
    public bool UsesCuda => _session.UsesCuda;

    /// <summary>All metadata of the model.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.Metadata;

    /// <summary>The next <see cref="Horizon"/> values after <paramref name="history"/> (oldest first; its last <see cref="WindowSize"/> values are read).</summary>
    /// <exception cref="InvalidOperationException">The model reads covariates: use the overload that takes them.</exception>
    /// <exception cref="ArgumentException">The history is shorter than <see cref="WindowSize"/> or holds NaN or infinities.</exception>
    public float[] Forecast(ReadOnlySpan<float> history)
    {
        if (CovariateCount > 0)
            throw new InvalidOperationException(
                $"This forecaster reads {CovariateCount} covariate(s) ({string.Join(", ", CovariateNames)}) per step; call Forecast(history, covariates).");
        return Forecast(history, []);
    }

    /// <summary>The next <see cref="Horizon"/> values after <paramref name="history"/>, with the covariates of its steps and of the steps forecast.</summary>
    /// <param name="history">The series so far, oldest first; its last <see cref="WindowSize"/> values are read.</param>
    /// <param name="covariates">
    /// One row of <see cref="CovariateCount"/> values per step of <paramref name="history"/>, then one per step forecast:
    /// (history length + <see cref="Horizon"/>) × <see cref="CovariateCount"/> values, step-major (empty without covariates).
    /// </param>
    /// <exception cref="ArgumentException">Too short a history, covariates of the wrong length, or a value that is not finite.</exception>
    public float[] Forecast(ReadOnlySpan<float> history, ReadOnlySpan<float> covariates)
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

        var steps = covariates.Slice(first * c);
        var forecast = new float[Horizon];
        ForecastBatch(window, steps, 1, forecast);
        return forecast;
    }

    /// <summary>
    /// Forecasts <paramref name="batch"/> windows in one ONNX Runtime run, without copies.
    /// </summary>
    /// <param name="windows">[batch, <see cref="WindowSize"/>] values, oldest first.</param>
    /// <param name="covariates">[batch, <see cref="WindowSize"/> + <see cref="Horizon"/>, <see cref="CovariateCount"/>] covariates; empty without covariates.</param>
    /// <param name="batch">Number of windows.</param>
    /// <param name="forecasts">Receives [batch, <see cref="Horizon"/>] forecasts.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or a value is not finite.</exception>
    public unsafe void ForecastBatch(ReadOnlySpan<float> windows, ReadOnlySpan<float> covariates, int batch, Span<float> forecasts)
    {
        ObjectDisposedException.ThrowIf(_session.IsDisposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        int steps = WindowSize + Horizon;
        Expect(windows.Length, (long)batch * WindowSize, nameof(windows), $"batch × WindowSize = {batch} × {WindowSize}");
        Expect(covariates.Length, (long)batch * steps * CovariateCount, nameof(covariates), $"batch × (WindowSize + Horizon) × CovariateCount = {batch} × {steps} × {CovariateCount}");
        Expect(forecasts.Length, (long)batch * Horizon, nameof(forecasts), $"batch × Horizon = {batch} × {Horizon}");
        if (batch == 0)
            return;
        Finite(windows, WindowSize, "window", nameof(windows));
        Finite(covariates, steps * Math.Max(1, CovariateCount), "covariates of window", nameof(covariates));

        var cpu = OrtMemoryInfo.DefaultInstance;
        fixed (float* history = windows)
        fixed (float* extra = covariates)
        fixed (float* output = forecasts)
        {
            using var historyValue = OrtValue.CreateTensorValueWithData(cpu, TensorElementType.Float, [batch, WindowSize], (IntPtr)history, (long)windows.Length * sizeof(float));
            using var outputValue = OrtValue.CreateTensorValueWithData(cpu, TensorElementType.Float, [batch, Horizon], (IntPtr)output, (long)forecasts.Length * sizeof(float));
            if (CovariateCount == 0)
            {
                _session.Run(_inputNames, [historyValue], [RnnOnnxNames.Forecast], [outputValue]);
                return;
            }

            using var covariateValue = OrtValue.CreateTensorValueWithData(cpu, TensorElementType.Float, [batch, steps, CovariateCount], (IntPtr)extra, (long)covariates.Length * sizeof(float));
            _session.Run(_inputNames, [historyValue, covariateValue], [RnnOnnxNames.Forecast], [outputValue]);
        }
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();

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
