using Rnn.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet.Tests;

/// <summary>
/// Which libtorch path <see cref="TorchSequenceScorer"/> scores through. They are different native kernels: libtorch's
/// oneDNN LSTM inference kernel (taken under <c>no_grad</c>) is wrong on some CPUs where the training kernel (taken when
/// parameters require gradients and gradients are enabled) is right (docs/DESIGN.md §3), so tests score with both.
/// </summary>
internal enum TorchGradients
{
    /// <summary>Forward under <c>torch.no_grad()</c>, as the library scores and validates.</summary>
    Disabled,

    /// <summary>Forward under <c>torch.enable_grad()</c> with every parameter requiring grad, as in training.</summary>
    Enabled,
}

/// <summary>Scores with a TorchSharp copy of a trained network (the reference the ONNX graph is checked against): probabilities, or a regressor's values.</summary>
internal sealed class TorchSequenceScorer : IDisposable
{
    private readonly RnnSequenceNetwork _network;
    private readonly SequenceBatchBuilder _builder;
    private readonly object _gate = new();
    private readonly RegressionTargets? _regression;
    private readonly TorchGradients _gradients;

    /// <param name="description">The network to copy.</param>
    /// <param name="gradients">Whether the forward pass runs with gradients enabled (libtorch's training kernels) or not.</param>
    public TorchSequenceScorer(RecurrentNetworkDescription description, TorchGradients gradients = TorchGradients.Disabled)
    {
        TorchRuntime.EnsureLoaded();
        _network = TorchNetworks.Build(description);
        _builder = new SequenceBatchBuilder(description.Tokens is null ? description.InputSize : 1, description.Tokens is not null);
        Outputs = description.Head.Outputs;
        _regression = description.Regression;
        PerStep = description.PerStep;
        _gradients = gradients;
        if (gradients == TorchGradients.Enabled)
        {
            foreach (var parameter in _network.parameters())
                parameter.requires_grad = true;
        }
    }

    public int Outputs { get; }

    public bool PerStep { get; }

    /// <summary>How <see cref="ReferenceComparison"/> names this side.</summary>
    public string Side => _gradients == TorchGradients.Enabled ? ReferenceComparison.TorchWithGradients : ReferenceComparison.TorchNoGrad;

    public void Score(PaddedBatch batch, Span<float> probabilities)
    {
        // One native module and staging buffer: callers take turns, each with a whole batch.
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var mode = _gradients == TorchGradients.Enabled ? enable_grad() : no_grad();
            var (inputs, lengths) = _builder.Inputs(batch, CPU);
            var outputs = _network.call(inputs, lengths);
            if (_gradients == TorchGradients.Enabled && !outputs.requires_grad)
                throw new InvalidOperationException("Scoring with gradients built no autograd graph: it would have run the inference kernels.");
            outputs = outputs.detach();
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
