using Rnn.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rnn.Benchmarks.Baselines;

/// <summary>
/// Inference of a trained one-layer LSTM classifier in plain TorchSharp: the weights of the
/// <see cref="RecurrentNetworkDescription"/> loaded into nn.LSTM + nn.Linear, padded batches, no_grad, softmax.
/// </summary>
internal sealed class TorchInference : IDisposable
{
    private readonly LSTM _lstm;
    private readonly Linear _head;

    public TorchInference(RecurrentNetworkDescription network)
    {
        if (network.Cell != RnnCellType.Lstm || network.NumLayers != 1 || network.Bidirectional || network.Tokens is not null)
            throw new ArgumentException("The TorchSharp baseline covers one-layer, one-direction LSTMs over float steps.", nameof(network));
        _lstm = nn.LSTM(network.InputSize, network.HiddenSize, batchFirst: true);
        _head = nn.Linear(network.HiddenSize, network.Head.Outputs);
        var weights = network.Layers[0][0];
        var parameters = _lstm.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            Copy(parameters["weight_ih_l0"], weights.InputWeights);
            Copy(parameters["weight_hh_l0"], weights.RecurrentWeights);
            Copy(parameters["bias_ih_l0"], weights.InputBias);
            Copy(parameters["bias_hh_l0"], weights.RecurrentBias);
            Copy(_head.weight!, network.Head.Weights);
            Copy(_head.bias!, network.Head.Bias);
        }

        _lstm.eval();
        _head.eval();
    }

    /// <summary>Class probabilities for each padded batch [batch, steps, features] (every sequence full length).</summary>
    public void Score(IReadOnlyList<Tensor> batches, float[] probabilities)
    {
        using var noGrad = no_grad();
        int offset = 0;
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            var (_, hidden, _) = _lstm.call(batch);
            var scores = _head.call(hidden[-1]).softmax(-1);
            int count = (int)scores.numel();
            // A span copy of the storage: TorchSharp's element accessor copies one value at a time.
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(scores.bytes).CopyTo(probabilities.AsSpan(offset, count));
            offset += count;
        }
    }

    public void Dispose()
    {
        _lstm.Dispose();
        _head.Dispose();
    }

    private static void Copy(Tensor parameter, ReadOnlyMemory<float> values)
    {
        using var source = tensor(values.ToArray(), parameter.shape);
        parameter.copy_(source);
    }
}
