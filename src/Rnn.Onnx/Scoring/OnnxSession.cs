using System.Collections.ObjectModel;
using Microsoft.ML.OnnxRuntime;

namespace Rnn.Onnx.Scoring;

/// <summary>
/// The core every scorer of Rnn.Onnx runs on: one ONNX Runtime session opened on the device a <see cref="SessionDevice"/>
/// chose (through <see cref="SessionFactory"/>), the model's metadata, and the run options all its runs share. What a
/// scorer adds (<see cref="RnnOnnxScorer"/>, its streams' <see cref="StatefulSession"/>, <see cref="RnnOnnxForecaster"/>) is
/// only which tensors it feeds and reads. Runs are thread-safe; do not dispose while runs are in flight.
/// </summary>
/// <param name="session">The open session.</param>
/// <param name="options">Its options, which must live as long as it.</param>
/// <param name="device">The device it got: <see cref="SessionDevice.UseCuda"/> is true only when it runs on CUDA.</param>
/// <param name="source">Names the model in messages (a path, or the size of its bytes).</param>
internal sealed class OnnxSession(InferenceSession session, SessionOptions options, SessionDevice device, string source) : IDisposable
{
    private readonly RunOptions _runOptions = new();
    private int _disposed;

    /// <summary>Names the model in messages (a path, or the size of its bytes).</summary>
    public string Source => source;

    /// <summary>The device this session got: <see cref="SessionDevice.UseCuda"/> is true only when it runs on CUDA.</summary>
    public SessionDevice Device => device;

    /// <summary>Whether the session runs on ONNX Runtime's CUDA execution provider.</summary>
    public bool UsesCuda => Device.UseCuda;

    /// <summary>All metadata of the model.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; private set; } = ReadOnlyDictionary<string, string>.Empty;

    public IReadOnlyDictionary<string, NodeMetadata> Inputs => session.InputMetadata;

    public IReadOnlyDictionary<string, NodeMetadata> Outputs => session.OutputMetadata;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// Opens a session with <paramref name="open"/> on <paramref name="device"/>. When it opens on CUDA and
    /// <paramref name="modelBytes"/> gives the model, one line to the device's log names the nodes ONNX Runtime will run on
    /// the CPU all the same, and why (<see cref="CudaPlacement"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">ONNX Runtime cannot load the model.</exception>
    /// <exception cref="InvalidOperationException">CUDA was asked for, is unusable, and the device does not fall back to the CPU.</exception>
    public static OnnxSession Open(Func<SessionOptions, InferenceSession> open, SessionDevice device, string source, Func<byte[]>? modelBytes = null)
    {
        var (inference, options, usesCuda) = SessionFactory.Open(open, device, source);
        if (usesCuda && modelBytes is not null && device.Log is { } log && CudaPlacement.LogLine(modelBytes(), source, device.GpuDeviceId) is { } line)
            log(line);
        var opened = new OnnxSession(inference, options, device.Got(usesCuda), source);
        try
        {
            opened.Metadata = new ReadOnlyDictionary<string, string>(inference.ModelMetadata.CustomMetadataMap);
            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    /// <summary>One ONNX Runtime run into caller-owned outputs.</summary>
    public void Run(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs, IReadOnlyCollection<string> outputNames, IReadOnlyCollection<OrtValue> outputs) =>
        session.Run(_runOptions, inputNames, inputs, outputNames, outputs);

    /// <summary>Releases the session; later calls are harmless.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        session.Dispose();
        options.Dispose();
        _runOptions.Dispose();
    }
}
