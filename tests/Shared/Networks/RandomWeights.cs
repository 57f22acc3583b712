using Rnn.Onnx;

namespace Rnn.Tests.Networks;

/// <summary>
/// Weights drawn from <see cref="Random"/> (never libtorch's generator), so a test network with a given seed is the same on
/// every machine. Both test projects build their networks from these draws, in this order.
/// </summary>
internal static class RandomWeights
{
    /// <summary>
    /// Every layer's directions, each drawn as input weights, recurrent weights, input bias, recurrent bias, uniform in
    /// ±1.5/√H (PyTorch's default range, a little wider so gates and softmax are not all near their midpoints).
    /// </summary>
    public static List<IReadOnlyList<RecurrentDirectionWeights>> Layers(Random rng, RnnCellType cell, int inputSize, int hiddenSize, bool bidirectional, int layers)
    {
        int directions = bidirectional ? 2 : 1;
        int rows = cell.GateCount() * hiddenSize;
        float scale = 1.5f / MathF.Sqrt(hiddenSize);
        var result = new List<IReadOnlyList<RecurrentDirectionWeights>>();
        for (int layer = 0; layer < layers; layer++)
        {
            int width = layer == 0 ? inputSize : directions * hiddenSize;
            var weights = new List<RecurrentDirectionWeights>();
            for (int dir = 0; dir < directions; dir++)
                weights.Add(new RecurrentDirectionWeights(
                    Uniform(rng, rows * width, scale), Uniform(rng, rows * hiddenSize, scale), Uniform(rng, rows, scale), Uniform(rng, rows, scale)));
            result.Add(weights);
        }

        return result;
    }

    /// <summary><paramref name="count"/> values uniform in [-<paramref name="scale"/>, <paramref name="scale"/>).</summary>
    public static float[] Uniform(Random rng, int count, float scale)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
        return values;
    }
}
