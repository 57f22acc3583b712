using Rnn.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>Moves weights between a TorchSharp network and the framework-neutral <see cref="RecurrentNetworkDescription"/>.</summary>
internal static class NetworkWeights
{
    public static RecurrentCellKind ToKind(RnnCellType cell) => cell switch
    {
        RnnCellType.Tanh => RecurrentCellKind.Tanh,
        RnnCellType.Relu => RecurrentCellKind.Relu,
        RnnCellType.Lstm => RecurrentCellKind.Lstm,
        RnnCellType.Gru => RecurrentCellKind.Gru,
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, null),
    };

    public static RnnCellType ToCellType(RecurrentCellKind kind) => kind switch
    {
        RecurrentCellKind.Tanh => RnnCellType.Tanh,
        RecurrentCellKind.Relu => RnnCellType.Relu,
        RecurrentCellKind.Lstm => RnnCellType.Lstm,
        RecurrentCellKind.Gru => RnnCellType.Gru,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Copies the trained weights out of <paramref name="network"/> (PyTorch gate order, row-major).</summary>
    public static RecurrentNetworkDescription Describe(
        RnnClassifierNetwork network, RnnCellType cell, int inputSize, int hiddenSize, int numLayers, bool bidirectional, IReadOnlyList<string> classNames)
    {
        var parameters = network.Recurrent.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var layers = new List<IReadOnlyList<RecurrentDirectionWeights>>();
        for (int layer = 0; layer < numLayers; layer++)
        {
            var directions = new List<RecurrentDirectionWeights>();
            foreach (var suffix in Suffixes(bidirectional))
            {
                directions.Add(new RecurrentDirectionWeights(
                    Read(parameters[$"weight_ih_l{layer}{suffix}"]),
                    Read(parameters[$"weight_hh_l{layer}{suffix}"]),
                    Read(parameters[$"bias_ih_l{layer}{suffix}"]),
                    Read(parameters[$"bias_hh_l{layer}{suffix}"])));
            }

            layers.Add(directions);
        }

        var head = new DenseLayerWeights(
            (int)network.Head.weight!.shape[0], (int)network.Head.weight.shape[1], Read(network.Head.weight), Read(network.Head.bias!));
        return new RecurrentNetworkDescription(ToKind(cell), inputSize, hiddenSize, bidirectional, layers, head, classNames);
    }

    /// <summary>Builds a network with the description's architecture and weights.</summary>
    public static RnnClassifierNetwork Build(RecurrentNetworkDescription description)
    {
        var network = new RnnClassifierNetwork(
            ToCellType(description.Cell), description.InputSize, description.HiddenSize, description.NumLayers,
            description.Bidirectional, dropout: 0f, description.Head.Outputs);
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
        network.eval();
        return network;
    }

    private static string[] Suffixes(bool bidirectional) => bidirectional ? ["", "_reverse"] : [""];

    private static float[] Read(Tensor parameter)
    {
        using var cpu = parameter.detach().cpu().contiguous();
        return cpu.data<float>().ToArray();
    }

    private static void Write(Tensor parameter, float[] values)
    {
        using var source = tensor(values, parameter.shape, ScalarType.Float32);
        parameter.copy_(source);
    }
}
