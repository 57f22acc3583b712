using Rnn.Tests.Networks;

namespace Rnn.MLNet.Tests;

/// <summary>What a <see cref="FixedNetworks"/> network predicts and how it reads its input.</summary>
internal enum FixedTask
{
    ClassifyLast,
    ClassifyMax,
    ClassifyMean,
    Label,
    Regress,
    RegressWithSkip,
}

/// <summary>The first layer's input of a <see cref="FixedNetworks"/> network.</summary>
internal enum FixedInput
{
    FloatSteps,
    Embedding,
    OneHot,
}

/// <summary>
/// Network descriptions whose every weight comes from <see cref="Random"/> with a fixed seed (never libtorch's generator),
/// so the same description, and so the same exported bytes, come out on every machine and with every libtorch build.
/// </summary>
internal static class FixedNetworks
{
    /// <summary>Values per step of float input.</summary>
    public const int InputSize = 3;

    /// <summary>Steps of the fixed-length rows a network with a linear skip reads.</summary>
    public const int FixedSteps = 4;

    public static readonly string[] Vocabulary = ["w0", "w1", "w2", "w3", "w4", "w5", "w6"];

    public static RecurrentNetworkDescription Create(RnnCellType cell, bool bidirectional, int layers, FixedTask task, FixedInput input, int seed)
    {
        var rng = new Random(seed);
        const int hidden = 4;
        int d = bidirectional ? 2 : 1;
        TokenLookup? tokens = input switch
        {
            FixedInput.Embedding => TokenLookup.Embedding(Vocabulary, InputSize, RandomWeights.Uniform(rng, (Vocabulary.Length + 1) * InputSize, 1f)),
            FixedInput.OneHot => TokenLookup.OneHot(Vocabulary),
            _ => null,
        };
        int inputSize = tokens?.Width ?? InputSize;
        var layerWeights = RandomWeights.Layers(rng, cell, inputSize, hidden, bidirectional, layers);

        bool regression = task is FixedTask.Regress or FixedTask.RegressWithSkip;
        int outputs = task switch
        {
            FixedTask.Label => 4,
            FixedTask.Regress => 2,
            FixedTask.RegressWithSkip => 1,
            _ => 3,
        };
        var head = new DenseLayerWeights(outputs, d * hidden, RandomWeights.Uniform(rng, outputs * d * hidden, 1.5f), RandomWeights.Uniform(rng, outputs, 0.5f));
        string[] classNames = regression ? [] : [.. Enumerable.Range(0, outputs).Select(c => task == FixedTask.Label ? $"t{c}" : $"c{c}")];
        var targets = regression ? Targets(rng, outputs, "y") : null;
        var skip = task == FixedTask.RegressWithSkip ? Skip(rng, outputs, [.. Enumerable.Range(0, FixedSteps).Select(t => t * InputSize)]) : null;
        var pooling = task switch
        {
            FixedTask.ClassifyMax => RnnPooling.Max,
            FixedTask.ClassifyMean => RnnPooling.Mean,
            _ => RnnPooling.Last,
        };
        return new RecurrentNetworkDescription(cell, inputSize, hidden, bidirectional, layerWeights, head, classNames, tokens,
            task == FixedTask.Label, pooling, targets, skip);
    }

    /// <summary>A forecaster's regressor over <paramref name="window"/>'s network input, one target per horizon step.</summary>
    public static RecurrentNetworkDescription Forecaster(RnnCellType cell, bool bidirectional, int layers, ForecastWindow window, bool skip, int seed)
    {
        var rng = new Random(seed);
        const int hidden = 4;
        int d = bidirectional ? 2 : 1;
        var layerWeights = RandomWeights.Layers(rng, cell, window.NetworkInputSize, hidden, bidirectional, layers);
        int outputs = window.Horizon;
        var head = new DenseLayerWeights(outputs, d * hidden, RandomWeights.Uniform(rng, outputs * d * hidden, 1.5f), RandomWeights.Uniform(rng, outputs, 0.5f));
        var linear = skip ? Skip(rng, outputs, [.. Enumerable.Range(0, window.WindowSize).Select(t => t * window.ValuesPerTimeStep)]) : null;
        return new RecurrentNetworkDescription(cell, window.NetworkInputSize, hidden, bidirectional, layerWeights, head, [],
            regression: Targets(rng, outputs, "h"), inputSkip: linear);
    }

    private static RegressionTargets Targets(Random rng, int count, string prefix) =>
        new([.. Enumerable.Range(0, count).Select(i => $"{prefix}{i + 1}")],
            RandomWeights.Uniform(rng, count, 3f), [.. RandomWeights.Uniform(rng, count, 1f).Select(s => 1.5f + s)]);

    private static LinearSkip Skip(Random rng, int outputs, int[] positions) =>
        new(positions, new DenseLayerWeights(outputs, positions.Length, RandomWeights.Uniform(rng, outputs * positions.Length, 0.5f), RandomWeights.Uniform(rng, outputs, 0.2f)));
}
