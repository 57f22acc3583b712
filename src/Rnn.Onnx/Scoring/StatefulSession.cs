using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Rnn.Onnx.Export;
using Rnn.Onnx.Heads;
using Rnn.Onnx.Metadata;

namespace Rnn.Onnx.Scoring;

/// <summary>
/// A session (<see cref="OnnxSession"/>) on the <see cref="OnnxInputLayout.Stateful"/> graph of a scorer's network, shared
/// by all of its streams: one run scores one chunk of one sequence from a given state. Thread-safe (each run has its own values).
/// </summary>
internal sealed class StatefulSession : IDisposable
{
    private readonly OnnxSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private StatefulSession(RecurrentNetworkDescription network, OnnxSession session)
    {
        _session = session;
        Layers = network.NumLayers;
        HiddenSize = network.HiddenSize;
        HasCell = network.Cell == RnnCellType.Lstm;
        var inputs = new List<string> { RnnOnnxNames.Input, RnnOnnxNames.SequenceLengths };
        // The head's scored output first (the stream reads it), then the states.
        var outputs = new List<string> { OnnxHeads.Of(network).BatchedOutputs(network.Head.Outputs)[0].Name };
        for (int layer = 0; layer < Layers; layer++)
        {
            inputs.Add(RnnOnnxStateNames.InitialHidden(layer));
            outputs.Add(RnnOnnxStateNames.FinalHidden(layer));
        }

        for (int layer = 0; HasCell && layer < Layers; layer++)
        {
            inputs.Add(RnnOnnxStateNames.InitialCell(layer));
            outputs.Add(RnnOnnxStateNames.FinalCell(layer));
        }

        _inputNames = [.. inputs];
        _outputNames = [.. outputs];
    }

    public int Layers { get; }

    public int HiddenSize { get; }

    /// <summary>True for LSTM: a cell state travels beside the hidden state.</summary>
    public bool HasCell { get; }

    /// <summary>Number of state vectors of [HiddenSize] a stream carries (hidden states, then cell states).</summary>
    public int StateCount => HasCell ? 2 * Layers : Layers;

    /// <summary>Builds the stateful graph of the model in <paramref name="model"/> and opens it on <paramref name="device"/> (the device the scorer's session got).</summary>
    /// <exception cref="NotSupportedException">The network cannot be streamed (bidirectional, a pooled head, or a regressor).</exception>
    public static StatefulSession Open(byte[] model, string source, SessionDevice device)
    {
        var (network, metadata) = RnnOnnxImporter.Read(model, source);
        if (StatefulGraph.Unsupported(network) is { } why)
            throw new NotSupportedException($"{source} cannot be scored as a stream: {why}. Score whole sequences instead.");
        // The scorer's weights as they are: an 8-bit file streams through 8-bit layers too.
        var quantization = MetadataReader.Read(metadata, source).Quantization;
        var bytes = RnnOnnxExporter.ToBytes(network, new OnnxExportOptions { Layout = OnnxInputLayout.Stateful, Quantization = quantization });
        return new StatefulSession(network, OnnxSession.Open(so => new InferenceSession(bytes, so), device, $"{source} (stateful)", () => bytes));
    }

    /// <summary>
    /// Scores one chunk of <paramref name="steps"/> steps (batch 1) from <paramref name="stateIn"/>, writing the state after
    /// the chunk into <paramref name="stateOut"/> (both <see cref="StateCount"/> arrays of [HiddenSize]).
    /// </summary>
    public unsafe void Run(TensorElementType type, IntPtr data, long bytes, long[] shape, int steps,
        float[][] stateIn, float[][] stateOut, Span<float> probabilities, long[] probabilityShape)
    {
        var cpu = OrtMemoryInfo.DefaultInstance;
        long[] stateShape = [1, HiddenSize];
        var values = new List<OrtValue>(2 * StateCount + 3);
        int[] lengths = [steps];
        try
        {
            fixed (int* len = lengths)
            fixed (float* p = probabilities)
            {
                var inputs = new OrtValue[_inputNames.Length];
                var outputs = new OrtValue[_outputNames.Length];
                values.Add(inputs[0] = OrtValue.CreateTensorValueWithData(cpu, type, shape, data, bytes));
                values.Add(inputs[1] = OrtValue.CreateTensorValueWithData(cpu, TensorElementType.Int32, [1], (IntPtr)len, sizeof(int)));
                values.Add(outputs[0] = OrtValue.CreateTensorValueWithData(cpu, TensorElementType.Float, probabilityShape, (IntPtr)p, (long)probabilities.Length * sizeof(float)));
                for (int s = 0; s < StateCount; s++)
                {
                    values.Add(inputs[s + 2] = OrtValue.CreateTensorValueFromMemory(stateIn[s], stateShape));
                    values.Add(outputs[s + 1] = OrtValue.CreateTensorValueFromMemory(stateOut[s], stateShape));
                }

                _session.Run(_inputNames, inputs, _outputNames, outputs);
            }
        }
        finally
        {
            foreach (var value in values)
                value.Dispose();
        }
    }

    public void Dispose() => _session.Dispose();
}
