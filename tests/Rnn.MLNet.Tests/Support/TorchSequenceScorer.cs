using Rnn.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet.Tests;

/// <summary>Scores with a TorchSharp copy of a trained network (the reference the ONNX graph is checked against).</summary>
internal sealed class TorchSequenceScorer : ISequenceScorer
{
    private readonly RnnSequenceNetwork _network;
    private readonly SequenceBatchBuilder _builder;
    private readonly object _gate = new();

    public TorchSequenceScorer(RecurrentNetworkDescription description)
    {
        TorchRuntime.EnsureLoaded();
        _network = NetworkWeights.Build(description);
        _builder = new SequenceBatchBuilder(description.Tokens is null ? description.InputSize : 1, description.Tokens is not null);
        ClassCount = description.Head.Outputs;
        PerStep = description.PerStep;
    }

    public int ClassCount { get; }

    public bool PerStep { get; }

    public void Score(PaddedBatch batch, Span<float> probabilities)
    {
        // One native module and staging buffer: callers take turns, each with a whole batch.
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (inputs, lengths) = _builder.Inputs(batch, CPU);
            var scores = _network.call(inputs, lengths).softmax(-1).contiguous();
            int count = PerStep ? batch.Count * batch.MaxSteps * ClassCount : batch.Count * ClassCount;
            TensorMemory.CopyFrom(scores, probabilities[..count]);
        }
    }

    public void Dispose() => _network.Dispose();
}
