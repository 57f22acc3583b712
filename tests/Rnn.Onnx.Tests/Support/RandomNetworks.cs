using Rnn.Tests.Networks;

namespace Rnn.Onnx.Tests.Support;

/// <summary>Random but reproducible networks and sequences for tests.</summary>
internal static class RandomNetworks
{
    public static RecurrentNetworkDescription Create(
        RnnCellType cell, int layers, bool bidirectional, int seed,
        int inputSize = 3, int hiddenSize = 5, int classes = 4, string[]? classNames = null)
    {
        var rng = new Random(seed);
        int d = bidirectional ? 2 : 1;
        var layerWeights = RandomWeights.Layers(rng, cell, inputSize, hiddenSize, bidirectional, layers);

        var head = new DenseLayerWeights(classes, d * hiddenSize,
            RandomWeights.Uniform(rng, classes * d * hiddenSize, 1.5f), RandomWeights.Uniform(rng, classes, 0.5f));
        classNames ??= [.. Enumerable.Range(0, classes).Select(c => $"class{c}")];
        return new RecurrentNetworkDescription(cell, inputSize, hiddenSize, bidirectional, layerWeights, head, classNames);
    }

    /// <summary>The same weights as a regressor: one target per head output, with the given means and scales.</summary>
    public static RecurrentNetworkDescription AsRegressor(RecurrentNetworkDescription net, float[] means, float[] scales) =>
        new(net.Cell, net.InputSize, net.HiddenSize, net.Bidirectional, net.Layers, net.Head, [], net.Tokens, net.PerStep, net.Pooling,
            new RegressionTargets([.. Enumerable.Range(0, net.Head.Outputs).Select(i => $"target{i}")], means, scales));

    /// <summary>The same weights reading tokens: <paramref name="tokens"/>.Width must be the network's InputSize.</summary>
    public static RecurrentNetworkDescription WithTokens(RecurrentNetworkDescription net, TokenLookup tokens) =>
        new(net.Cell, net.InputSize, net.HiddenSize, net.Bidirectional, net.Layers, net.Head, net.ClassNames, tokens, net.PerStep, net.Pooling);

    /// <summary>One flat sequence of <paramref name="steps"/> × <paramref name="inputSize"/> values in [-1.5, 1.5).</summary>
    public static float[] Sequence(Random rng, int steps, int inputSize) => RandomWeights.Uniform(rng, steps * inputSize, 1.5f);

    public static float[][] Sequences(int seed, int inputSize, params int[] lengths)
    {
        var rng = new Random(seed);
        return [.. lengths.Select(n => Sequence(rng, n, inputSize))];
    }
}
