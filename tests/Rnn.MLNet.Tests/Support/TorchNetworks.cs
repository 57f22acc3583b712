using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet.Tests;

/// <summary>
/// A description turned back into a TorchSharp network, for tests that score a network through libtorch and through
/// ONNX Runtime and compare (<see cref="TorchSequenceScorer"/>). The library goes one way only (<see cref="NetworkWeights.Describe"/>).
/// </summary>
internal static class TorchNetworks
{
    /// <summary>The architecture a description implies.</summary>
    public static NetworkShape ShapeOf(RecurrentNetworkDescription d) => new(
        d.Cell, d.InputSize, d.HiddenSize, d.NumLayers, d.Bidirectional, Dropout: 0f, d.Head.Outputs,
        TokenRows: d.Tokens?.Rows ?? 0, LearnedEmbedding: d.Tokens is { IsOneHot: false }, ReadsEveryStep: d.PerStep, d.Pooling, d.InputSkip?.InputPositions);

    /// <summary>Builds a network with the description's architecture and weights, in evaluation mode.</summary>
    public static RnnSequenceNetwork Build(RecurrentNetworkDescription description)
    {
        var network = new RnnSequenceNetwork(ShapeOf(description));
        using var noGrad = no_grad();
        for (int layer = 0; layer < description.NumLayers; layer++)
        {
            for (int direction = 0; direction < description.Layers[layer].Count; direction++)
            {
                var parameters = NetworkWeights.ParametersOf(network.Recurrent, layer, direction);
                var w = description.Layers[layer][direction];
                Write(parameters[NetworkWeights.WeightIh], w.InputWeights);
                Write(parameters[NetworkWeights.WeightHh], w.RecurrentWeights);
                Write(parameters[NetworkWeights.BiasIh], w.InputBias);
                Write(parameters[NetworkWeights.BiasHh], w.RecurrentBias);
            }
        }

        Write(network.Head.weight!, description.Head.Weights);
        Write(network.Head.bias!, description.Head.Bias);
        if (network.TokenEmbedding is { } embedding && description.Tokens?.Weights is { } table)
            Write(embedding.weight!, table);
        if (network.Skip is { } skip && description.InputSkip is { } weights)
        {
            Write(skip.weight!, weights.Weights.Weights);
            Write(skip.bias!, weights.Weights.Bias);
        }

        network.eval();
        return network;
    }

    private static void Write(Tensor parameter, ReadOnlyMemory<float> values)
    {
        // TorchSharp takes arrays or writable Memory; the description hands out read-only weights, so copy.
        using var source = tensor(values.ToArray(), parameter.shape, ScalarType.Float32);
        parameter.copy_(source);
    }
}
