using Rnn.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>Scores batches of sequences with a TorchSharp copy of a trained network; safe to share between threads.</summary>
internal sealed class TorchSequenceScorer : IDisposable
{
    private readonly RnnClassifierNetwork _network;
    private readonly SequenceBatchBuilder _builder;
    private readonly object _gate = new();

    public TorchSequenceScorer(RecurrentNetworkDescription description)
    {
        TorchRuntime.EnsureLoaded();
        _network = NetworkWeights.Build(description);
        _builder = new SequenceBatchBuilder(description.InputSize);
        ClassCount = description.Head.Outputs;
    }

    public int ClassCount { get; }

    /// <summary>Writes softmax probabilities for the rows <paramref name="rows"/> of <paramref name="chunk"/> into <paramref name="probabilities"/> (row-major [rows, classes]).</summary>
    public void Score(SequenceChunk chunk, ReadOnlySpan<int> rows, Span<float> probabilities)
    {
        // One network and one staging buffer: callers take turns; each call is a whole batch.
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (inputs, lengths) = _builder.Inputs(chunk, rows, CPU);
            var scores = _network.call(inputs, lengths).softmax(1).contiguous();
            scores.data<float>().CopyTo(probabilities[..(rows.Length * ClassCount)], 0, 0);
        }
    }

    public void Dispose() => _network.Dispose();
}
