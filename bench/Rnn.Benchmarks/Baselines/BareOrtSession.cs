using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx;

namespace Rnn.Benchmarks.Baselines;

/// <summary>
/// ONNX Runtime with nothing around it: one InferenceSession (default options, as Rnn.MLNet's) over the exported
/// file, fed batches that were padded before the clock started, outputs written into a preallocated array.
/// </summary>
internal sealed class BareOrtSession : IDisposable
{
    private static readonly string[] InputNames = [RnnOnnxNames.Input, RnnOnnxNames.SequenceLengths];
    private static readonly string[] OutputNames = [RnnOnnxNames.Probabilities];
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();

    public BareOrtSession(string onnxPath, int? intraOpThreads = null)
    {
        using var options = new SessionOptions();
        if (intraOpThreads is int threads)
            options.IntraOpNumThreads = threads;
        _session = new InferenceSession(onnxPath, options);
    }

    /// <summary>One run per batch: [count, steps, features] values, [count] lengths, [count, classes] probabilities out.</summary>
    public void Score(IReadOnlyList<(float[] Values, int[] Lengths, float[] Probabilities)> batches, int steps, int features, int classes)
    {
        foreach (var (values, lengths, probabilities) in batches)
        {
            using var input = OrtValue.CreateTensorValueFromMemory(values, [lengths.Length, steps, features]);
            using var sequenceLengths = OrtValue.CreateTensorValueFromMemory(lengths, [lengths.Length]);
            using var output = OrtValue.CreateTensorValueFromMemory(probabilities, [lengths.Length, classes]);
            _session.Run(_run, InputNames, [input, sequenceLengths], OutputNames, [output]);
        }
    }

    /// <summary>One run per batch of its own padded length: [count, steps, features] values with steps = values ÷ (count × features).</summary>
    public void ScoreVariable(IReadOnlyList<(float[] Values, int[] Lengths, float[] Probabilities)> batches, int features, int classes)
    {
        foreach (var batch in batches)
            Score([batch], batch.Values.Length / (batch.Lengths.Length * features), features, classes);
    }

    public void Dispose()
    {
        _session.Dispose();
        _run.Dispose();
    }
}
