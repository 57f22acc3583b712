using Rnn.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>Moves weights between a TorchSharp network and the framework-neutral <see cref="RecurrentNetworkDescription"/>.</summary>
internal static class NetworkWeights
{
    /// <summary>Copies the trained weights out of <paramref name="network"/> (PyTorch gate order, row-major).</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="classNames">A classifier's class names in output order; empty for a regressor.</param>
    /// <param name="vocabulary">A token network's vocabulary, else null.</param>
    /// <param name="regression">A regressor's targets and scaling, else null.</param>
    public static RecurrentNetworkDescription Describe(
        RnnSequenceNetwork network, IReadOnlyList<string> classNames, IReadOnlyList<string>? vocabulary, RegressionTargets? regression = null)
    {
        var shape = network.Shape;
        var parameters = network.Recurrent.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var layers = new List<IReadOnlyList<RecurrentDirectionWeights>>();
        for (int layer = 0; layer < shape.NumLayers; layer++)
        {
            var directions = new List<RecurrentDirectionWeights>();
            foreach (var suffix in Suffixes(shape.Bidirectional))
            {
                directions.Add(new RecurrentDirectionWeights(
                    Read(parameters[$"weight_ih_l{layer}{suffix}"]),
                    Read(parameters[$"weight_hh_l{layer}{suffix}"]),
                    Read(parameters[$"bias_ih_l{layer}{suffix}"]),
                    Read(parameters[$"bias_hh_l{layer}{suffix}"])));
            }

            layers.Add(directions);
        }

        var head = new DenseLayerWeights(shape.Classes, shape.Directions * shape.HiddenSize, Read(network.Head.weight!), Read(network.Head.bias!));
        TokenLookup? tokens = null;
        if (shape.UsesTokens)
        {
            var known = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary), "A token network needs its vocabulary.");
            tokens = network.TokenEmbedding is { } embedding
                ? TokenLookup.Embedding(known, shape.InputSize, Read(embedding.weight!))
                : TokenLookup.OneHot(known);
        }

        var skip = network.Skip is { } linear && shape.SkipInputs is { } positions
            ? new LinearSkip(positions, new DenseLayerWeights(shape.Classes, positions.Count, Read(linear.weight!), Read(linear.bias!)))
            : null;
        return new RecurrentNetworkDescription(
            shape.Cell, shape.InputSize, shape.HiddenSize, shape.Bidirectional, layers, head, classNames, tokens, shape.PerStep, shape.Pooling, regression, skip);
    }

    /// <summary>The architecture a description implies.</summary>
    public static NetworkShape ShapeOf(RecurrentNetworkDescription d) => new(
        d.Cell, d.InputSize, d.HiddenSize, d.NumLayers, d.Bidirectional, Dropout: 0f, d.Head.Outputs,
        TokenRows: d.Tokens?.Rows ?? 0, LearnedEmbedding: d.Tokens is { IsOneHot: false }, d.PerStep, d.Pooling, d.InputSkip?.InputPositions);

    /// <summary>Builds a network with the description's architecture and weights, in evaluation mode.</summary>
    public static RnnSequenceNetwork Build(RecurrentNetworkDescription description)
    {
        var network = new RnnSequenceNetwork(ShapeOf(description));
        var parameters = network.Recurrent.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var noGrad = no_grad();
        for (int layer = 0; layer < description.NumLayers; layer++)
        {
            int direction = 0;
            foreach (var suffix in Suffixes(description.Bidirectional))
            {
                var w = description.Layers[layer][direction++];
                Write(parameters[$"weight_ih_l{layer}{suffix}"], w.InputWeights);
                Write(parameters[$"weight_hh_l{layer}{suffix}"], w.RecurrentWeights);
                Write(parameters[$"bias_ih_l{layer}{suffix}"], w.InputBias);
                Write(parameters[$"bias_hh_l{layer}{suffix}"], w.RecurrentBias);
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

    private static string[] Suffixes(bool bidirectional) => bidirectional ? ["", "_reverse"] : [""];

    private static float[] Read(Tensor parameter)
    {
        using var cpu = parameter.detach().cpu().contiguous();
        return cpu.data<float>().ToArray();
    }

    private static void Write(Tensor parameter, ReadOnlyMemory<float> values)
    {
        // TorchSharp takes arrays or writable Memory; the description hands out read-only weights, so copy.
        using var source = tensor(values.ToArray(), parameter.shape, ScalarType.Float32);
        parameter.copy_(source);
    }
}
