using Rnn.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>Scores with a TorchSharp copy of a trained network (the reference the ONNX graph is checked against).</summary>
internal sealed class TorchSequenceScorer : ISequenceScorer
{
    private readonly RnnClassifierNetwork _network;
    private readonly object _gate = new();

    public TorchSequenceScorer(RecurrentNetworkDescription description)
    {
        TorchRuntime.EnsureLoaded();
        _network = NetworkWeights.Build(description);
        InputSize = description.InputSize;
        ClassCount = description.Head.Outputs;
    }

    public int InputSize { get; }

    public int ClassCount { get; }

    public void Score(PaddedBatch batch, Span<float> probabilities)
    {
        // One native module: callers take turns, each with a whole batch.
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var inputs = empty([batch.Count, batch.MaxSteps, InputSize], ScalarType.Float32);
            inputs.data<float>().CopyFrom(batch.Values, 0, 0);
            var lengths = tensor(batch.Lengths.ToArray().Select(l => (long)l).ToArray(), ScalarType.Int64);
            var scores = _network.call(inputs, lengths).softmax(1).contiguous();
            scores.data<float>().CopyTo(probabilities[..(batch.Count * ClassCount)], 0, 0);
        }
    }

    public void Dispose() => _network.Dispose();
}
