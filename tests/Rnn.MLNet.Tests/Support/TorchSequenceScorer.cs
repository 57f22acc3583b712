using Rnn.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet.Tests;

/// <summary>Scores with a TorchSharp copy of a trained network (the reference the ONNX graph is checked against): probabilities, or a regressor's values.</summary>
internal sealed class TorchSequenceScorer : ISequenceScorer
{
    private readonly RnnSequenceNetwork _network;
    private readonly SequenceBatchBuilder _builder;
    private readonly object _gate = new();
    private readonly RegressionTargets? _regression;

    public TorchSequenceScorer(RecurrentNetworkDescription description)
    {
        TorchRuntime.EnsureLoaded();
        _network = NetworkWeights.Build(description);
        _builder = new SequenceBatchBuilder(description.Tokens is null ? description.InputSize : 1, description.Tokens is not null);
        Outputs = description.Head.Outputs;
        _regression = description.Regression;
        PerStep = description.PerStep;
    }

    public int Outputs { get; }

    public bool PerStep { get; }

    public void Score(PaddedBatch batch, Span<float> probabilities)
    {
        // One native module and staging buffer: callers take turns, each with a whole batch.
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (inputs, lengths) = _builder.Inputs(batch, CPU);
            var outputs = _network.call(inputs, lengths);
            // A regressor's head is standardised: undo it as the exported graph does.
            var scores = (_regression is { } targets
                ? outputs * tensor(targets.Scales.ToArray()) + tensor(targets.Means.ToArray())
                : outputs.softmax(-1)).contiguous();
            int count = PerStep ? batch.Count * batch.MaxSteps * Outputs : batch.Count * Outputs;
            TensorMemory.CopyFrom(scores, probabilities[..count]);
        }
    }

    public void Dispose() => _network.Dispose();
}
