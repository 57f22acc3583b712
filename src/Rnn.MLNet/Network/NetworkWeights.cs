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
        var layers = new List<IReadOnlyList<RecurrentDirectionWeights>>();
        for (int layer = 0; layer < shape.NumLayers; layer++)
        {
            var directions = new List<RecurrentDirectionWeights>();
            for (int direction = 0; direction < shape.Directions; direction++)
            {
                var parameters = ParametersOf(network.Recurrent, layer, direction);
                directions.Add(new RecurrentDirectionWeights(
                    Read(parameters[WeightIh]), Read(parameters[WeightHh]), Read(parameters[BiasIh]), Read(parameters[BiasHh])));
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
        using var noGrad = no_grad();
        for (int layer = 0; layer < description.NumLayers; layer++)
        {
            for (int direction = 0; direction < description.Layers[layer].Count; direction++)
            {
                var parameters = ParametersOf(network.Recurrent, layer, direction);
                var w = description.Layers[layer][direction];
                Write(parameters[WeightIh], w.InputWeights);
                Write(parameters[WeightHh], w.RecurrentWeights);
                Write(parameters[BiasIh], w.InputBias);
                Write(parameters[BiasHh], w.RecurrentBias);
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

    // libtorch's names for the parameters of a single-layer, one-direction module (see RecurrentLayers).
    private const string WeightIh = "weight_ih_l0";
    private const string WeightHh = "weight_hh_l0";
    private const string BiasIh = "bias_ih_l0";
    private const string BiasHh = "bias_hh_l0";

    private static Dictionary<string, TorchSharp.Modules.Parameter> ParametersOf(RecurrentLayers recurrent, int layer, int direction) =>
        recurrent.Direction(layer, direction).named_parameters().ToDictionary(p => p.name, p => p.parameter);

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
