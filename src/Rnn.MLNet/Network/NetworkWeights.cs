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
                var inputWeights = Read(parameters[WeightIh]);
                if (layer == 0 && shape.Projection is { } projection)
                    inputWeights = FoldProjection(inputWeights, shape, projection, Read(network.Projection!.weight!));
                directions.Add(new RecurrentDirectionWeights(
                    inputWeights, Read(parameters[WeightHh]), Read(parameters[BiasIh]), Read(parameters[BiasHh])));
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
            shape.Cell, shape.InputSize, shape.HiddenSize, shape.Bidirectional, layers, head, classNames, tokens, shape.ReadsEveryStep, shape.Pooling, regression, skip);
    }

    /// <summary>
    /// The first layer's input weights over the unprojected step: a kept position's column as it is; a projected position's
    /// column the projection's weights times the columns the projection feeds (W · [kept; P·ids] = W' · step).
    /// </summary>
    private static float[] FoldProjection(float[] weights, NetworkShape shape, InputProjection projection, float[] map)
    {
        int projectedWidth = shape.RecurrentInputSize, width = shape.InputSize, rows = weights.Length / projectedWidth;
        var kept = projection.KeptPositions(width);
        var folded = new float[rows * width];
        for (int r = 0; r < rows; r++)
        {
            var source = weights.AsSpan(r * projectedWidth, projectedWidth);
            var target = folded.AsSpan(r * width, width);
            for (int j = 0; j < kept.Length; j++)
                target[kept[j]] = source[j];
            for (int g = 0; g < projection.Groups; g++)
            {
                for (int s = 0; s < projection.Width; s++)
                {
                    double sum = 0;
                    for (int e = 0; e < projection.Size; e++)
                        sum += (double)source[kept.Length + g * projection.Size + e] * map[e * projection.Width + s];
                    target[projection.Positions[g * projection.Width + s]] = (float)sum;
                }
            }
        }

        return folded;
    }

    // libtorch's names for the parameters of a single-layer, one-direction module (see RecurrentLayers).
    internal const string WeightIh = "weight_ih_l0";
    internal const string WeightHh = "weight_hh_l0";
    internal const string BiasIh = "bias_ih_l0";
    internal const string BiasHh = "bias_hh_l0";

    /// <summary>The parameters of one layer's one direction, by libtorch's names.</summary>
    internal static Dictionary<string, TorchSharp.Modules.Parameter> ParametersOf(RecurrentLayers recurrent, int layer, int direction) =>
        recurrent.Direction(layer, direction).named_parameters().ToDictionary(p => p.name, p => p.parameter);

    private static float[] Read(Tensor parameter)
    {
        using var cpu = parameter.detach().cpu().contiguous();
        return cpu.data<float>().ToArray();
    }
}
